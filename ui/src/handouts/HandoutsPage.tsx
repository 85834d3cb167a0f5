import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconArchiveOff, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { Handout } from "../bindings/Handout";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../lib/dates";
import { useApiErrorHandler, useCan, useDateFormat } from "../lib/session";
import { useKeptData } from "../query/useKeptData";
import { useQueryError } from "../query/useQueryError";
import { handoutBlocks } from "./api";
import { useHandouts, useSaveHandout } from "./queries";
import { HandoutEditor } from "./HandoutEditor";

/** Condition handouts: the clinic's patient texts, appended to treatment summaries. */
export function HandoutsPage() {
  const can = useCan();
  const fmt = useDateFormat();
  const handleError = useApiErrorHandler();
  const [showArchived, setShowArchived] = useState(false);
  const handouts = useHandouts(showArchived);
  // The list shown stays while the other list (with or without archived) loads.
  const list = useKeptData(handouts.data) ?? null;
  const loadError = useQueryError(handouts.error);
  const saveHandout = useSaveHandout();
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loadError?.message ?? null;
  const [editing, setEditing] = useState<Handout | "new" | null>(null);
  const manage = can("manage_handouts");

  const setArchived = async (h: Handout, archived: boolean) => {
    try {
      await saveHandout.mutateAsync({ ...h, archived });
      notifications.show({
        color: "teal",
        message: archived ? `“${h.title}” archived.` : `“${h.title}” restored.`,
      });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    }
  };

  return (
    <Stack gap="md" maw={1100} data-testid="handouts-page">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>Handouts</Title>
          <Text fz="sm" c="dimmed" maw={640}>
            Texts for patients about a condition — what it is, what to expect, home care. Choose them when
            making a treatment summary; each prints on its own page after it.
          </Text>
        </div>
        <Group>
          <Switch
            label="Show archived"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.currentTarget.checked)}
            data-testid="handouts-show-archived"
          />
          {manage && (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing("new")}
              data-testid="handout-new"
            >
              New handout
            </Button>
          )}
        </Group>
      </Group>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {list === null && !error && <Loader size="sm" aria-label="Loading handouts" />}
      {list && list.length === 0 && (
        <Paper withBorder radius="md" p="xl" ta="center">
          <Text c="dimmed">No handouts yet. Write one for the conditions you treat most.</Text>
        </Paper>
      )}
      {list && list.length > 0 && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" data-testid="handout-list">
            <Table.Tbody>
              {list.map((h) => {
                const sections = handoutBlocks(h.body).filter((b) => b.kind === "heading");
                return (
                  <Table.Tr key={h.id} data-testid={`handout-row-${h.id}`} opacity={h.archived ? 0.6 : 1}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={600}>{h.title}</Text>
                        {h.condition && (
                          <Badge variant="light" tt="none" size="sm">
                            {h.condition}
                          </Badge>
                        )}
                        {h.archived && (
                          <Badge variant="light" color="gray" tt="none" size="sm">
                            Archived
                          </Badge>
                        )}
                      </Group>
                      <Text fz="sm" c="dimmed" lineClamp={1} maw={680}>
                        {sections.length ? sections.map((s) => s.text).join(" · ") : h.body}
                      </Text>
                      <Text fz="xs" c="dimmed" mt={2}>
                        Changed {formatDateTime(h.updated_at, fmt)}
                        {h.updated_by ? ` by ${h.updated_by}` : " (starter text)"}
                      </Text>
                    </Table.Td>
                    <Table.Td w={110} ta="right">
                      {manage && (
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          <Tooltip label="Edit">
                            <ActionIcon
                              variant="subtle"
                              aria-label={`Edit ${h.title}`}
                              onClick={() => setEditing(h)}
                              data-testid={`handout-edit-${h.id}`}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label={h.archived ? "Restore" : "Archive"}>
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`${h.archived ? "Restore" : "Archive"} ${h.title}`}
                              onClick={() => void setArchived(h, !h.archived)}
                              data-testid={`handout-archive-${h.id}`}
                            >
                              {h.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <HandoutEditor
          handout={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            notifications.show({ color: "teal", message: `“${saved.title}” saved.` });
          }}
        />
      )}
    </Stack>
  );
}
