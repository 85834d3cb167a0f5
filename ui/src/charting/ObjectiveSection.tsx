import { SimpleGrid, TagsInput, Text } from "@mantine/core";
import { AreaField, NoteSection, TextField } from "./fields";
import type { NoteEditor } from "./noteEditor";

const TONGUE_BODY = ["Pale", "Pink", "Red", "Dark red", "Purple", "Pale purple", "Red tip", "Red sides"];
const TONGUE_COAT = ["Thin white", "Thick white", "Yellow", "Greasy", "Greasy yellow", "Peeled", "No coat"];
const TONGUE_SHAPE = ["Normal", "Swollen", "Thin", "Tooth-marked", "Cracked", "Deviated", "Stiff"];
const PULSE = [
  "wiry",
  "slippery",
  "thin",
  "choppy",
  "rapid",
  "slow",
  "deep",
  "floating",
  "weak",
  "tight",
  "full",
  "empty",
];
const POSITIONS = [
  ["pulse_left_cun", "L cun"],
  ["pulse_left_guan", "L guan"],
  ["pulse_left_chi", "L chi"],
  ["pulse_right_cun", "R cun"],
  ["pulse_right_guan", "R guan"],
  ["pulse_right_chi", "R chi"],
] as const;

export function ObjectiveSection({ editor }: { editor: NoteEditor }) {
  const pulse = editor.draft.content.pulse_qualities;
  return (
    <NoteSection title="Objective" letter="O" testId="section-objective">
      <SimpleGrid cols={3} spacing="sm">
        <TextField editor={editor} k="tongue_body" label="Tongue body" suggestions={TONGUE_BODY} />
        <TextField editor={editor} k="tongue_coat" label="Coat" suggestions={TONGUE_COAT} />
        <TextField editor={editor} k="tongue_shape" label="Shape" suggestions={TONGUE_SHAPE} />
      </SimpleGrid>
      <TagsInput
        label="Pulse"
        placeholder="wiry, thin…"
        data={PULSE}
        value={pulse ? pulse.split(/,\s*/).filter(Boolean) : []}
        onChange={(tags) => editor.setContent("pulse_qualities", tags.length ? tags.join(", ") : null)}
        data-testid="field-pulse_qualities"
      />
      <div>
        <Text fz="xs" c="dimmed" mb={4}>
          By position (optional)
        </Text>
        <SimpleGrid cols={3} spacing={6} verticalSpacing={6}>
          {POSITIONS.map(([k, label]) => (
            <TextField key={k} editor={editor} k={k} label={label} />
          ))}
        </SimpleGrid>
      </div>
      <AreaField
        editor={editor}
        k="palpation"
        label="Palpation"
        placeholder="Tender points, Ashi, muscle tone"
      />
      <SimpleGrid cols={2} spacing="sm">
        <AreaField
          editor={editor}
          k="range_of_motion"
          label="Range of motion"
          placeholder="Lumbar flexion 50%…"
        />
        <AreaField
          editor={editor}
          k="orthopaedic_tests"
          label="Orthopaedic tests"
          placeholder="SLR + left at 45°, Slump…"
        />
      </SimpleGrid>
    </NoteSection>
  );
}
