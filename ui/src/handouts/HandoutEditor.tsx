import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { toApiError } from "../api";
import type { Handout } from "../bindings/Handout";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler } from "../lib/session";
import { useSaveHandout } from "./queries";
import { HandoutPreview } from "./HandoutPreview";

const STARTER_BODY = "# What it is\n\n# What to expect\n\n# Home care\n- ";

type Props = { handout: Handout | null; onClose: () => void; onSaved: (saved: Handout) => void };

/** Writing or changing a handout, with the printed layout beside the text. */
export function HandoutEditor({ handout, onClose, onSaved }: Props) {
  const handleError = useApiErrorHandler();
  const saveHandout = useSaveHandout();
  const [title, setTitle] = useState(handout?.title ?? "");
  const [condition, setCondition] = useState(handout?.condition ?? "");
  const [body, setBody] = useState(handout?.body ?? STARTER_BODY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const saved = await saveHandout.mutateAsync({
        id: handout?.id ?? null,
        title,
        condition: condition.trim() || null,
        body,
        archived: handout?.archived ?? false,
      });
      onSaved(saved);
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error)
        setErrors(
          error.fields.length
            ? Object.fromEntries(error.fields.map((f) => [f.field, f.message]))
            : { form: error.message },
        );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={handout ? `Edit “${handout.title}”` : "New handout"}
      size={1000}
      data-testid="handout-editor"
    >
      <form onSubmit={(e) => void save(e)} noValidate>
        <Stack gap="sm">
          {errors.form && <ErrorAlert>{errors.form}</ErrorAlert>}
          <SimpleGrid cols={2} spacing="lg">
            <Stack gap="sm">
              <TextInput
                label="Title"
                placeholder="Acupuncture for sciatica"
                required
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title}
                data-testid="handout-title"
              />
              <TextInput
                label="Condition"
                description="Shown when choosing handouts for a summary"
                placeholder="Sciatica"
                value={condition}
                onChange={(e) => setCondition(e.currentTarget.value)}
                error={errors.condition}
                data-testid="handout-condition"
              />
              <Textarea
                label="Text"
                description="A line starting with “# ” is a heading, “- ” a bullet; a blank line starts a new paragraph."
                autosize
                minRows={12}
                maxRows={20}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                error={errors.body}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 13 } }}
                data-testid="handout-body"
              />
            </Stack>
            <Stack gap={6}>
              <Text fz="sm" fw={500}>
                As printed
              </Text>
              <div
                style={{
                  border: "1px solid var(--mantine-color-default-border)",
                  borderRadius: "var(--mantine-radius-md)",
                  padding: "var(--mantine-spacing-md)",
                  maxHeight: 520,
                  overflowY: "auto",
                }}
              >
                <HandoutPreview title={title} condition={condition} body={body} />
              </div>
            </Stack>
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="handout-save">
              Save handout
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
