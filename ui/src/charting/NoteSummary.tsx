import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import type { NoteContent } from "../bindings/NoteContent";
import type { VisitNote } from "../bindings/VisitNote";
import { chartingApi } from "./api";
import { BodyMap } from "./BodyMap";
import { usePointNames } from "./pointNames";

const SIDE: Record<string, string> = { left: "L", right: "R", bilateral: "Both", midline: "Midline" };

function Line({ label, value }: { label: string; value: string | number | null | undefined }) {
  if (value === null || value === undefined || value === "") return null;
  return (
    <div>
      <Text fz="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
        {value}
      </Text>
    </div>
  );
}

const TEXT: [keyof NoteContent, string][] = [
  ["onset", "Onset"],
  ["aggravating", "Worse with"],
  ["relieving", "Better with"],
  ["subjective_notes", "Other history"],
  ["tongue_body", "Tongue body"],
  ["tongue_coat", "Coat"],
  ["tongue_shape", "Shape"],
  ["pulse_qualities", "Pulse"],
  ["palpation", "Palpation"],
  ["range_of_motion", "Range of motion"],
  ["orthopaedic_tests", "Orthopaedic tests"],
  ["tcm_pattern", "TCM pattern"],
  ["assessment_notes", "Assessment"],
  ["plan", "Plan"],
  ["moxa", "Moxa"],
  ["cupping", "Cupping"],
  ["gua_sha", "Gua sha"],
  ["bleeding", "Bleeding"],
  ["tui_na", "Tui na"],
  ["heat_lamp", "Heat lamp"],
  ["herbs", "Herbs"],
  ["adverse_events", "Adverse events"],
  ["home_advice", "Home advice"],
];

type Props = {
  note: VisitNote;
  regions: BodyMapRegion[];
  canAddAddendum: boolean;
  onChanged: (note: VisitNote) => void;
  onError: (e: ApiError) => ApiError | null;
};

/** A signed note as it was signed, with its addenda and the form for another. */
export function NoteSummary({ note, regions, canAddAddendum, onChanged, onError }: Props) {
  const c = note.draft.content;
  const names = usePointNames(note.draft.points.map((p) => p.code));
  const score = (v: number | null | undefined) => (v == null ? "–" : String(v));
  return (
    <Stack gap="md" data-testid="note-summary">
      <Paper withBorder radius="md" p="md">
        <Stack gap="sm">
          <Line label="Chief complaint" value={c.chief_complaint} />
          <Text fz="sm">
            Pain now <b>{score(c.pain_now)}</b> · at best {score(c.pain_best)} · at worst{" "}
            {score(c.pain_worst)}
          </Text>
          <BodyMap regions={regions} value={note.draft.pain_regions} onChange={() => {}} readOnly />
          {note.draft.diagnoses.length > 0 && (
            <Group gap={6}>
              {note.draft.diagnoses.map((d) => (
                <Badge key={d.code} variant="light" tt="none" fw={500} size="lg">
                  {d.code} {d.title}
                </Badge>
              ))}
            </Group>
          )}
          {note.draft.psfs.length > 0 && (
            <Text fz="sm">PSFS: {note.draft.psfs.map((p) => `${p.activity} ${p.score}/10`).join(" · ")}</Text>
          )}
          <SimpleGrid cols={3} spacing="sm" verticalSpacing="xs">
            {TEXT.map(([k, label]) => (
              <Line key={k} label={label} value={c[k] as string | null | undefined} />
            ))}
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="md">
        <Title order={4} fz="md" mb="xs">
          Points
        </Title>
        <Table verticalSpacing={3} data-testid="signed-points">
          <Table.Tbody>
            {note.draft.points.map((p, i) => {
              const n = names.get(p.code);
              return (
                <Table.Tr key={i}>
                  <Table.Td fw={700} ff="monospace">
                    {p.code}
                  </Table.Td>
                  <Table.Td>{n ? `${n.pinyin} ${n.hanzi}` : ""}</Table.Td>
                  <Table.Td c="dimmed">{n?.english}</Table.Td>
                  <Table.Td>{SIDE[p.side]}</Table.Td>
                  <Table.Td>{p.technique ?? ""}</Table.Td>
                  <Table.Td>{p.retention_minutes != null ? `${p.retention_minutes} min` : ""}</Table.Td>
                  <Table.Td>
                    {p.electro_pair ? `electro ↔ ${p.electro_pair} ${p.electro_hz ?? ""} Hz` : ""}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Text fz="sm" mt="xs">
          Needles inserted {score(c.needles_inserted)}, removed {score(c.needles_removed)}
          {c.face_to_face_minutes != null && ` · ${c.face_to_face_minutes} min face to face`}
        </Text>
        {note.needle_count_explanation && (
          <Text fz="sm" c="orange.8">
            Needle count: {note.needle_count_explanation}
          </Text>
        )}
        {note.alerts.map((a) => (
          <Text key={a.key} fz="sm" c="red.8">
            ⚠ {a.message} Acknowledged: {a.reason}
          </Text>
        ))}
      </Paper>
      <Addenda note={note} canAdd={canAddAddendum} onChanged={onChanged} onError={onError} />
    </Stack>
  );
}

function Addenda({
  note,
  canAdd,
  onChanged,
  onError,
}: Omit<Props, "regions" | "canAddAddendum"> & { canAdd: boolean }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    try {
      onChanged(await chartingApi.addAddendum(note.id, body));
      setBody("");
      setError(null);
    } catch (reason) {
      setError(onError(toApiError(reason))?.message ?? null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="addenda">
      <Title order={4} fz="md" mb="xs">
        Addenda
      </Title>
      <Stack gap="xs">
        {note.addenda.length === 0 && (
          <Text fz="sm" c="dimmed">
            None.
          </Text>
        )}
        {note.addenda.map((a) => (
          <div key={a.id} data-testid="addendum">
            <Text fz="xs" c="dimmed">
              {a.author} · {new Date(a.created_at).toLocaleString()}
            </Text>
            <Text fz="sm" style={{ whiteSpace: "pre-wrap" }}>
              {a.body}
            </Text>
          </div>
        ))}
        {canAdd && (
          <>
            <Textarea
              placeholder="A correction or later information (the note itself does not change)"
              autosize
              minRows={2}
              value={body}
              error={error}
              onChange={(e) => setBody(e.currentTarget.value)}
              data-testid="addendum-text"
            />
            <Group justify="flex-end">
              <Button
                size="xs"
                disabled={!body.trim()}
                loading={busy}
                onClick={() => void add()}
                data-testid="addendum-add"
              >
                Add addendum
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
