import { Box, Group, Kbd, NavLink, Stack, Text } from "@mantine/core";
import { IconUsers, IconUsersGroup } from "@tabler/icons-react";
import { BrandLogo } from "../components/BrandMark";
import { useCan } from "../lib/session";

export type Section = "patients" | "staff";

type Props = { section: Section; onPatients: () => void; onStaff: () => void };

const NAV_LINK_STYLE = { borderRadius: "var(--mantine-radius-sm)" };

/**
 * Only sections that exist are listed, and only those the user may open (the core checks again).
 * New ones are added here as they are built.
 */
export function AppNavbar({ section, onPatients, onStaff }: Props) {
  const can = useCan();
  return (
    <Stack h="100%" gap={0} justify="space-between">
      <Box>
        <Box px="md" h="var(--app-shell-header-height)" style={{ display: "flex", alignItems: "center" }}>
          <BrandLogo />
        </Box>
        <Stack p="xs" gap={2} component="nav" aria-label="Sections">
          <NavLink
            component="button"
            type="button"
            label="Patients"
            leftSection={<IconUsers size={18} stroke={1.6} />}
            active={section === "patients"}
            aria-current={section === "patients" ? "page" : undefined}
            variant="light"
            onClick={onPatients}
            data-testid="nav-patients"
            style={NAV_LINK_STYLE}
          />
          {can("list_users") && (
            <NavLink
              component="button"
              type="button"
              label="Staff"
              leftSection={<IconUsersGroup size={18} stroke={1.6} />}
              active={section === "staff"}
              aria-current={section === "staff" ? "page" : undefined}
              variant="light"
              onClick={onStaff}
              data-testid="nav-staff"
              style={NAV_LINK_STYLE}
            />
          )}
        </Stack>
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
