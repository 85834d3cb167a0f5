import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { toApiError } from "../api";
import type { Appointment } from "../bindings/Appointment";
import type { CancelResult } from "../bindings/CancelResult";
import type { EditScope } from "../bindings/EditScope";
import { ErrorAlert } from "../components/ErrorAlert";
import { PatientName } from "../components/PatientName";
import { useApiErrorHandler } from "../lib/session";
import { useCancelAppointment } from "./mutations";
import { longDate, timeOf } from "./time";
import { WaitlistOffers } from "./WaitlistOffers";

type Props = {
  appointment: Appointment | null;
  onClose: () => void;
};

export const SCOPES: { value: EditScope; label: string }[] = [
  { value: "this", label: "This visit" },
  { value: "this_and_following", label: "This and following" },
  { value: "all", label: "Whole course" },
];

/**
 * Cancel with a reason (Enter confirms). Afterwards it says whether the cancellation was late
 * and lists the waiting patients who fit the freed time.
 */
export function CancelDialog({ appointment: a, onClose }: Props) {
  const handleError = useApiErrorHandler();
  const cancelAppointment = useCancelAppointment();
  const [reason, setReason] = useState("");
  const [scope, setScope] = useState<EditScope>("this");
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CancelResult | null>(null);

  useEffect(() => {
    setReason("");
    setScope("this");
    setError(null);
    setFieldError(null);
    setResult(null);
  }, [a?.id]);

  const submit = async () => {
    if (!a) return;
    if (!reason.trim()) {
      setFieldError("Say why the appointment is cancelled.");
      return;
    }
    setBusy(true);
    try {
      const done = await cancelAppointment.mutateAsync({ id: a.id, input: { reason, scope } });
      const late = done.cancelled.some((c) => c.late_cancel);
      if (done.offers.length === 0) {
        notifications.show({
          color: late ? "orange" : "teal",
          title:
            done.cancelled.length === 1
              ? "Appointment cancelled"
              : `${done.cancelled.length} visits cancelled`,
          message: late
            ? "Late cancellation: less notice than the clinic asks for."
            : "Nobody on the waitlist fits this time.",
        });
        onClose();
      } else {
        setResult(done);
      }
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) {
        const field = e.fields.find((f) => f.field === "reason");
        if (field) setFieldError(field.message);
        else setError(e.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={a !== null}
      onClose={onClose}
      title={result ? "Cancelled" : "Cancel appointment"}
      size="lg"
    >
      {a && !result && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="cancel-dialog"
        >
          <Stack gap="sm">
            <Text fz="sm">
              <PatientName>{a.patient_name}</PatientName> — {longDate(a.local_start.slice(0, 10))},{" "}
              {timeOf(a.local_start)} with {a.practitioner_name}
            </Text>
            {a.series_id !== null && (
              <SegmentedControl
                value={scope}
                onChange={(v) => setScope(v as EditScope)}
                data={SCOPES}
                data-testid="cancel-scope"
              />
            )}
            <TextInput
              label="Reason"
              placeholder="e.g. Unwell, called at 8:40"
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setFieldError(null);
              }}
              error={fieldError}
              data-autofocus
              data-testid="cancel-reason"
            />
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Keep appointment
              </Button>
              <Button type="submit" color="red" loading={busy} data-testid="cancel-confirm">
                Cancel appointment
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {result && (
        <Stack gap="sm" data-testid="cancel-result">
          {result.cancelled.some((c) => c.late_cancel) ? (
            <Alert color="orange" title="Late cancellation">
              Cancelled with less notice than the clinic asks for; it counts on the patient's record.
            </Alert>
          ) : (
            <Text fz="sm">The appointment is cancelled.</Text>
          )}
          <WaitlistOffers offers={result.offers} />
          <Group justify="flex-end">
            <Button onClick={onClose} data-autofocus>
              Done
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
