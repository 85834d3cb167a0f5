import { Alert, Anchor, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { ApiError } from "../bindings/ApiError";
import type { BackupInfo } from "../bindings/BackupInfo";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatInstant } from "./format";

/** What to restore: a listed backup, or a file elsewhere (`backup` null: the path is typed). */
type Props = {
  opened: boolean;
  backup: BackupInfo | null;
  error: ApiError | null;
  onCancel: () => void;
  onConfirm: (path: string, recoveryKey: string | null) => void;
};

/** Asks before the clinic's data is replaced, and for a recovery key when the backup needs one. */
export function RestoreModal({ opened, backup, error, onCancel, onConfirm }: Props) {
  const [path, setPath] = useState("");
  const [recoveryKey, setRecoveryKey] = useState("");
  const [askKey, setAskKey] = useState(false);

  useEffect(() => {
    if (opened) {
      setPath(backup?.path ?? "");
      setRecoveryKey("");
      setAskKey(false);
    }
  }, [opened, backup]);
  useEffect(() => {
    if (error?.code === "invalid_recovery_key") setAskKey(true);
  }, [error]);

  const keyError = error?.code === "invalid_recovery_key" ? error.message : null;
  const pathError = error?.fields.find((f) => f.field === "file")?.message ?? null;
  const otherError = error && !keyError && !pathError ? error.message : null;

  function confirm() {
    if (!path.trim()) return;
    onConfirm(path.trim(), askKey && recoveryKey.trim() ? recoveryKey.trim() : null);
  }

  return (
    <Modal opened={opened} onClose={onCancel} title="Restore a backup" centered size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <Stack gap="sm">
          {backup ? (
            <Text fz="sm">
              Restore the backup made <b>{formatInstant(backup.created_at)}</b>?
            </Text>
          ) : (
            <TextInput
              label="Backup file"
              description="The full path of an .acuchart-backup file, e.g. on an external drive."
              value={path}
              onChange={(e) => setPath(e.currentTarget.value)}
              error={pathError}
              data-autofocus
              data-testid="restore-path"
            />
          )}
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
            The clinic's data will be replaced by the backup's. The backup is checked first, and the current
            data is kept as a backup before anything is replaced. Everyone signs in again afterwards.
          </Alert>
          {askKey ? (
            <PasswordInput
              label="Recovery key for this backup"
              description="Needed only for a backup made before the database key was changed."
              value={recoveryKey}
              onChange={(e) => setRecoveryKey(e.currentTarget.value)}
              error={keyError}
              data-testid="restore-recovery-key"
            />
          ) : (
            <Anchor component="button" type="button" fz="sm" onClick={() => setAskKey(true)}>
              This backup was made before a key change
            </Anchor>
          )}
          {backup && pathError && <ErrorAlert>{pathError}</ErrorAlert>}
          {otherError && <ErrorAlert data-testid="restore-error">{otherError}</ErrorAlert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" color="orange" disabled={!path.trim()} data-testid="restore-confirm">
              Restore this backup
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
