import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useState } from "react";
import type { KeyRotationResult } from "../bindings/KeyRotationResult";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler, useSession } from "../lib/session";
import { RecoveryKeyStep } from "../screens/setup/RecoveryKeyStep";
import { toApiError } from "../api";
import { settingsApi } from "./api";

/** Settings → Security: change the database key and get a new recovery key, shown once. */
export function SecurityPanel() {
  const session = useSession();
  const handleError = useApiErrorHandler();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<KeyRotationResult | null>(null);

  async function rotate() {
    setBusy(true);
    setError(null);
    try {
      const r = await settingsApi.rotateKey();
      setConfirming(false);
      setResult(r);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="lg" data-testid="security-panel">
      <SectionCard title="Database key">
        <Stack gap="sm">
          <Text fz="sm">
            The clinic's data is encrypted with a random key kept in this computer's keyring. The recovery key
            printed at set-up is the same key written for people.
          </Text>
          <Text fz="sm">
            Change the key when a printed recovery key may have been seen or lost, or when someone who knew it
            leaves. The data and the backups in the backup folder are re-encrypted; the old recovery key stops
            working.
          </Text>
          <Group>
            <Button
              leftSection={<IconKey size={16} />}
              variant="default"
              onClick={() => {
                setError(null);
                setConfirming(true);
              }}
              data-testid="rotate-key"
            >
              Change the database key…
            </Button>
          </Group>
        </Stack>
      </SectionCard>

      <Modal
        opened={confirming}
        onClose={() => !busy && setConfirming(false)}
        title="Change the database key?"
        centered
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void rotate();
          }}
        >
          <Stack gap="sm">
            <List fz="sm" spacing={4}>
              <List.Item>
                A new random key encrypts the database and the backups in the backup folder.
              </List.Item>
              <List.Item>
                You get a new recovery key, shown once: print it before you close the window.
              </List.Item>
              <List.Item>The old recovery key stops working. Destroy the printed copy.</List.Item>
            </List>
            {error && <ErrorAlert>{error}</ErrorAlert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={busy}>
                Cancel
              </Button>
              <Button type="submit" loading={busy} data-autofocus data-testid="rotate-key-confirm">
                Change the key
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={result !== null}
        onClose={() => {}}
        withCloseButton={false}
        closeOnClickOutside={false}
        closeOnEscape={false}
        title="New recovery key"
        centered
        size="lg"
        data-print-sheet
      >
        {result && (
          <Stack gap="sm" data-testid="rotate-key-done">
            <Text fz="sm" className="no-print">
              The database key was changed. {result.backups_reencrypted} backup
              {result.backups_reencrypted === 1 ? " was" : "s were"} re-encrypted with it.
            </Text>
            {result.backups_left.length > 0 && (
              <Alert color="yellow" variant="light" className="no-print">
                {result.backups_left.length} backup(s) still open only with an older recovery key:{" "}
                {result.backups_left.join(", ")}.
              </Alert>
            )}
            <RecoveryKeyStep
              recoveryKey={result.recovery_key}
              clinicName={session?.clinic.name ?? "this clinic"}
              continueLabel="Done"
              onContinue={() => setResult(null)}
            />
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
