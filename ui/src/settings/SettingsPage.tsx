import { Stack, Text, Title } from "@mantine/core";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import { SecuritySettingsCard } from "./SecuritySettingsCard";

type Props = { onSaved: (settings: ClinicSettings) => void };

/** Clinic-wide settings, for admins. Each area adds its own card. */
export function SettingsPage({ onSaved }: Props) {
  return (
    <Stack gap="lg" maw={720} data-testid="settings-page">
      <Stack gap={4}>
        <Title order={1}>Settings</Title>
        <Text fz="sm" c="dimmed">
          These apply to everyone who signs in at this clinic.
        </Text>
      </Stack>
      <SecuritySettingsCard onSaved={onSaved} />
    </Stack>
  );
}
