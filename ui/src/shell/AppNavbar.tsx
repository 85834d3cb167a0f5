import { Box, Group, Kbd, NavLink, Stack, Text } from "@mantine/core";
import {
  IconAdjustmentsHorizontal,
  IconCalendarCheck,
  IconCalendarWeek,
  IconListCheck,
  IconNotes,
  IconSettings,
  IconShieldCheck,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import type { Operation } from "../bindings/Operation";
import { BrandLogo } from "../components/BrandMark";
import { useCan } from "../lib/session";

export type Section =
  | "schedule"
  | "patients"
  | "staff"
  | "today"
  | "protocols"
  | "handouts"
  | "schedule-setup"
  | "audit"
  | "settings";

type SectionEntry = {
  id: Section;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  /** Shown only to users who may do this; the core checks every call again. */
  requires?: Operation;
};

/** The left navigation, in order. New sections are added here as they are built. */
export const SECTIONS: readonly SectionEntry[] = [
  // The front desk's home: everyone who may read the schedule (a practitioner sees their column).
  { id: "schedule", label: "Schedule", icon: IconCalendarWeek, requires: "read_schedule" },
  // Charting: practitioners (and admins, reading) only.
  { id: "today", label: "Today", icon: IconCalendarCheck, requires: "read_visit_notes" },
  { id: "patients", label: "Patients", icon: IconUsers },
  { id: "protocols", label: "Protocols", icon: IconListCheck, requires: "read_protocols" },
  { id: "handouts", label: "Handouts", icon: IconNotes, requires: "read_handouts" },
  { id: "staff", label: "Staff", icon: IconUsersGroup, requires: "list_users" },
  {
    id: "schedule-setup",
    label: "Schedule setup",
    icon: IconAdjustmentsHorizontal,
    requires: "manage_schedule_setup",
  },
  // Security: admins.
  { id: "audit", label: "Audit log", icon: IconShieldCheck, requires: "read_audit_log" },
  { id: "settings", label: "Settings", icon: IconSettings, requires: "manage_clinic_settings" },
];

type Props = { section: Section; onSelect: (section: Section) => void };

const NAV_LINK_STYLE = { borderRadius: "var(--mantine-radius-sm)" };

export function AppNavbar({ section, onSelect }: Props) {
  const can = useCan();
  return (
    <Stack h="100%" gap={0} justify="space-between">
      <Box>
        <Box px="md" h="var(--app-shell-header-height)" style={{ display: "flex", alignItems: "center" }}>
          <BrandLogo />
        </Box>
        <Stack p="xs" gap={2} component="nav" aria-label="Sections">
          {SECTIONS.filter((s) => !s.requires || can(s.requires)).map(({ id, label, icon: Icon }) => (
            <NavLink
              key={id}
              component="button"
              type="button"
              label={label}
              leftSection={<Icon size={18} stroke={1.6} />}
              active={section === id}
              aria-current={section === id ? "page" : undefined}
              variant="light"
              onClick={() => onSelect(id)}
              data-testid={`nav-${id}`}
              style={NAV_LINK_STYLE}
            />
          ))}
        </Stack>
      </Box>
      <Stack gap={6} p="md">
        <Text fz="xs" c="dimmed" fw={600}>
          Shortcuts
        </Text>
        <Shortcut keys={["Ctrl", "K"]} label="Find a patient" />
        {can("book_appointments") && <Shortcut keys={["Alt", "B"]} label="Book appointment" />}
        <Shortcut keys={["Alt", "N"]} label="New patient" />
        <Shortcut keys={["Ctrl", "⇧", "L"]} label="Lock now" />
        <Shortcut keys={["Ctrl", "⇧", "P"]} label="Privacy mode" />
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
