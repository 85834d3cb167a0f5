import { Modal, Progress, Stack, Text } from "@mantine/core";
import type { BackupProgress } from "../bindings/BackupProgress";
import { progressLabel, progressPercent } from "./backupProgress";

type Props = { opened: boolean; title: string; progress: BackupProgress | null };

/** Long work in progress: cannot be closed, shows the phase and how far it got. */
export function ProgressModal({ opened, title, progress }: Props) {
  const pct = progressPercent(progress);
  return (
    <Modal
      opened={opened}
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      title={title}
      centered
    >
      <Stack gap="xs" data-testid="backup-progress">
        <Text fz="sm">{progressLabel(progress)}…</Text>
        <Progress value={pct} animated size="lg" aria-label={`${pct}%`} />
        <Text fz="xs" c="dimmed" ta="right">
          {pct}%
        </Text>
      </Stack>
    </Modal>
  );
}
