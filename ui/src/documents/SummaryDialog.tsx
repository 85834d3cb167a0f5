import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Modal,
  MultiSelect,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { IconInfoCircle } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { toApiError } from "../api";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { Handout } from "../bindings/Handout";
import type { PatientId } from "../bindings/PatientId";
import { usePatientChart } from "../charting/queries";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate } from "../lib/dates";
import { useHandouts } from "../handouts/queries";
import { useApiErrorHandler, useCan, useDateFormat } from "../lib/session";
import { useQueryError } from "../query/useQueryError";
import { documentsApi } from "./api";
import { useGenerateDocument } from "./queries";
import { allSignedVisits, courseOfCare, signedVisitsBetween } from "./period";

type Props = {
  patientId: PatientId;
  opened: boolean;
  onClose: () => void;
  onGenerated: (doc: DocumentInfo) => void;
};

const NO_HANDOUTS: Handout[] = [];

type PeriodChoice = "course" | "all" | "custom";

const SECTIONS = [
  { key: "include_points", label: "Points table", hint: "Code, pinyin, characters, English name, side" },
  { key: "include_pain_chart", label: "Pain chart", hint: "Pain score at each visit" },
  { key: "include_outcomes", label: "Outcomes (PSFS)", hint: "First and latest activity scores" },
  { key: "include_home_advice", label: "Home advice", hint: "From the signed notes" },
  { key: "include_modalities", label: "Other treatment", hint: "Cupping, moxa, e-stim, tui na…" },
] as const;

type SectionKey = (typeof SECTIONS)[number]["key"];

/** "Treatment summary": the period (default: this course of care) and what to include. */
export function SummaryDialog({ patientId, opened, onClose, onGenerated }: Props) {
  const fmt = useDateFormat();
  const handleError = useApiErrorHandler();
  const [choice, setChoice] = useState<PeriodChoice>("course");
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [sections, setSections] = useState<Record<SectionKey, boolean>>({
    include_points: true,
    include_pain_chart: true,
    include_outcomes: true,
    include_home_advice: true,
    include_modalities: true,
  });
  const [nextSteps, setNextSteps] = useState("");
  const can = useCan();
  const [chosenHandouts, setChosenHandouts] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generateDocument = useGenerateDocument();

  const chart = usePatientChart(opened ? patientId : null);
  const visits = chart.data?.visits ?? null;
  const handoutList = useHandouts(false, opened && can("read_handouts"));
  const handouts = handoutList.data ?? NO_HANDOUTS;
  const loadError = useQueryError(chart.error ?? handoutList.error ?? null);
  const shownError = error ?? loadError?.message ?? null;

  // Each opening starts over: no old refusal, the custom period set to this course of care.
  useEffect(() => {
    if (!opened) return;
    setError(null);
    if (!visits) return;
    const course = courseOfCare(visits);
    setFrom(course?.from ?? null);
    setTo(course?.to ?? null);
  }, [opened, visits]);

  const course = useMemo(() => (visits ? courseOfCare(visits) : null), [visits]);
  const all = useMemo(() => (visits ? allSignedVisits(visits) : null), [visits]);
  const period = choice === "course" ? course : choice === "all" ? all : null;
  const range = period ? { from: period.from, to: period.to } : { from, to };
  const count = visits && range.from && range.to ? signedVisitsBetween(visits, range.from, range.to) : 0;

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      const doc = await generateDocument.mutateAsync(() =>
        documentsApi.generateTreatmentSummary({
          patient_id: patientId,
          from: range.from,
          to: range.to,
          ...sections,
          next_steps: nextSteps.trim() || null,
          handouts: chosenHandouts.map(Number),
        }),
      );
      onGenerated(doc);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  const describe = (p: { from: string; to: string; visits: number } | null) =>
    p ? `${formatDate(p.from, fmt)} – ${formatDate(p.to, fmt)} · ${p.visits} visits` : "No signed visits";

  return (
    <Modal opened={opened} onClose={onClose} title="Treatment summary" size="lg" data-testid="summary-dialog">
      {visits === null && !shownError ? (
        <Loader size="sm" aria-label="Loading visits" />
      ) : (
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            A summary for the patient to take home, made from signed notes only (with their addenda).
          </Text>
          {all === null && (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
              This patient has no signed visit notes yet. Sign a note first.
            </Alert>
          )}
          <Stack gap={6}>
            <Text fz="sm" fw={500}>
              Period
            </Text>
            <SegmentedControl
              value={choice}
              onChange={(v) => setChoice(v as PeriodChoice)}
              data={[
                { value: "course", label: "This course of care" },
                { value: "all", label: "All visits" },
                { value: "custom", label: "Choose dates" },
              ]}
              data-testid="summary-period"
            />
            {choice === "custom" ? (
              <Group grow>
                <DateInput
                  label="From"
                  valueFormat="YYYY-MM-DD"
                  value={from}
                  onChange={setFrom}
                  data-testid="summary-from"
                />
                <DateInput
                  label="To"
                  valueFormat="YYYY-MM-DD"
                  value={to}
                  onChange={setTo}
                  data-testid="summary-to"
                />
              </Group>
            ) : (
              <Text fz="sm" data-testid="summary-period-text">
                {describe(period)}
              </Text>
            )}
            {choice === "custom" && (
              <Text fz="xs" c="dimmed">
                {count} signed {count === 1 ? "visit" : "visits"} in this period
              </Text>
            )}
          </Stack>
          <Stack gap={6}>
            <Text fz="sm" fw={500}>
              Include
            </Text>
            <SimpleGrid cols={2} spacing="xs">
              {SECTIONS.map((s) => (
                <Checkbox
                  key={s.key}
                  label={s.label}
                  description={s.hint}
                  checked={sections[s.key]}
                  onChange={(e) => setSections({ ...sections, [s.key]: e.currentTarget.checked })}
                  data-testid={`summary-${s.key}`}
                />
              ))}
            </SimpleGrid>
          </Stack>
          <Textarea
            label="Next steps"
            description="Leave empty to use the plan of the latest signed note."
            autosize
            minRows={2}
            maxRows={5}
            value={nextSteps}
            onChange={(e) => setNextSteps(e.currentTarget.value)}
            data-testid="summary-next-steps"
          />
          {handouts.length > 0 && (
            <MultiSelect
              label="Append handouts"
              description="Each prints on its own page after the summary, in the order chosen."
              placeholder={chosenHandouts.length ? undefined : "None"}
              data={handouts.map((h) => ({
                value: String(h.id),
                label: h.condition ? `${h.title} (${h.condition})` : h.title,
              }))}
              value={chosenHandouts}
              onChange={setChosenHandouts}
              searchable
              clearable
              comboboxProps={{ withinPortal: true }}
              data-testid="summary-handouts"
            />
          )}
          {shownError && <ErrorAlert data-testid="summary-error">{shownError}</ErrorAlert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              onClick={() => void generate()}
              loading={busy}
              disabled={count === 0}
              data-testid="summary-generate"
            >
              Generate summary
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
