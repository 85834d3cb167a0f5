import { Button, Divider, Group, SimpleGrid, Text } from "@mantine/core";
import { IconCopy } from "@tabler/icons-react";
import type { PointPicks } from "../bindings/PointPicks";
import type { Protocol } from "../bindings/Protocol";
import type { TreatmentPoint } from "../bindings/TreatmentPoint";
import { AlertsPanel } from "./AlertsPanel";
import { AreaField, NoteSection, NumberField, TextField } from "./fields";
import type { NoteEditor } from "./noteEditor";
import { needlesFor, newTreatmentPoint } from "./pointEntry";
import { usePointNames, useRememberPoint } from "./pointNames";
import { PointPicker } from "./PointPicker";
import { PointsTable } from "./PointsTable";
import { ProtocolBar } from "./ProtocolBar";

type Props = {
  editor: NoteEditor;
  protocols: Protocol[];
  picks: PointPicks | null;
  onPicksChange: (p: PointPicks) => void;
  onCopyLast: (() => void) | null;
};

/** Adds points not yet listed (a protocol may repeat one already typed). */
function merge(current: TreatmentPoint[], added: TreatmentPoint[]): TreatmentPoint[] {
  const fresh = added.filter((a) => !current.some((c) => c.code === a.code));
  return [...current, ...fresh];
}

export function TreatmentSection({ editor, protocols, picks, onPicksChange, onCopyLast }: Props) {
  const points = editor.draft.points;
  const names = usePointNames(points.map((p) => p.code));
  const rememberPoint = useRememberPoint();
  const setPoints = (next: TreatmentPoint[]) => editor.update((d) => ({ ...d, points: next }));
  const expected = needlesFor(points);
  const { needles_inserted: inserted } = editor.draft.content;

  return (
    <NoteSection
      title="Treatment"
      testId="section-treatment"
      right={
        onCopyLast && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconCopy size={14} />}
            onClick={onCopyLast}
            data-testid="copy-last"
          >
            Copy last treatment
          </Button>
        )
      }
    >
      <ProtocolBar
        protocols={protocols}
        painRegions={editor.draft.pain_regions}
        onApply={(added) => setPoints(merge(points, added))}
      />
      <PointPicker
        picks={picks}
        onPicksChange={onPicksChange}
        onAdd={(p, side) => {
          rememberPoint(p);
          setPoints([...points, newTreatmentPoint(p.code, side)]);
        }}
        onRemoveLast={() => setPoints(points.slice(0, -1))}
      />
      <PointsTable points={points} names={names} onChange={setPoints} />
      {editor.errors.points && (
        <Text fz="sm" c="red">
          {editor.errors.points}
        </Text>
      )}
      <AlertsPanel
        alerts={editor.alerts}
        onAcknowledge={(alert_key, reason) =>
          editor.update((d) => ({
            ...d,
            acknowledgements: [
              ...d.acknowledgements.filter((a) => a.alert_key !== alert_key),
              { alert_key, reason },
            ],
          }))
        }
      />
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <NumberField editor={editor} k="needles_inserted" label="Needles inserted" max={500} w={118} />
        <NumberField editor={editor} k="needles_removed" label="Needles removed" max={500} w={118} />
        <NumberField editor={editor} k="face_to_face_minutes" label="Face-to-face min" max={480} w={118} />
        {expected > 0 && inserted == null && (
          <Button
            size="xs"
            variant="subtle"
            mb={4}
            onClick={() => editor.setContent("needles_inserted", expected)}
            data-testid="needles-from-points"
          >
            {expected} from the points
          </Button>
        )}
      </Group>
      <Text fz="xs" c="dimmed" mt={-6}>
        The points listed take {expected} needle{expected === 1 ? "" : "s"} (both sides count two).
      </Text>
      <Divider label="Other modalities" labelPosition="left" />
      <SimpleGrid cols={2} spacing="sm" verticalSpacing={6}>
        <TextField editor={editor} k="moxa" label="Moxa" placeholder="warm needle BL25" />
        <TextField editor={editor} k="cupping" label="Cupping" placeholder="lumbar, 5 min" />
        <TextField editor={editor} k="gua_sha" label="Gua sha" />
        <TextField editor={editor} k="tui_na" label="Tui na" />
        <TextField editor={editor} k="heat_lamp" label="Heat lamp" placeholder="TDP lumbar 20 min" />
        <TextField editor={editor} k="bleeding" label="Bleeding (pricking)" />
      </SimpleGrid>
      <TextField editor={editor} k="herbs" label="Herbs" placeholder="Formula and dose" />
      <AreaField editor={editor} k="adverse_events" label="Adverse events" placeholder="None" />
      <AreaField
        editor={editor}
        k="home_advice"
        label="Home advice"
        placeholder="Heat, gentle walking, stretches"
      />
    </NoteSection>
  );
}
