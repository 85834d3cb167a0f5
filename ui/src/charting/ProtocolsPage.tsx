import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArchive, IconCopy, IconPencil, IconPlus, IconShare } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { Protocol } from "../bindings/Protocol";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler, useCan } from "../lib/session";
import { chartingApi } from "./api";
import { ProtocolEditor } from "./ProtocolEditor";
import { useProtocols, useProtocolWrite } from "./queries";
import { useQueryError } from "../query/useQueryError";

const SIDE: Record<string, string> = {
  left: "L",
  right: "R",
  bilateral: "both",
  midline: "",
  affected: "affected",
};

/** Protocols: the shipped starters, colleagues' shared sets and the practitioner's own. */
export function ProtocolsPage() {
  const can = useCan();
  const handleError = useApiErrorHandler();
  const protocols = useProtocols();
  const list = protocols.data ?? null;
  const loadError = useQueryError(protocols.error);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loadError?.message ?? null;
  const [editing, setEditing] = useState<Protocol | "new" | null>(null);
  // Copy, share and archive each call their own command; all of them change the list.
  const protocolWrite = useProtocolWrite((work: () => Promise<unknown>) => work());

  const act = async (work: () => Promise<unknown>, message: string) => {
    try {
      await protocolWrite.mutateAsync(work);
      notifications.show({ message, color: "teal" });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    }
  };
  const manage = can("manage_protocols");

  return (
    <Stack gap="md" maw={1100} data-testid="protocols-page">
      <Group justify="space-between">
        <div>
          <Title order={2}>Protocols</Title>
          <Text fz="sm" c="dimmed">
            Named point sets with default settings. Starters ship with AcuChart; copy one to adapt it.
          </Text>
        </div>
        {manage && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing("new")}
            data-testid="protocol-new"
          >
            New protocol
          </Button>
        )}
      </Group>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {list === null && !error && <Loader size="sm" />}
      {list && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" data-testid="protocol-list">
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id} data-testid={`protocol-row-${p.id}`}>
                  <Table.Td>
                    <Group gap="xs">
                      <Text fw={600}>{p.name}</Text>
                      {p.key ? (
                        <Badge variant="light" color="gray" tt="none" size="sm">
                          Starter
                        </Badge>
                      ) : p.editable ? (
                        <Badge variant="light" tt="none" size="sm">
                          {p.shared ? "Mine · shared" : "Mine"}
                        </Badge>
                      ) : (
                        <Badge variant="light" color="grape" tt="none" size="sm">
                          Shared by {p.owner}
                        </Badge>
                      )}
                    </Group>
                    {p.description && (
                      <Text fz="sm" c="dimmed" maw={560}>
                        {p.description}
                      </Text>
                    )}
                    <Group gap={4} mt={4}>
                      {p.points.map((pt, i) => (
                        <Badge key={i} variant="default" tt="none" radius="sm" ff="monospace" size="sm">
                          {pt.code}
                          {SIDE[pt.side] ? ` ${SIDE[pt.side]}` : ""}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td w={140} ta="right">
                    {manage && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label="Copy as my own">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Copy ${p.name}`}
                            onClick={() =>
                              void act(() => chartingApi.copyProtocol(p.id), "Copied to your protocols.")
                            }
                            data-testid={`protocol-copy-${p.id}`}
                          >
                            <IconCopy size={16} />
                          </ActionIcon>
                        </Tooltip>
                        {p.editable && (
                          <>
                            <Tooltip label="Edit">
                              <ActionIcon
                                variant="subtle"
                                aria-label={`Edit ${p.name}`}
                                onClick={() => setEditing(p)}
                                data-testid={`protocol-edit-${p.id}`}
                              >
                                <IconPencil size={16} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label={p.shared ? "Stop sharing" : "Share with colleagues"}>
                              <ActionIcon
                                variant={p.shared ? "light" : "subtle"}
                                aria-label={p.shared ? "Stop sharing" : "Share"}
                                onClick={() =>
                                  void act(
                                    () => chartingApi.updateProtocol(p.id, { ...p, shared: !p.shared }),
                                    p.shared ? "No longer shared." : "Shared with colleagues.",
                                  )
                                }
                              >
                                <IconShare size={16} />
                              </ActionIcon>
                            </Tooltip>
                            <Tooltip label="Archive">
                              <ActionIcon
                                variant="subtle"
                                color="gray"
                                aria-label={`Archive ${p.name}`}
                                onClick={() =>
                                  void act(() => chartingApi.archiveProtocol(p.id), "Protocol archived.")
                                }
                              >
                                <IconArchive size={16} />
                              </ActionIcon>
                            </Tooltip>
                          </>
                        )}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && (
        <ProtocolEditor
          protocol={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
