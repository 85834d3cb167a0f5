import { Stack, Tabs, Title } from "@mantine/core";
import { IconDatabase, IconShieldLock } from "@tabler/icons-react";
import { useCan } from "../lib/session";
import { BackupsPanel } from "./BackupsPanel";
import { SecurityPanel } from "./SecurityPanel";

/** Clinic-wide settings for admins: backups and the database key. */
export function SettingsPage() {
  const can = useCan();
  const tabs = [
    can("manage_backups") && { id: "backups", label: "Backups", icon: IconDatabase },
    can("rotate_key") && { id: "security", label: "Security", icon: IconShieldLock },
  ].filter((t) => t !== false);
  const first = tabs[0]?.id ?? "backups";
  return (
    <Stack gap="lg" maw={1000} data-testid="settings-page">
      <Title order={1}>Settings</Title>
      <Tabs defaultValue={first} keepMounted={false}>
        <Tabs.List mb="md">
          {tabs.map(({ id, label, icon: Icon }) => (
            <Tabs.Tab key={id} value={id} leftSection={<Icon size={16} />} data-testid={`settings-tab-${id}`}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="backups">{can("manage_backups") && <BackupsPanel />}</Tabs.Panel>
        <Tabs.Panel value="security">{can("rotate_key") && <SecurityPanel />}</Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
