import { Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDatabaseExport, IconFileImport } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ApiError } from "../bindings/ApiError";
import type { BackupInfo } from "../bindings/BackupInfo";
import type { BackupProgress } from "../bindings/BackupProgress";
import type { RestoreReport } from "../bindings/RestoreReport";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler, useOnSessionLost } from "../lib/session";
import { useProgressChannel } from "../lib/useProgressChannel";
import { toApiError } from "../api";
import { queryKeys } from "../query/keys";
import { useKeptData } from "../query/useKeptData";
import { useQueryError } from "../query/useQueryError";
import { settingsApi } from "./api";
import { BackupList } from "./BackupList";
import { BackupSettingsCard } from "./BackupSettingsCard";
import { formatInstant } from "./format";
import { ProgressModal } from "./ProgressModal";
import { RestoreModal } from "./RestoreModal";

type Running = "backup" | "restore" | null;

function nextAutomatic(at: string | null): string {
  if (!at) return "Automatic backups are off.";
  if (new Date(at).getTime() <= Date.now())
    return "An automatic backup is due and starts within a few minutes.";
  return `Next automatic backup: ${formatInstant(at)}.`;
}

/** Settings → Backups: back up now, the backups on file, restore, and the schedule. */
export function BackupsPanel() {
  const handleError = useApiErrorHandler();
  const onSessionLost = useOnSessionLost();
  const queryClient = useQueryClient();
  const stored = useQuery({ queryKey: queryKeys.backups.overview(), queryFn: settingsApi.backupOverview });
  // A failed re-read leaves the last overview on screen under its error.
  const overview = useKeptData(stored.data) ?? null;
  const loadError = useQueryError(stored.error);
  const [actionError, setError] = useState<string | null>(null);
  const error = actionError ?? loadError?.message ?? null;
  const createBackup = useMutation({
    mutationFn: settingsApi.createBackup,
    // Not awaited: the progress window closes as soon as the backup is made, the list follows.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.backups.all }),
  });
  const [running, setRunning] = useState<Running>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<{ backup: BackupInfo | null } | null>(null);
  const [restoreError, setRestoreError] = useState<ApiError | null>(null);
  const [restored, setRestored] = useState<RestoreReport | null>(null);
  const { progress, open: progressChannel } = useProgressChannel<BackupProgress>();

  async function backUpNow() {
    setRunning("backup");
    try {
      const made = await createBackup.mutateAsync(progressChannel());
      notifications.show({ color: "teal", title: "Backup made", message: made.path });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setRunning(null);
    }
  }

  async function check(b: BackupInfo) {
    setChecking(b.path);
    try {
      const c = await settingsApi.verifyBackup(b.path, null);
      notifications.show({
        color: "teal",
        title: "Backup checked: it is complete and opens",
        message: `${c.clinic_name}: ${c.patients} patients, schema ${c.schema_version}`,
      });
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) notifications.show({ color: "red", title: "This backup cannot be used", message: e.message });
    } finally {
      setChecking(null);
    }
  }

  async function restore(path: string, recoveryKey: string | null) {
    setRestoreError(null);
    setRunning("restore");
    try {
      const report = await settingsApi.restoreBackup(path, recoveryKey, progressChannel());
      setRestoring(null);
      setRestored(report);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setRestoreError(e);
    } finally {
      setRunning(null);
    }
  }

  if (error && !overview) return <ErrorAlert>{error}</ErrorAlert>;
  if (!overview) return <Loader size="sm" aria-label="Loading backups" />;

  return (
    <Stack gap="lg" data-testid="backups-panel">
      <SectionCard
        title="Backups"
        action={
          <Group gap="xs">
            <Button
              variant="default"
              size="xs"
              leftSection={<IconFileImport size={16} />}
              onClick={() => {
                setRestoreError(null);
                setRestoring({ backup: null });
              }}
              data-testid="restore-other"
            >
              Restore from a file…
            </Button>
            <Button
              size="xs"
              leftSection={<IconDatabaseExport size={16} />}
              onClick={backUpNow}
              data-testid="backup-now"
            >
              Back up now
            </Button>
          </Group>
        }
      >
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            Backups are encrypted with the database key: this clinic's recovery key opens them on any
            computer. Folder: <b data-testid="backup-folder-shown">{overview.folder}</b>.{" "}
            {nextAutomatic(overview.next_automatic_at)}
          </Text>
          {error && <ErrorAlert>{error}</ErrorAlert>}
          <BackupList
            backups={overview.backups}
            checking={checking}
            onCheck={check}
            onRestore={(b) => {
              setRestoreError(null);
              setRestoring({ backup: b });
            }}
          />
        </Stack>
      </SectionCard>

      <BackupSettingsCard key={JSON.stringify(overview.settings)} overview={overview} />

      <RestoreModal
        opened={restoring !== null && running === null}
        backup={restoring?.backup ?? null}
        error={restoreError}
        onCancel={() => setRestoring(null)}
        onConfirm={restore}
      />
      <ProgressModal
        opened={running !== null}
        title={running === "restore" ? "Restoring the backup" : "Backing up"}
        progress={progress}
      />
      <Modal
        opened={restored !== null}
        onClose={onSessionLost}
        title="Backup restored"
        centered
        closeOnClickOutside={false}
      >
        {restored && (
          <Stack gap="sm" data-testid="restore-done">
            <Text fz="sm">
              The clinic's data is now the backup's: {restored.restored.patients}{" "}
              {restored.restored.patients === 1 ? "patient" : "patients"}
              {restored.restored.schema_version < restored.schema_version_now
                ? ", upgraded to this version"
                : ""}
              .
            </Text>
            {restored.previous_database && (
              <Text fz="sm" c="dimmed">
                The data as it was before is kept in {restored.previous_database.file_name}.
              </Text>
            )}
            <Text fz="sm">Please sign in again: the staff accounts are the backup's.</Text>
            <Group justify="flex-end">
              <Button onClick={onSessionLost} data-autofocus data-testid="restore-sign-in">
                Sign in again
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
