import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { toApiError } from "../api";
import type { Appointment } from "../bindings/Appointment";
import type { EditScope } from "../bindings/EditScope";
import type { Practitioner } from "../bindings/Practitioner";
import { ErrorAlert } from "../components/ErrorAlert";
import { PatientName } from "../components/PatientName";
import { useApiErrorHandler } from "../lib/session";
import { useUpdateAppointment } from "./mutations";
import { SCOPES } from "./CancelDialog";
import { DateField, TimeField } from "./fields";
import { timeOf } from "./time";

/** Where the appointment should go; a drag fills it in when the core asks for a reason. */
export type RescheduleTarget = {
  appointment: Appointment;
  date?: string;
  time?: string;
  practitionerId?: number;
  durationMinutes?: number;
  /** The core's words when a move needs an override (outside hours, time off). */
  needsReason?: string;
};

type Props = {
  target: RescheduleTarget | null;
  today: string;
  practitioners: Practitioner[];
  onClose: () => void;
};

/** Moves an appointment (or the rest of its course) by keyboard: date, time, practitioner, Enter. */
export function RescheduleDialog({ target, today, practitioners, onClose }: Props) {
  const handleError = useApiErrorHandler();
  const updateAppointment = useUpdateAppointment();
  const a = target?.appointment ?? null;
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [practitioner, setPractitioner] = useState<string | null>(null);
  const [duration, setDuration] = useState<number | string>(45);
  const [scope, setScope] = useState<EditScope>("this");
  const [reason, setReason] = useState("");
  const [needsReason, setNeedsReason] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    const x = target.appointment;
    setDate(target.date ?? x.local_start.slice(0, 10));
    setTime(target.time ?? timeOf(x.local_start));
    setPractitioner(String(target.practitionerId ?? x.practitioner_id));
    setDuration(target.durationMinutes ?? x.duration_minutes);
    setScope("this");
    setReason("");
    setNeedsReason(target.needsReason ?? null);
    setError(null);
  }, [target]);

  const submit = async () => {
    if (!a) return;
    if (!date || !time) {
      setError("Type the new date and time.");
      return;
    }
    if (needsReason && !reason.trim()) {
      setError("Give a reason to book outside working hours (it is recorded).");
      return;
    }
    setBusy(true);
    try {
      await updateAppointment.mutateAsync({
        id: a.id,
        change: {
          starts_at: `${date}T${time}`,
          duration_minutes: Number(duration) || null,
          practitioner_id: practitioner ? Number(practitioner) : null,
          override_reason: needsReason ? reason : null,
          scope,
        },
      });
      notifications.show({ color: "teal", title: "Appointment moved", message: `Now ${date} at ${time}.` });
      onClose();
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e?.code === "needs_acknowledgement") {
        setNeedsReason(e.message);
        setError(null);
      } else if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={a !== null} onClose={onClose} title="Reschedule" size="lg">
      {a && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="reschedule-dialog"
        >
          <Stack gap="sm">
            <Text fz="sm">
              <PatientName>{a.patient_name}</PatientName> · {a.type_name}
            </Text>
            <SimpleGrid cols={4} spacing="sm">
              <DateField
                label="Date"
                value={date}
                onChange={setDate}
                today={today}
                data-autofocus
                data-testid="reschedule-date"
              />
              <TimeField label="Time" value={time} onChange={setTime} data-testid="reschedule-time" />
              <Select
                label="Practitioner"
                data={practitioners
                  .filter((p) => p.active)
                  .map((p) => ({ value: String(p.user_id), label: p.display_name }))}
                value={practitioner}
                onChange={setPractitioner}
                allowDeselect={false}
              />
              <NumberInput
                label="Minutes"
                value={duration}
                onChange={setDuration}
                min={5}
                max={480}
                step={5}
              />
            </SimpleGrid>
            {a.series_id !== null && (
              <SegmentedControl value={scope} onChange={(v) => setScope(v as EditScope)} data={SCOPES} />
            )}
            {needsReason && (
              <Alert color="yellow" title="Outside working hours" data-testid="reschedule-needs-reason">
                {needsReason}
              </Alert>
            )}
            {needsReason && (
              <TextInput
                label="Reason for booking anyway"
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                data-autofocus
                data-testid="reschedule-reason"
              />
            )}
            {error && <ErrorAlert data-testid="reschedule-error">{error}</ErrorAlert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={busy} data-testid="reschedule-confirm">
                Move
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
