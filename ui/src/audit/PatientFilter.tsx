import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "../api";
import type { PatientId } from "../bindings/PatientId";
import { PATIENT_NAME_INPUT, PatientName } from "../components/PatientName";
import { listName } from "../lib/patientName";
import type { PatientSummary } from "../bindings/PatientSummary";
import { queryKeys } from "../query/keys";

type Props = { value: PatientId | null; onChange: (id: PatientId | null) => void };
type Choice = { value: string; label: string };

function toChoice(p: PatientSummary): Choice {
  return { value: String(p.id), label: `${listName(p)} · #${p.chart_number}` };
}

/** Picks one patient by typing part of a name, phone or chart number. */
export function PatientFilter({ value, onChange }: Props) {
  const [search, setSearch] = useState("");
  const [text] = useDebouncedValue(search.trim(), 200);
  const found = useQuery({
    queryKey: queryKeys.patients.lookup(text),
    queryFn:
      text.length >= 2 ? () => api.searchPatients({ text, include_archived: true, limit: 20 }) : skipToken,
    // Fewer than two letters ask nothing and leave the last choices in the list.
    placeholderData: keepPreviousData,
  });
  // The chosen patient stays among the choices so its label stays on screen.
  const [chosen, setChosen] = useState<Choice | null>(null);
  const matches = useMemo(
    () => (found.isError ? [] : (found.data ?? []).map(toChoice)),
    [found.data, found.isError],
  );
  const choices =
    chosen && chosen.value === String(value) && !matches.some((c) => c.value === chosen.value)
      ? [chosen, ...matches]
      : matches;

  return (
    <Select
      label="Patient"
      placeholder="Type a name or chart number"
      searchable
      clearable
      data={choices}
      value={value === null ? null : String(value)}
      onChange={(v) => {
        setChosen(choices.find((c) => c.value === v) ?? null);
        onChange(v === null ? null : Number(v));
      }}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      nothingFoundMessage={search.trim().length < 2 ? "Type at least two letters" : "No patient found"}
      renderOption={({ option }) => <PatientName>{option.label}</PatientName>}
      classNames={PATIENT_NAME_INPUT}
      w={220}
      data-testid="audit-filter-patient"
    />
  );
}
