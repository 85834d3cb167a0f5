import { Anchor, Badge, Button, Grid, Group, Loader, Stack, Text, Tooltip } from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconChevronLeft, IconCloudCheck, IconLoader2, IconSignature } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { api, toApiError } from "../api";
import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import type { NoteId } from "../bindings/NoteId";
import type { PatientChart } from "../bindings/PatientChart";
import type { PatientProfile } from "../bindings/PatientProfile";
import type { PointPicks } from "../bindings/PointPicks";
import type { Protocol } from "../bindings/Protocol";
import type { VisitNote } from "../bindings/VisitNote";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler, useCan, useSession } from "../lib/session";
import { AssessmentSection } from "./AssessmentSection";
import { chartingApi } from "./api";
import { useNoteEditor, type SaveState } from "./noteEditor";
import { NoteSummary } from "./NoteSummary";
import { ObjectiveSection } from "./ObjectiveSection";
import { PatientBanner } from "./PatientBanner";
import { SignDialog } from "./SignDialog";
import { SubjectiveSection } from "./SubjectiveSection";
import { TreatmentSection } from "./TreatmentSection";

type Loaded = {
  note: VisitNote;
  profile: PatientProfile;
  chart: PatientChart;
  protocols: Protocol[];
  regions: BodyMapRegion[];
};

type Props = { noteId: NoteId; onClose: () => void };

/** The charting screen: one visit note, editable until signed, then read-only with addenda. */
export function ChartingScreen({ noteId, onClose }: Props) {
  const handleError = useApiErrorHandler();
  const [load, setLoad] = useState<Loaded | { failed: string } | null>(null);

  useEffect(() => {
    let current = true;
    (async () => {
      const note = await chartingApi.getVisitNote(noteId);
      const [profile, chart, protocols, regions] = await Promise.all([
        api.getPatient(note.patient_id),
        chartingApi.patientChart(note.patient_id),
        chartingApi.listProtocols(),
        chartingApi.bodyMapRegions(),
      ]);
      if (current) setLoad({ note, profile, chart, protocols, regions });
    })().catch((reason: unknown) => {
      const error = current ? handleError(toApiError(reason)) : null;
      if (error) setLoad({ failed: error.message });
    });
    return () => {
      current = false;
    };
  }, [noteId, handleError]);

  useHotkeys([["alt+ArrowLeft", onClose]], []);

  return (
    <Stack gap="sm" data-testid="charting-screen" data-note-id={noteId}>
      <Anchor component="button" type="button" fz="sm" onClick={onClose} data-testid="chart-back">
        <Group gap={4} wrap="nowrap">
          <IconChevronLeft size={16} />
          Back
        </Group>
      </Anchor>
      {load === null && <Loader size="sm" aria-label="Loading the note" />}
      {load && "failed" in load && <ErrorAlert>{load.failed}</ErrorAlert>}
      {load && "note" in load && <LoadedNote key={load.note.id} {...load} onClose={onClose} />}
    </Stack>
  );
}

function SaveIndicator({ save }: { save: SaveState }) {
  const [icon, text, color] =
    save.kind === "saved"
      ? [<IconCloudCheck size={14} key="i" />, "Saved", "teal"]
      : save.kind === "saving" || save.kind === "pending"
        ? [<IconLoader2 size={14} key="i" />, "Saving…", "gray"]
        : save.kind === "blocked"
          ? [null, "Not saved: alert", "red"]
          : [null, "Not saved", "red"];
  const tip =
    save.kind === "failed"
      ? save.error.message
      : save.kind === "blocked"
        ? save.message
        : "Drafts save as you type";
  return (
    <Tooltip label={tip} multiline maw={320}>
      <Badge
        variant="light"
        color={color}
        leftSection={icon}
        tt="none"
        size="lg"
        data-testid="save-state"
        data-state={save.kind}
      >
        {text}
      </Badge>
    </Tooltip>
  );
}

