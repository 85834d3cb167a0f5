import { Button, Code, Stack, Text, TextInput } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";
import { api, toApiError } from "../api";
import { AuthLayout } from "../components/AuthLayout";

type Props = { databasePath: string; onUnlocked: () => void };

/** The database exists but its key is not in this computer's keyring: unlock with the printed key. */
export function RecoveryScreen({ databasePath, onUnlocked }: Props) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!key.trim()) {
      setError("Enter the recovery key, including all 14 groups.");
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.unlockWithRecoveryKey(key.trim());
      onUnlocked();
    } catch (reason) {
      const apiError = toApiError(reason);
      setError(apiError.fields[0]?.message ?? apiError.message);
      setBusy(false);
    }
  }

  return (
    <AuthLayout title="Unlock the clinic database" width={560}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm">
            The key that unlocks this clinic's data was not found in this computer's keyring. This happens
            after moving to a new computer, reinstalling the system or resetting the keyring.
          </Text>
          <Text fz="sm">
            Enter the recovery key that was printed or written down when the clinic was set up. Case, spaces
            and dashes do not matter. The key is then stored in the keyring again.
          </Text>
          <TextInput
            label="Recovery key"
            placeholder="XXXX-XXXX-XXXX-…"
            leftSection={<IconKey size={16} />}
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            error={error}
            autoFocus
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            data-testid="recovery-input"
            styles={{
              input: { fontFamily: "var(--mantine-font-family-monospace)", letterSpacing: "0.04em" },
            }}
          />
          <Stack gap={4}>
            <Text fz="xs" c="dimmed">
              Database file
            </Text>
            <Code block>{databasePath}</Code>
          </Stack>
          <Button type="submit" loading={busy} data-testid="recovery-submit" fullWidth>
            Unlock
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
