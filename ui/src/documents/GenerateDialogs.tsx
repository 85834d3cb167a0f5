import { Button, Group, Loader, Modal, NumberInput, Select, Stack, Text } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useEffect, useMemo, useState } from "react";
import { toApiError } from "../api";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { PatientId } from "../bindings/PatientId";
import { usePatientChart } from "../charting/queries";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate } from "../lib/dates";
import { useApiErrorHandler, useDateFormat } from "../lib/session";
import { useQueryError } from "../query/useQueryError";
import { documentsApi } from "./api";
import { useGenerateDocument } from "./queries";

type Props = {
  patientId: PatientId;
  opened: boolean;
  onClose: () => void;
  onGenerated: (doc: DocumentInfo) => void;
};

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Runs one generation, turning a refusal into the message shown in the dialog. */
function useGenerate(onGenerated: (doc: DocumentInfo) => void) {
  const handleError = useApiErrorHandler();
  const generateDocument = useGenerateDocument();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (work: () => Promise<DocumentInfo>) => {
    setBusy(true);
    setError(null);
    try {
      onGenerated(await generateDocument.mutateAsync(work));
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}

/** Superbill / receipt for one date of service; CPT units come from that day's signed notes. */
export function SuperbillDialog({ patientId, opened, onClose, onGenerated }: Props) {
  const [date, setDate] = useState<string | null>(todayIso());
  const [paid, setPaid] = useState<number | string>("");
  const [method, setMethod] = useState<string | null>(null);
  const { busy, error, run } = useGenerate(onGenerated);
  const generate = () =>
    run(() =>
      documentsApi.generateSuperbill({
        patient_id: patientId,
        date: date ?? "",
        amount_paid_cents: typeof paid === "number" ? Math.round(paid * 100) : null,
        payment_method: method,
      }),
    );
  return (
    <Modal opened={opened} onClose={onClose} title="Superbill / receipt" data-testid="superbill-dialog">
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          Diagnosis codes and CPT units are taken from the signed notes of the date of service; fees from the
          appointment types.
        </Text>
        <DateInput
          label="Date of service"
          valueFormat="YYYY-MM-DD"
          value={date}
          onChange={setDate}
          data-testid="superbill-date"
        />
        <Group grow>
          <NumberInput
            label="Amount paid"
            description="Optional"
            min={0}
            decimalScale={2}
            fixedDecimalScale
            value={paid}
            onChange={setPaid}
            data-testid="superbill-paid"
          />
          <Select
            label="Payment method"
            description="Optional"
            clearable
            data={["Card", "Cash", "Cheque", "Bank transfer", "Insurance"]}
            value={method}
            onChange={setMethod}
          />
        </Group>
        {error && <ErrorAlert data-testid="superbill-error">{error}</ErrorAlert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => void generate()}
            loading={busy}
            disabled={!date}
            data-testid="superbill-generate"
          >
            Make superbill
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A signed visit note with its addenda, for a referral or a records request. */
export function VisitNoteDialog({ patientId, opened, onClose, onGenerated }: Props) {
  const fmt = useDateFormat();
  const chart = usePatientChart(opened ? patientId : null);
  const visits = useMemo(() => chart.data?.visits.filter((v) => v.status === "signed") ?? null, [chart.data]);
  const [noteId, setNoteId] = useState<string | null>(null);
  const { busy, error: generateError, run } = useGenerate(onGenerated);
  const loadError = useQueryError(chart.error);
  const error = generateError ?? loadError?.message ?? null;

  // Each opening starts at the newest signed visit.
  useEffect(() => {
    if (opened && visits) setNoteId(visits[0] ? String(visits[0].id) : null);
  }, [opened, visits]);

  return (
    <Modal opened={opened} onClose={onClose} title="Visit note PDF" data-testid="visit-note-dialog">
      {visits === null && !error ? (
        <Loader size="sm" aria-label="Loading visits" />
      ) : (
        <Stack gap="md">
          <Select
            label="Signed visit"
            placeholder={visits?.length ? undefined : "No signed visits yet"}
            data={(visits ?? []).map((v) => ({
              value: String(v.id),
              label: `${formatDate(v.visit_date, fmt)} · ${v.practitioner_name}${v.chief_complaint ? ` · ${v.chief_complaint}` : ""}`,
            }))}
            value={noteId}
            onChange={setNoteId}
            data-testid="visit-note-select"
          />
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              onClick={() => void run(() => documentsApi.generateVisitNotePdf(Number(noteId)))}
              loading={busy}
              disabled={!noteId}
              data-testid="visit-note-generate"
            >
              Make PDF
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
