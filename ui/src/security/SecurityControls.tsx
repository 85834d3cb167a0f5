import { ActionIcon, Group, Kbd, Text, Tooltip } from "@mantine/core";
import { IconEye, IconEyeOff, IconLock } from "@tabler/icons-react";
import { useSecurityControls } from "./SessionGuard";

function Hint({ label, keys }: { label: string; keys: string[] }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text fz="sm">{label}</Text>
      <Group gap={2} wrap="nowrap">
        {keys.map((k) => (
          <Kbd key={k} size="xs">
            {k}
          </Kbd>
        ))}
      </Group>
    </Group>
  );
}

/** The header's "Lock now" and privacy-mode buttons, with their shortcuts in the tooltips. */
export function SecurityControls() {
  const { lockNow, privacy, togglePrivacy } = useSecurityControls();
  const privacyLabel = privacy ? "Show patient names" : "Privacy mode: blur patient names";
  return (
    <Group gap="xs" wrap="nowrap">
      <Tooltip label={<Hint label={privacyLabel} keys={["Ctrl", "Shift", "P"]} />} withArrow>
        <ActionIcon
          variant={privacy ? "filled" : "default"}
          size="lg"
          aria-label={`${privacyLabel} (Ctrl+Shift+P)`}
          aria-pressed={privacy}
          onClick={togglePrivacy}
          data-testid="privacy-toggle"
        >
          {privacy ? <IconEyeOff size={18} stroke={1.6} /> : <IconEye size={18} stroke={1.6} />}
        </ActionIcon>
      </Tooltip>
      <Tooltip label={<Hint label="Lock now" keys={["Ctrl", "Shift", "L"]} />} withArrow>
        <ActionIcon
          variant="default"
          size="lg"
          aria-label="Lock now (Ctrl+Shift+L)"
          onClick={lockNow}
          data-testid="lock-now"
        >
          <IconLock size={18} stroke={1.6} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
