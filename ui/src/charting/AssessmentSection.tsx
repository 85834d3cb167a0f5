import { Badge, CloseButton, Combobox, Group, InputBase, Loader, Text, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { Icd10Code } from "../bindings/Icd10Code";
import { useIcd10Search } from "./queries";
import { AreaField, NoteSection, TextField } from "./fields";
import type { NoteEditor } from "./noteEditor";

const NO_CODES: Icd10Code[] = [];

const PATTERNS = [
  "Qi and Blood stagnation in the Bladder channel",
  "Qi and Blood stagnation in the Gallbladder channel",
  "Qi and Blood stagnation",
  "Cold-Damp Bi obstruction",
  "Damp-Heat Bi obstruction",
  "Kidney Yang deficiency",
  "Kidney Yin deficiency",
  "Liver Qi stagnation",
  "Liver Yang rising",
  "Spleen Qi deficiency",
  "Heart and Spleen deficiency",
  "Blood deficiency",
];

export function AssessmentSection({ editor }: { editor: NoteEditor }) {
  return (
    <NoteSection title="Assessment and plan" letter="A/P" testId="section-assessment">
      <DiagnosisPicker editor={editor} />
      <TextField editor={editor} k="tcm_pattern" label="TCM pattern" suggestions={PATTERNS} />
      <AreaField editor={editor} k="assessment_notes" label="Assessment notes" />
      <AreaField editor={editor} k="plan" label="Plan" placeholder="Weekly for 6 visits, review at visit 4" />
    </NoteSection>
  );
}

/** ICD-10 codes from the built-in list, searched by code or words ("sciatica left"). */
function DiagnosisPicker({ editor }: { editor: NoteEditor }) {
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [query, setQuery] = useState("");
  const [debounced] = useDebouncedValue(query, 120);
  const search = useIcd10Search(debounced);
  // Null until the first answer (a spinner); a failed search lists nothing.
  const found = search.data ?? (search.isError ? NO_CODES : null);
  const chosen = editor.draft.diagnoses;

  const add = (code: Icd10Code) => {
    if (!chosen.some((d) => d.code === code.code)) {
      editor.update((d) => ({ ...d, diagnoses: [...d.diagnoses, { code: code.code, title: code.title }] }));
    }
    setQuery("");
    combobox.closeDropdown();
  };

  return (
    <div>
      <Combobox
        store={combobox}
        onOptionSubmit={(v) => {
          const code = found?.[Number(v)];
          if (code) add(code);
        }}
      >
        <Combobox.Target>
          <InputBase
            label="Diagnosis (ICD-10)"
            placeholder="Search: sciatica left, M54.5, frozen shoulder"
            value={query}
            error={editor.errors.diagnoses}
            rightSection={found === null ? <Loader size={14} /> : null}
            onChange={(e) => {
              setQuery(e.currentTarget.value);
              combobox.openDropdown();
              combobox.updateSelectedOptionIndex();
            }}
            onFocus={() => combobox.openDropdown()}
            onBlur={() => combobox.closeDropdown()}
            data-testid="icd10-search"
          />
        </Combobox.Target>
        <Combobox.Dropdown>
          <Combobox.Options mah={240} style={{ overflowY: "auto" }}>
            {(found ?? []).map((c, i) => (
              <Combobox.Option value={String(i)} key={c.code} data-testid={`icd10-option-${c.code}`}>
                <Text span fw={600} ff="monospace" mr={8}>
                  {c.code}
                </Text>
                {c.title}
              </Combobox.Option>
            ))}
            {found?.length === 0 && <Combobox.Empty>No code matches; try other words.</Combobox.Empty>}
          </Combobox.Options>
        </Combobox.Dropdown>
      </Combobox>
      {chosen.length > 0 && (
        <Group gap={6} mt={6} data-testid="diagnoses">
          {chosen.map((d) => (
            <Badge
              key={d.code}
              variant="light"
              tt="none"
              fw={500}
              size="lg"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={`Remove ${d.code}`}
                  onClick={() =>
                    editor.update((x) => ({ ...x, diagnoses: x.diagnoses.filter((y) => y.code !== d.code) }))
                  }
                />
              }
            >
              {d.code} {d.title}
            </Badge>
          ))}
        </Group>
      )}
    </div>
  );
}