function LoadedNote({
  note: initial,
  profile,
  chart,
  protocols,
  regions,
  onClose,
}: Loaded & { onClose: () => void }) {
  const can = useCan();
  const handleError = useApiErrorHandler();
  const editor = useNoteEditor(initial, handleError);
  const [signing, setSigning] = useState(false);
  const [picks, setPicks] = useState<PointPicks | null>(null);
  const note = editor.note;
  const signed = note.status === "signed";
  const others = chart.visits.filter((v) => v.id !== note.id);
  const lastVisit = others.find((v) => v.visit_date <= note.visit_date) ?? null;
  const position = chart.visits.length - chart.visits.findIndex((v) => v.id === note.id);
  const visitNumber = chart.visits.some((v) => v.id === note.id) ? position : chart.visits.length + 1;

  useEffect(() => {
    if (signed || !can("write_visit_notes")) return;
    chartingApi.pointPicks(14).then(setPicks, () => setPicks(null));
  }, [signed, can]);

  const copyLast = useCallback(async () => {
    try {
      const prev = await chartingApi.previousTreatment(note.id);
      if (!prev) return;
      // As the core's NoteDraft::with_previous: the points are replaced, carried fields fill
      // only what this visit has left empty; findings and scores are measured again.
      editor.update((d) => {
        const content: Record<string, unknown> = { ...d.content };
        for (const [k, v] of Object.entries(prev.content))
          if (v != null && content[k] == null) content[k] = v;
        return {
          ...d,
          points: prev.points,
          content,
          diagnoses: d.diagnoses.length ? d.diagnoses : prev.diagnoses,
          pain_regions: d.pain_regions.length ? d.pain_regions : prev.pain_regions,
        };
      });
      notifications.show({ message: `Copied the treatment of ${prev.visit_date}.`, color: "teal" });
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error) notifications.show({ message: error.message, color: "red" });
    }
  }, [note.id, editor, handleError]);

  const psfsSuggestions = [
    ...new Set(others.length ? (chart.latest?.draft.psfs ?? []).map((p) => p.activity) : []),
  ];
  const session = useSession();
  const mine = can("write_visit_notes") && session?.user.user_id === note.practitioner_id;

  return (
    <Stack gap="sm">
      <PatientBanner
        profile={profile}
        visitDate={note.visit_date}
        lastVisit={lastVisit}
        visitCount={visitNumber}
        actions={
          signed || !mine ? (
            <Badge
              color={signed ? "teal" : "gray"}
              size="lg"
              leftSection={signed ? <IconCheck size={14} /> : null}
              tt="none"
              data-testid={signed ? "note-signed" : "note-draft-readonly"}
            >
              {signed
                ? `Signed ${note.signed_at ? new Date(note.signed_at).toLocaleString() : ""} by ${note.signed_by ?? ""}`
                : `Draft by ${note.practitioner_name}`}
            </Badge>
          ) : (
            <>
              <SaveIndicator save={editor.save} />
              <Button
                leftSection={<IconSignature size={16} />}
                onClick={() => setSigning(true)}
                disabled={!mine}
                data-testid="sign-open"
              >
                Sign…
              </Button>
            </>
          )
        }
      />
      {editor.save.kind === "failed" && editor.save.error.code === "conflict" && (
        <ErrorAlert>{editor.save.error.message}</ErrorAlert>
      )}
      {signed || !mine ? (
        <NoteSummary
          note={note}
          regions={regions}
          canAddAddendum={signed && can("add_addendum")}
          onChanged={editor.replaceNote}
          onError={handleError}
        />
      ) : (
        <Grid gutter="sm">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Stack gap="sm">
              <SubjectiveSection editor={editor} regions={regions} psfsSuggestions={psfsSuggestions} />
              <ObjectiveSection editor={editor} />
              <AssessmentSection editor={editor} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <TreatmentSection
              editor={editor}
              protocols={protocols}
              picks={picks}
              onPicksChange={setPicks}
              onCopyLast={lastVisit ? () => void copyLast() : null}
            />
          </Grid.Col>
        </Grid>
      )}
      {!signed && mine && (
        <Text fz="xs" c="dimmed">
          Drafts save as you type and survive closing the app.{" "}
          <Anchor component="button" fz="xs" onClick={onClose}>
            Close
          </Anchor>
        </Text>
      )}
      <SignDialog
        editor={editor}
        opened={signing}
        onClose={() => setSigning(false)}
        onError={handleError}
        onSigned={(n) => {
          setSigning(false);
          editor.replaceNote(n);
          notifications.show({ message: "Note signed.", color: "teal" });
        }}
      />
    </Stack>
  );
}
