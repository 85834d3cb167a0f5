import { Select } from "@mantine/core";
import { useEffect, useState } from "react";
import { api } from "../api";
import type { PatientId } from "../bindings/PatientId";
import { PATIENT_NAME_INPUT, PatientName } from "../components/PatientName";
import { listName } from "../lib/patientName";

type Props = { value: PatientId | null; onChange: (id: PatientId | null) => void };
type Choice = { value: string; label: string };

/** Picks one patient by typing part of a name, phone or chart number. */
export function PatientFilter({ value, onChange }: Props) {
  const [search, setSearch] = useState("");
  const [choices, setChoices] = useState<Choice[]>([]);

  useEffect(() => {
    const text = search.trim();
    if (text.length < 2) return;
    let current = true;
    const timer = window.setTimeout(() => {
      api
        .searchPatients({ text, include_archived: true, limit: 20 })
        .then((found) => {
          if (!current) return;
          const next = found.map((p) => ({
            value: String(p.id),
            label: `${listName(p)} · #${p.chart_number}`,
          }));
          // Keep the chosen patient among the choices so its label stays on screen.
          setChoices((prev) => {
            const chosen = prev.find((c) => c.value === String(value));
            return chosen && !next.some((c) => c.value === chosen.value) ? [chosen, ...next] : next;
          });
        })
        .catch(() => {
          if (current) setChoices([]);
        });
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [search, value]);

  return (
    <Select
      label="Patient"
      placeholder="Type a name or chart number"
      searchable
      clearable
      data={choices}
      value={value === null ? null : String(value)}
      onChange={(v) => onChange(v === null ? null : Number(v))}
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
