import { Alert, Button, Center, Code, Group, Loader, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import type { ApiError } from "../bindings/ApiError";
import { AuthLayout } from "../components/AuthLayout";

/** Shown while `app_status` runs: same frame as the next screen, so nothing jumps. */
export function BootLoader() {
  return (
    <AuthLayout>
      <Center h={160}>
        <Loader size="md" aria-label="Opening the clinic database" />
      </Center>
    </AuthLayout>
  );
}

const HINTS: Partial<Record<ApiError["code"], string>> = {
  keyring_unavailable:
    "AcuChart keeps the database key in this computer's keyring. Make sure you are signed in to the desktop session and its keyring is unlocked, then retry.",
  wrong_key:
    "The data was not changed. If the keyring entry was replaced, use the recovery key; otherwise restore a backup.",
  database_too_new: "Install the newer version of AcuChart on this computer.",
  not_encrypted: "Move the file aside (it was left untouched) and restart AcuChart.",
};

type Props = { error: ApiError; databasePath: string | null; onRetry: () => void };

/** The database could not be opened at all: say why, and where the file is, for support. */
export function BootError({ error, databasePath, onRetry }: Props) {
  const hint = HINTS[error.code];
  return (
    <AuthLayout title="The clinic database could not be opened" width={560}>
      <Stack gap="md">
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} data-testid="boot-error">
          {error.message}
        </Alert>
        {hint && <Text fz="sm">{hint}</Text>}
        {databasePath && (
          <Stack gap={4}>
            <Text fz="xs" c="dimmed">
              Database file
            </Text>
            <Code block>{databasePath}</Code>
          </Stack>
        )}
        <Text fz="xs" c="dimmed">
          Error code: {error.code}
        </Text>
        <Group justify="flex-end">
          <Button leftSection={<IconRefresh size={16} />} onClick={onRetry}>
            Try again
          </Button>
        </Group>
      </Stack>
    </AuthLayout>
  );
}
