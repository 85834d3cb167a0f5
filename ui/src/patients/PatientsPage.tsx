import {
  Alert,
  Badge,
  Box,
  Button,
  Group,
  Kbd,
  Loader,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconAlertCircle, IconPlus, IconSearch } from "@tabler/icons-react";
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientSummary } from "../bindings/PatientSummary";
import { fullName } from "../lib/patientName";
import { NewPatientModal } from "./NewPatientModal";
import { PatientDetailsDrawer } from "./PatientDetailsDrawer";
import { PatientsEmptyState } from "./PatientsEmptyState";
import { PatientTable } from "./PatientTable";
import { SEARCH_LIMIT, usePatientSearch } from "./usePatientSearch";

type Props = {
  dateFormat: DateFormat;
  searchRef: RefObject<HTMLInputElement | null>;
  onSessionLost: () => void;
};

export function PatientsPage({ dateFormat, searchRef, onSessionLost }: Props) {
  const [text, setText] = useState("");
  const [highlighted, setHighlighted] = useState(-1);
  const [open, setOpen] = useState<PatientSummary | null>(null);
  const [creating, setCreating] = useState(false);
  const [justCreatedId, setJustCreatedId] = useState<number | null>(null);
  // After a save, the cursor goes back to the search box (new patient highlighted, Enter opens them).
  const focusSearchAfterModal = useRef(false);
  const search = usePatientSearch(text, onSessionLost);
  const { results } = search;

  // New results: start over, except after registering someone, whose row is then highlighted.
  useEffect(() => {
    const index = justCreatedId === null ? -1 : results.findIndex((p) => p.id === justCreatedId);
    setHighlighted(index);
  }, [results, justCreatedId]);

  const startNewPatient = () => setCreating(true);
  // Work from the search box too: that is where the cursor usually is.
  useHotkeys(
    [
      ["alt+N", startNewPatient, { preventDefault: true, usePhysicalKeys: true }],
      ["mod+shift+N", startNewPatient, { preventDefault: true, usePhysicalKeys: true }],
    ],
    [],
  );

  function onListKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const last = results.length - 1;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setHighlighted((h) => Math.min(h + 1, last));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setHighlighted((h) => Math.max(h - 1, 0));
    } else if (event.key === "Enter") {
      // With nothing highlighted, Enter takes the best match, but only once the list answers what was typed.
      const upToDate = search.resultsQuery === text.trim();
      const target = highlighted >= 0 ? results[highlighted] : upToDate ? results[0] : undefined;
      if (target) {
        event.preventDefault();
        setOpen(target);
      }
    } else if (event.key === "Escape" && text) {
      event.preventDefault();
      setText("");
    }
  }

  function onCreated(patient: PatientSummary) {
    setCreating(false);
    focusSearchAfterModal.current = true;
    notifications.show({
      color: "teal",
      title: "Patient registered",
      message: `Registered ${fullName(patient)} (chart #${patient.chart_number})`,
    });
    // The recently-updated list starts with the new patient, so show that list and highlight them.
    setJustCreatedId(patient.id);
    // An unchanged (empty) query needs an explicit re-run; a cleared one re-runs by itself.
    if (text.trim() === "") search.refresh();
    setText("");
  }

  const count = results.length >= SEARCH_LIMIT ? `${SEARCH_LIMIT}+` : String(results.length);
  const caption = search.resultsQuery
    ? `${results.length === 1 ? "1 match" : `${count} matches`} for “${search.resultsQuery}”`
    : "Most recently updated";

  return (
    <>
      <Stack gap="lg" maw={1100}>
        <Group justify="space-between" align="center">
          <Group gap="sm" align="center">
            <Title order={1}>Patients</Title>
            {search.loaded && (
              <Badge
                size="lg"
                color="gray"
                variant="light"
                data-testid="patient-count"
                aria-label={`${count} shown`}
              >
                {count}
              </Badge>
            )}
          </Group>
          <Tooltip
            label={
              <>
                New patient <Kbd>Alt</Kbd> + <Kbd>N</Kbd>
              </>
            }
            withArrow
            openDelay={300}
          >
            <Button
              leftSection={<IconPlus size={18} />}
              onClick={startNewPatient}
              data-testid="new-patient"
              aria-keyshortcuts="Alt+N Control+Shift+N"
            >
              New patient
            </Button>
          </Tooltip>
        </Group>

        <Box onKeyDown={onListKeyDown}>
          <Stack gap="xs">
            <TextInput
              ref={searchRef}
              size="md"
              autoFocus
              value={text}
              onChange={(e) => {
                setJustCreatedId(null);
                setText(e.currentTarget.value);
              }}
              placeholder="Search by name, phone, date of birth or chart number"
              aria-label="Search patients"
              aria-keyshortcuts="Control+K /"
              leftSection={<IconSearch size={18} />}
              rightSection={search.loading ? <Loader size={16} /> : <Kbd>Ctrl K</Kbd>}
              rightSectionWidth={search.loading ? 36 : 64}
              rightSectionPointerEvents="none"
              spellCheck={false}
              autoComplete="off"
              data-testid="patient-search"
            />
            <Text fz="xs" c="dimmed" aria-live="polite">
              {search.loaded ? caption : "\u00a0"}
              {search.loaded && results.length > 0 && " · ↑ ↓ to move, Enter to open"}
            </Text>
          </Stack>

          {search.error && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} mt="md" role="alert">
              {search.error}
            </Alert>
          )}

          {search.loaded && results.length === 0 && !search.error && (
            <PatientsEmptyState query={search.resultsQuery} onNewPatient={startNewPatient} />
          )}
          {results.length > 0 && (
            <Box mt="md">
              <PatientTable
                patients={results}
                highlighted={highlighted}
                dateFormat={dateFormat}
                onOpen={setOpen}
              />
            </Box>
          )}
        </Box>
      </Stack>

      <PatientDetailsDrawer patient={open} dateFormat={dateFormat} onClose={() => setOpen(null)} />
      <NewPatientModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={onCreated}
        onSessionLost={onSessionLost}
        onClosed={() => {
          if (!focusSearchAfterModal.current) return;
          focusSearchAfterModal.current = false;
          searchRef.current?.focus();
        }}
      />
    </>
  );
}
