import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from "@mantine/core";
import { IconSignature } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { toApiError } from "../api";
import type { ApiError } from "../bindings/ApiError";
import type { VisitNote } from "../bindings/VisitNote";
import { chartingApi } from "./api";
import type { NoteEditor } from "./noteEditor";
import { needlesFor } from "./pointEntry";

type Props = {
  editor: NoteEditor;
  opened: boolean;
  onClose: () => void;
  onSigned: (note: VisitNote) => void;
  onError: (e: ApiError) => ApiError | null;
};

/**
 * Signing: the needle count is checked again here (removed must equal inserted, or the
 * difference is explained and kept with the note). After signing nothing in the note changes.
 */
export function SignDialog({ editor, opened, onClose, onSigned, onError }: Props) {
  const [explanation, setExplanation] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const c = editor.draft.content;
  const mismatch =
    c.needles_inserted != null && c.needles_removed != null && c.needles_inserted !== c.needles_removed;
  const field = (name: string) => error?.fields.find((f) => f.field === name)?.message;

  const sign = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await editor.flush();
      if (!saved) {
        setError({
          code: "invalid_input",
          message: "The latest changes could not be saved; fix what the note shows, then sign.",
          fields: [],
        });
        return;
      }
      onSigned(await chartingApi.signVisitNote(saved.id, saved.revision, explanation.trim() || null));
    } catch (reason) {
      setError(onError(toApiError(reason)));
    } finally {
      setBusy(false);
    }
  };

  const setCount = (key: "needles_inserted" | "needles_removed", v: string | number) => {
    setError(null);
    editor.setContent(key, v === "" ? null : Number(v));
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Sign this note" centered size="md">
      <form onSubmit={sign} data-testid="sign-dialog">
        <Stack gap="sm">
          <Text fz="sm">
            A signed note cannot be changed. Corrections are added as addenda under it, with your name and the
            time.
          </Text>
          <Group grow align="flex-start">
            <NumberInput
              label="Needles inserted"
              min={0}
              max={500}
              allowDecimal={false}
              value={c.needles_inserted ?? ""}
              onChange={(v) => setCount("needles_inserted", v)}
              error={field("needles_inserted")}
              data-testid="sign-needles-inserted"
            />
            <NumberInput
              label="Needles removed"
              min={0}
              max={500}
              allowDecimal={false}
              value={c.needles_removed ?? ""}
              onChange={(v) => setCount("needles_removed", v)}
              error={field("needles_removed")}
              data-autofocus
              data-testid="sign-needles-removed"
            />
          </Group>
          <Text fz="xs" c="dimmed">
            The points listed take {needlesFor(editor.draft.points)} needles.
          </Text>
          {(mismatch || field("needles_removed")) && (
            <Textarea
              label="Why the counts differ"
              description="Only if you have counted again: e.g. a needle was found and disposed of in the sharps bin."
              autosize
              minRows={2}
              value={explanation}
              onChange={(e) => setExplanation(e.currentTarget.value)}
              data-testid="sign-explanation"
            />
          )}
          {error && error.fields.length === 0 && (
            <Alert color="red" variant="light" data-testid="sign-error">
              {error.message}
            </Alert>
          )}
          {error && error.fields.some((f) => !["needles_inserted", "needles_removed"].includes(f.field)) && (
            <Alert color="red" variant="light" data-testid="sign-error">
              {error.fields
                .filter((f) => !["needles_inserted", "needles_removed"].includes(f.field))
                .map((f) => f.message)
                .join(" ")}
            </Alert>
          )}
          <Group justify="flex-end" mt="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={busy}
              leftSection={<IconSignature size={16} />}
              data-testid="sign-confirm"
            >
              Sign note
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
