import { Stack, Tabs, Text, Title } from "@mantine/core";
import { IconDatabase, IconFileText, IconLock, IconShieldLock, IconTransfer } from "@tabler/icons-react";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import { DataPanel } from "../data/DataPanel";
import { useCan } from "../lib/session";
import { BackupsPanel } from "./BackupsPanel";
import { SecurityPanel } from "./SecurityPanel";
import { SecuritySettingsCard } from "./SecuritySettingsCard";
import { DocumentSettingsCard } from "../documents/DocumentSettingsCard";
import { LogoCard } from "../handouts/LogoCard";

type Props = { onSaved?: (settings: ClinicSettings) => void };

/** Clinic-wide settings for admins, one tab per area: screen locking, documents (letterhead, paper), backups, the database key, import and export. */
export function SettingsPage({ onSaved = () => {} }: Props) {
  const can = useCan();
  const tabs = [
    can("manage_clinic_settings") && { id: "general", label: "Screen lock", icon: IconLock },
    can("manage_clinic_settings") && { id: "documents", label: "Documents", icon: IconFileText },
    can("manage_backups") && { id: "backups", label: "Backups", icon: IconDatabase },
    can("rotate_key") && { id: "security", label: "Database key", icon: IconShieldLock },
    (can("import_patients") || can("export_clinic_data")) && {
      id: "data",
      label: "Import and export",
      icon: IconTransfer,
    },
  ].filter((t) => t !== false);
  const first = tabs[0]?.id ?? "general";
  return (
    <Stack gap="lg" maw={1000} data-testid="settings-page">
      <Stack gap={4}>
        <Title order={1}>Settings</Title>
        <Text fz="sm" c="dimmed">
          These apply to everyone who signs in at this clinic.
        </Text>
      </Stack>
      <Tabs defaultValue={first} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map(({ id, label, icon: Icon }) => (
            <Tabs.Tab key={id} value={id} leftSection={<Icon size={16} />} data-testid={`settings-tab-${id}`}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="general" maw={720}>
          {can("manage_clinic_settings") && <SecuritySettingsCard onSaved={onSaved} />}
        </Tabs.Panel>
        <Tabs.Panel value="documents" maw={720}>
          {can("manage_clinic_settings") && (
            <Stack gap="md">
              <DocumentSettingsCard />
              <LogoCard />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="backups">{can("manage_backups") && <BackupsPanel />}</Tabs.Panel>
        <Tabs.Panel value="security">{can("rotate_key") && <SecurityPanel />}</Tabs.Panel>
        <Tabs.Panel value="data">
          <DataPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
