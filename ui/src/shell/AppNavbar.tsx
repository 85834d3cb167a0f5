import { Box, Group, Kbd, NavLink, Stack, Text } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import { BrandLogo } from "../components/BrandMark";

type Props = { onPatients: () => void };

/** Only sections that exist are listed; new ones are added here as they are built. */
export function AppNavbar({ onPatients }: Props) {
  return (
    <Stack h="100%" gap={0} justify="space-between">
      <Box>
        <Box px="md" h="var(--app-shell-header-height)" style={{ display: "flex", alignItems: "center" }}>
          <BrandLogo />
        </Box>
        <Box p="xs">
          <NavLink
            component="button"
            type="button"
            label="Patients"
            leftSection={<IconUsers size={18} stroke={1.6} />}
            active
            variant="light"
            onClick={onPatients}
            data-testid="nav-patients"
            style={{ borderRadius: "var(--mantine-radius-sm)" }}
          />
        </Box>
      </Box>
      <Stack gap={6} p="md">
        <Text fz="xs" c="dimmed" fw={600}>
          Shortcuts
        </Text>
        <Shortcut keys={["Ctrl", "K"]} label="Find a patient" />
        <Shortcut keys={["Alt", "N"]} label="New patient" />
      </Stack>
    </Stack>
  );
}

function Shortcut({ keys, label }: { keys: string[]; label: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Group gap={4} wrap="nowrap">
        {keys.map((k) => (
          <Kbd key={k}>{k}</Kbd>
        ))}
      </Group>
    </Group>
  );
}
