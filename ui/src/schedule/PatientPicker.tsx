import { Combobox, Group, InputBase, Loader, Text, useCombobox } from "@mantine/core";
import { forwardRef, useEffect, useState } from "react";
import type { PatientSummary } from "../bindings/PatientSummary";
import { PATIENT_NAME_INPUT, PatientName } from "../components/PatientName";
import { formatDate } from "../lib/dates";
import { listName } from "../lib/patientName";
import { useDateFormat, useOnSessionLost } from "../lib/session";
import { usePatientSearch } from "../patients/usePatientSearch";

export type PickedPatient = { id: number; name: string };

type Props = {
  value: PickedPatient | null;
  onChange: (patient: PickedPatient | null) => void;
  error?: string | null;
};

/**
 * Type part of a name (or a chart number, phone, date of birth): the first match is
 * highlighted, Enter picks it, arrows move. Uses the same search as the Patients list.
 */
export const PatientPicker = forwardRef<HTMLInputElement, Props>(function PatientPicker(
  { value, onChange, error },
  ref,
) {
  const dateFormat = useDateFormat();
  const onSessionLost = useOnSessionLost();
  const [text, setText] = useState(value?.name ?? "");
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const search = usePatientSearch(text === value?.name ? "" : text, onSessionLost);
  const results = text.trim() && text !== value?.name ? search.results.slice(0, 8) : [];

  useEffect(() => setText(value?.name ?? ""), [value]);
  // Keep the first match highlighted as results arrive, so Enter takes it.
  useEffect(() => {
    if (results.length > 0) combobox.selectFirstOption();
  }, [search.results]);

  const pick = (p: PatientSummary) => {
    const picked = { id: p.id, name: listName(p) };
    onChange(picked);
    setText(picked.name);
    combobox.closeDropdown();
  };

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(id) => {
        const p = search.results.find((r) => String(r.id) === id);
        if (p) pick(p);
      }}
    >
      <Combobox.Target>
        <InputBase
          ref={ref}
          label="Patient"
          placeholder="Type part of a name, chart number or phone"
          value={text}
          classNames={PATIENT_NAME_INPUT}
          onChange={(e) => {
            setText(e.currentTarget.value);
            if (value) onChange(null);
            combobox.openDropdown();
          }}
          onFocus={() => text && !value && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          rightSection={search.loading && text ? <Loader size={14} /> : null}
          error={error}
          autoComplete="off"
          data-autofocus
          data-testid="booking-patient"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={results.length === 0 && !(text.trim() && search.loaded && !value)}>
        <Combobox.Options data-testid="booking-patient-options">
          {results.length === 0 ? (
            <Combobox.Empty>No patient matches “{text}”.</Combobox.Empty>
          ) : (
            results.map((p) => (
              <Combobox.Option key={p.id} value={String(p.id)} data-testid={`booking-patient-option-${p.id}`}>
                <Group justify="space-between" wrap="nowrap">
                  <Text fz="sm" fw={600}>
                    <PatientName>{listName(p)}</PatientName>
                  </Text>
                  <Text fz="xs" c="dimmed">
                    #{p.chart_number}
                    {p.date_of_birth ? ` · ${formatDate(p.date_of_birth, dateFormat)}` : ""}
                    {p.phone ? ` · ${p.phone}` : ""}
                  </Text>
                </Group>
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
});
