import { ActionIcon, Button, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import { BodyMap } from "./BodyMap";
import { AreaField, NoteSection, NumberField, TextField } from "./fields";
import type { NoteEditor } from "./noteEditor";

type Props = { editor: NoteEditor; regions: BodyMapRegion[]; psfsSuggestions: string[] };

export function SubjectiveSection({ editor, regions, psfsSuggestions }: Props) {
  return (
    <NoteSection title="Subjective" letter="S" testId="section-subjective">
      <TextField
        editor={editor}
        k="chief_complaint"
        label="Chief complaint"
        placeholder="In the patient's words"
      />
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <NumberField editor={editor} k="pain_now" label="Pain now (0–10)" max={10} w={120} />
        <NumberField editor={editor} k="pain_best" label="At best" max={10} w={90} />
        <NumberField editor={editor} k="pain_worst" label="At worst" max={10} w={90} />
        <TextField editor={editor} k="onset" label="Onset" placeholder="e.g. 3 weeks, lifting" />
      </Group>
      <div>
        <Text fz="sm" fw={500} mb={4}>
          Pain location
        </Text>
        <BodyMap
          regions={regions}
          value={editor.draft.pain_regions}
          onChange={(pain_regions) => editor.update((d) => ({ ...d, pain_regions }))}
        />
      </div>
      <SimpleGrid cols={2} spacing="sm">
        <TextField editor={editor} k="aggravating" label="Worse with" placeholder="sitting, bending…" />
        <TextField editor={editor} k="relieving" label="Better with" placeholder="heat, walking…" />
      </SimpleGrid>
      <Psfs editor={editor} suggestions={psfsSuggestions} />
      <AreaField editor={editor} k="subjective_notes" label="Other history" />
    </NoteSection>
  );
}

/** Patient-Specific Functional Scale: up to three activities, each 0 (unable) to 10. */
function Psfs({ editor, suggestions }: { editor: NoteEditor; suggestions: string[] }) {
  const items = editor.draft.psfs;
  const set = (next: typeof items) => editor.update((d) => ({ ...d, psfs: next }));
  const fresh = suggestions.filter((s) => !items.some((i) => i.activity === s));
  return (
    <Stack gap={6} data-testid="psfs">
      <Group justify="space-between">
        <Text fz="sm" fw={500}>
          Functional scale (PSFS){" "}
          <Text span fz="xs" c="dimmed">
            0 = unable · 10 = as before
          </Text>
        </Text>
        {items.length < 3 && (
          <Group gap={6}>
            {fresh.slice(0, 3 - items.length).map((s) => (
              <Button
                key={s}
                size="compact-xs"
                variant="light"
                onClick={() => set([...items, { activity: s, score: 5 }])}
                data-testid="psfs-suggestion"
              >
                {s}
              </Button>
            ))}
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={14} />}
              onClick={() => set([...items, { activity: "", score: 5 }])}
              data-testid="psfs-add"
            >
              Activity
            </Button>
          </Group>
        )}
      </Group>
      {items.map((item, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <TextInput
            flex={1}
            placeholder="Activity, e.g. sitting 30 minutes"
            aria-label={`Activity ${i + 1}`}
            value={item.activity}
            onChange={(e) => {
              const activity = e.currentTarget.value;
              set(items.map((x, j) => (j === i ? { ...x, activity } : x)));
            }}
          />
          <NumberInput
            w={80}
            min={0}
            max={10}
            clampBehavior="strict"
            allowDecimal={false}
            aria-label={`Score for activity ${i + 1}`}
            value={item.score}
            onChange={(v) => set(items.map((x, j) => (j === i ? { ...x, score: Number(v) || 0 } : x)))}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label="Remove activity"
            onClick={() => set(items.filter((_, j) => j !== i))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {editor.errors.psfs && (
        <Text fz="sm" c="red">
          {editor.errors.psfs}
        </Text>
      )}
    </Stack>
  );
}
