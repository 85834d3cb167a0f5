import { Button, Group, Modal, Radio, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconSearch } from "@tabler/icons-react";
import { useState, type FormEvent, type KeyboardEvent } from "react";
import { toApiError } from "../../api";
import type { PatientProfile } from "../../bindings/PatientProfile";
import type { PatientSummary } from "../../bindings/PatientSummary";
import { formatDate } from "../../lib/dates";
import { listName } from "../../lib/patientName";
import { useApiErrorHandler, useDateFormat, useOnSessionLost } from "../../lib/session";
import { useMergePatients } from "../queries";
import { usePatientSearch } from "../usePatientSearch";
import { ErrorAlert } from "../../components/ErrorAlert";
import { PatientName } from "../../components/PatientName";

type Props = {
  opened: boolean;
  profile: PatientProfile;
  onClose: () => void;
  onMerged: (kept: PatientProfile) => void;
};

/** Finds the other record, asks which one to keep, and merges. Mantine unmounts the form when closed. */
export function MergeDialog({ opened, profile, onClose, onMerged }: Props) {
  const [busy, setBusy] = useState(false);
  return (
    <Modal opened={opened} onClose={() => !busy && onClose()} title="Merge a duplicate record" size="lg">
      <MergeForm profile={profile} busy={busy} setBusy={setBusy} onCancel={onClose} onMerged={onMerged} />
    </Modal>
  );
}

const MAX_CANDIDATES = 8;

type FormProps = {
  profile: PatientProfile;
  busy: boolean;
  setBusy: (busy: boolean) => void;
  onCancel: () => void;
  onMerged: (kept: PatientProfile) => void;
};

function MergeForm({ profile, busy, setBusy, onCancel, onMerged }: FormProps) {
  const dateFormat = useDateFormat();
  const handleError = useApiErrorHandler();
  const mergePatients = useMergePatients();
  const [text, setText] = useState("");
  const [other, setOther] = useState<PatientSummary | null>(null);
  const [keep, setKeep] = useState<"this" | "other">("this");
  const [error, setError] = useState<string | null>(null);
  const search = usePatientSearch(text, useOnSessionLost());
  const candidates = search.results.filter((p) => p.id !== profile.id).slice(0, MAX_CANDIDATES);
  const thisLabel = `${listName(profile.details)}, chart #${profile.chart_number}`;

  async function merge(chosen: PatientSummary) {
    const [keepId, mergeId] = keep === "this" ? [profile.id, chosen.id] : [chosen.id, profile.id];
    const mergedChart = keep === "this" ? chosen.chart_number : profile.chart_number;
    setBusy(true);
    setError(null);
    try {
      const kept = await mergePatients.mutateAsync({ keep: keepId, merge: mergeId });
      setBusy(false);
      notifications.show({
        color: "teal",
        title: "Records merged",
        message: `Chart #${mergedChart} was merged into chart #${kept.chart_number}.`,
      });
      onMerged(kept);
    } catch (reason) {
      setBusy(false);
      const apiError = handleError(toApiError(reason));
      if (apiError) setError(apiError.message);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && other) void merge(other);
  }

  // Enter in the search box picks the best match; once it is picked, Enter merges.
  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const first = candidates[0];
    if (event.key !== "Enter" || !first || other?.id === first.id) return;
    event.preventDefault();
    setOther(first);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm">
          Find the other record for the same person as{" "}
          <b>
            <PatientName>{thisLabel}</PatientName>
          </b>
          .
        </Text>
        <TextInput
          data-autofocus
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onSearchKeyDown}
          placeholder="Search by name, phone, date of birth or chart number"
          aria-label="Search for the duplicate record"
          leftSection={<IconSearch size={16} />}
          autoComplete="off"
          spellCheck={false}
          data-testid="merge-search"
        />
        <Stack gap={4} role="listbox" aria-label="Matching records" mah={260} style={{ overflowY: "auto" }}>
          {candidates.length === 0 && search.loaded && (
            <Text fz="sm" c="dimmed">
              No other matching patient.
            </Text>
          )}
          {candidates.map((p) => {
            const selected = other?.id === p.id;
            return (
              <UnstyledButton
                key={p.id}
                type="button"
                role="option"
                aria-selected={selected}
                onClick={() => setOther(p)}
                data-testid="merge-candidate"
                data-patient-id={p.id}
                px="sm"
                py={6}
                style={{
                  borderRadius: "var(--mantine-radius-sm)",
                  border: `1px solid ${selected ? "var(--mantine-primary-color-filled)" : "var(--mantine-color-default-border)"}`,
                  background: selected ? "var(--mantine-primary-color-light)" : undefined,
                }}
              >
                <Group justify="space-between" wrap="nowrap" gap="md">
                  <Text fz="sm" fw={500}>
                    <PatientName>{listName(p)}</PatientName>
                  </Text>
                  <Text fz="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                    #{p.chart_number}
                    {p.date_of_birth && ` · ${formatDate(p.date_of_birth, dateFormat)}`}
                    {p.phone && ` · ${p.phone}`}
                  </Text>
                </Group>
              </UnstyledButton>
            );
          })}
        </Stack>

        {other && (
          <Radio.Group
            label="Which record should be kept?"
            description="The other one is archived and marked as merged; nothing is deleted."
            value={keep}
            onChange={(v) => setKeep(v === "other" ? "other" : "this")}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="this"
                label={
                  <>
                    Keep this record (<PatientName>{thisLabel}</PatientName>)
                  </>
                }
                data-testid="merge-keep-this"
              />
              <Radio
                value="other"
                label={
                  <>
                    Keep <PatientName>{listName(other)}</PatientName>, chart #{other.chart_number}
                  </>
                }
                data-testid="merge-keep-other"
              />
            </Stack>
          </Radio.Group>
        )}

        {error && <ErrorAlert data-testid="merge-error">{error}</ErrorAlert>}

        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy} disabled={!other} data-testid="merge-confirm">
            Merge records
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
