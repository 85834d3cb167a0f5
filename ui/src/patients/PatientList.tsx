import {
  Badge,
  Box,
  Button,
  Group,
  Kbd,
  Loader,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconPlus, IconSearch } from "@tabler/icons-react";
import type { Dispatch, KeyboardEvent, RefObject, SetStateAction } from "react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientSummary } from "../bindings/PatientSummary";
import { PatientsEmptyState } from "./PatientsEmptyState";
import { PatientTable } from "./PatientTable";
import { SEARCH_LIMIT, type PatientSearch } from "./usePatientSearch";
import { ErrorAlert } from "../components/ErrorAlert";

type Props = {
  dateFormat: DateFormat;
  searchRef: RefObject<HTMLInputElement | null>;
  text: string;
  onTextChange: (text: string) => void;
  includeArchived: boolean;
  onIncludeArchivedChange: (value: boolean) => void;
  search: PatientSearch;
  highlighted: number;
  setHighlighted: Dispatch<SetStateAction<number>>;
  onOpen: (patient: PatientSummary) => void;
  onNewPatient: () => void;
};

/** The search box and the results: type, move with ↑ ↓, open with Enter. */
export function PatientList(props: Props) {
  const { dateFormat, searchRef, text, onTextChange, search, highlighted, setHighlighted, onOpen } = props;
  const { results } = search;

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
        onOpen(target);
      }
    } else if (event.key === "Escape" && text) {
      event.preventDefault();
      onTextChange("");
    }
  }

  const count = results.length >= SEARCH_LIMIT ? `${SEARCH_LIMIT}+` : String(results.length);
  const caption = search.resultsQuery
    ? `${results.length === 1 ? "1 match" : `${count} matches`} for “${search.resultsQuery}”`
    : "Most recently updated";

  return (
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
            onClick={props.onNewPatient}
            data-testid="new-patient"
            aria-keyshortcuts="Alt+N Control+Shift+N"
          >
            New patient
          </Button>
        </Tooltip>
      </Group>

      {/* data-results-for: what the list answers, for the in-app keystroke-to-paint benchmark. */}
      <Box onKeyDown={onListKeyDown} data-results-for={search.resultsQuery}>
        <Stack gap="xs">
          <TextInput
            ref={searchRef}
            size="md"
            autoFocus
            value={text}
            onChange={(e) => onTextChange(e.currentTarget.value)}
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
          <Group justify="space-between" align="center" wrap="nowrap">
            <Text fz="xs" c="dimmed" aria-live="polite">
              {search.loaded ? caption : "\u00a0"}
              {search.loaded && results.length > 0 && " · ↑ ↓ to move, Enter to open"}
            </Text>
            <Switch
              size="sm"
              label="Show archived"
              checked={props.includeArchived}
              onChange={(e) => props.onIncludeArchivedChange(e.currentTarget.checked)}
              data-testid="show-archived"
            />
          </Group>
        </Stack>

        {search.error && <ErrorAlert mt="md">{search.error}</ErrorAlert>}

        {search.loaded && results.length === 0 && !search.error && (
          <PatientsEmptyState query={search.resultsQuery} onNewPatient={props.onNewPatient} />
        )}
        {results.length > 0 && (
          <Box mt="md">
            <PatientTable
              patients={results}
              highlighted={highlighted}
              dateFormat={dateFormat}
              onOpen={onOpen}
            />
          </Box>
        )}
      </Box>
    </Stack>
  );
}
