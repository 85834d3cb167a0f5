import {
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  Kbd,
  Loader,
  Menu,
  Modal,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import {
  IconCheck,
  IconChevronLeft,
  IconCloudCheck,
  IconDots,
  IconLoader2,
  IconSignature,
  IconTrash,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { toApiError } from "../api";
import type { NoteId } from "../bindings/NoteId";
import type { PointPicks } from "../bindings/PointPicks";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler, useCan, useSession } from "../lib/session";
import { AssessmentSection } from "./AssessmentSection";
import { chartingApi } from "./api";
import { useChartingData, type Loaded } from "./useChartingData";
import { queryKeys } from "../query/keys";
import { usePointPicks } from "./queries";
import { useNoteEditor, type SaveState } from "./noteEditor";
import { NoteSummary } from "./NoteSummary";
import { ObjectiveSection } from "./ObjectiveSection";
import { PatientBanner } from "./PatientBanner";
import { SignDialog } from "./SignDialog";
import { SubjectiveSection } from "./SubjectiveSection";
import { TreatmentSection } from "./TreatmentSection";

type Props = { noteId: NoteId; onClose: () => void };

/** The charting screen: one visit note, editable until signed, then read-only with addenda. */
export function ChartingScreen({ noteId, onClose }: Props) {
  const load = useChartingData(noteId);
  useHotkeys([["alt+ArrowLeft", onClose]], []);

  return (
    <Stack gap="sm" data-testid="charting-screen" data-note-id={noteId}>
      {!(load && "note" in load) && (
        <Anchor component="button" type="button" fz="sm" onClick={onClose} data-testid="chart-back">
          <Group gap={4} wrap="nowrap">
            <IconChevronLeft size={16} />
            Back
          </Group>
        </Anchor>
      )}
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
  const [discarding, setDiscarding] = useState(false);
  const note = editor.note;
  const signed = note.status === "signed";
  const others = chart.visits.filter((v) => v.id !== note.id);
  const lastVisit = others.find((v) => v.visit_date <= note.visit_date) ?? null;
  const position = chart.visits.length - chart.visits.findIndex((v) => v.id === note.id);
  const visitNumber = chart.visits.some((v) => v.id === note.id) ? position : chart.visits.length + 1;

  const session = useSession();
  const mine = can("write_visit_notes") && session?.user.user_id === note.practitioner_id;
  useHotkeys([["mod+Enter", () => !signed && mine && setSigning(true)]], [], true);

  const discard = async () => {
    setDiscarding(false);
    try {
      // Settle any save under way first, so the revision is the stored one.
      const stored = (await editor.flush()) ?? note;
      await chartingApi.discardVisitNote(stored.id, stored.revision);
      notifications.show({ message: "Draft discarded.", color: "gray" });
      onClose();
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error) notifications.show({ message: error.message, color: "red" });
    }
  };

  const queryClient = useQueryClient();
  const picksQuery = usePointPicks(!signed && can("write_visit_notes"));
  const picks = picksQuery.isEnabled ? (picksQuery.data ?? null) : null;
  const setPicks = useCallback(
    (next: PointPicks) => queryClient.setQueryData(queryKeys.charting.pointPicks(), next),
    [queryClient],
  );

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
  return (
    <Stack gap="sm">
      <PatientBanner
        profile={profile}
        visitDate={note.visit_date}
        lastVisit={lastVisit}
        visitCount={visitNumber}
        onBack={onClose}
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
              <Tooltip
                label={
                  <>
                    Sign the note <Kbd size="xs">Ctrl</Kbd> <Kbd size="xs">Enter</Kbd>
                  </>
                }
              >
                <Button
                  leftSection={<IconSignature size={16} />}
                  onClick={() => setSigning(true)}
                  aria-keyshortcuts="Control+Enter"
                  data-testid="sign-open"
                >
                  Sign…
                </Button>
              </Tooltip>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" px={8} aria-label="More actions" data-testid="note-menu">
                    <IconDots size={16} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={14} />}
                    onClick={() => setDiscarding(true)}
                    data-testid="note-discard"
                  >
                    Discard draft
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
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
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="sm">
              <SubjectiveSection editor={editor} regions={regions} psfsSuggestions={psfsSuggestions} />
              <ObjectiveSection editor={editor} />
              <AssessmentSection editor={editor} />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 7 }}>
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
      <Modal opened={discarding} onClose={() => setDiscarding(false)} title="Discard this draft?" centered>
        <Text fz="sm">What was charted in it is deleted. A signed note can never be discarded.</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setDiscarding(false)}>
            Keep it
          </Button>
          <Button
            color="red"
            onClick={() => void discard()}
            data-autofocus
            data-testid="note-discard-confirm"
          >
            Discard draft
          </Button>
        </Group>
      </Modal>
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
