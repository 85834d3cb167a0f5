import { Badge, Button, Group, Table, Text } from "@mantine/core";
import { IconRestore, IconShieldCheck } from "@tabler/icons-react";
import type { BackupInfo } from "../bindings/BackupInfo";
import { formatBytes, formatInstant, KIND_COLOR, KIND_LABEL } from "./format";

type Props = {
  backups: BackupInfo[];
  checking: string | null;
  onCheck: (backup: BackupInfo) => void;
  onRestore: (backup: BackupInfo) => void;
};

/** The backups in the backup folder, newest first. */
export function BackupList({ backups, checking, onCheck, onRestore }: Props) {
  if (backups.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="backup-empty">
        No backups in this folder yet.
      </Text>
    );
  }
  return (
    <Table verticalSpacing="xs" highlightOnHover data-testid="backup-list">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Made</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th ta="right">Size</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.file_name} data-testid="backup-row">
            <Table.Td>
              <Text fz="sm" title={b.path}>
                {formatInstant(b.created_at)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={KIND_COLOR[b.kind]} data-testid="backup-kind">
                {KIND_LABEL[b.kind]}
              </Badge>
            </Table.Td>
            <Table.Td ta="right">
              <Text fz="sm">{formatBytes(b.size_bytes)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" justify="flex-end" wrap="nowrap">
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconShieldCheck size={15} />}
                  loading={checking === b.path}
                  onClick={() => onCheck(b)}
                  data-testid="backup-check"
                >
                  Check
                </Button>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="orange"
                  leftSection={<IconRestore size={15} />}
                  onClick={() => onRestore(b)}
                  data-testid="backup-restore"
                >
                  Restore…
                </Button>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
