import { Alert, Box, Button, Checkbox, Group, Stack, Text } from "@mantine/core";
import { useClipboard } from "@mantine/hooks";
import { IconAlertTriangle, IconCheck, IconCopy, IconPrinter } from "@tabler/icons-react";
import { Fragment, useState } from "react";

type Props = { recoveryKey: string; clinicName: string; onContinue: () => void; continueLabel?: string };

/**
 * Shows the recovery key once. The element's text is exactly the key (with its dashes) so it can be
 * copied or read back; <wbr> lets it wrap between groups without adding any characters.
 */
export function RecoveryKeyStep({
  recoveryKey,
  clinicName,
  onContinue,
  continueLabel = "Continue to sign in",
}: Props) {
  const [stored, setStored] = useState(false);
  const clipboard = useClipboard({ timeout: 2000 });
  const groups = recoveryKey.split("-");

  return (
    <Stack gap="md">
      <Text fw={600}>Recovery key for {clinicName}</Text>
      <Text fz="sm">
        Print or write this down and keep it somewhere safe: it unlocks the clinic's data if this computer's
        keyring is lost. It will not be shown again.
      </Text>
      <Box
        p="md"
        bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))"
        bd="1px solid light-dark(var(--mantine-color-gray-3), var(--mantine-color-dark-4))"
        style={{ borderRadius: "var(--mantine-radius-md)", textAlign: "center" }}
      >
        <Text
          component="p"
          m={0}
          ff="monospace"
          fz={20}
          fw={600}
          lh={1.8}
          mx="auto"
          // Room for seven 5-character groups (35ch) but not eight: the key reads as two even rows.
          maw="37ch"
          data-testid="recovery-key"
        >
          {groups.map((group, i) => (
            <Fragment key={i}>
              {group}
              {i < groups.length - 1 && "-"}
              <wbr />
            </Fragment>
          ))}
        </Text>
      </Box>
      <Group gap="sm" className="no-print">
        <Button
          variant="default"
          leftSection={clipboard.copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
          onClick={() => clipboard.copy(recoveryKey)}
        >
          {clipboard.copied ? "Copied" : "Copy"}
        </Button>
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      {clipboard.error && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} className="no-print">
          Copying is not available here; please print the key or write it down.
        </Alert>
      )}
      <Checkbox
        className="no-print"
        checked={stored}
        onChange={(e) => setStored(e.currentTarget.checked)}
        label="I have stored the recovery key"
        data-testid="recovery-key-stored"
      />
      <Group justify="flex-end" className="no-print">
        <Button disabled={!stored} onClick={onContinue} data-testid="recovery-key-continue">
          {continueLabel}
        </Button>
      </Group>
    </Stack>
  );
}
