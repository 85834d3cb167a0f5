import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Group, NumberInput, SimpleGrid, Stack, Switch, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { BackupOverview } from "../bindings/BackupOverview";
import type { BackupSettings } from "../bindings/BackupSettings";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { splitServerErrors } from "../lib/formErrors";
import { useApiErrorHandler } from "../lib/session";
import { toApiError } from "../api";
import { queryKeys } from "../query/keys";
import { settingsApi } from "./api";

const FIELDS = ["enabled", "folder", "interval_hours", "keep_daily", "keep_weekly"] as const;

type Props = { overview: BackupOverview };

/** Where automatic backups go, how often, and how many are kept. */
export function BackupSettingsCard({ overview }: Props) {
  const handleError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const saveSettings = useMutation({
    mutationFn: settingsApi.updateBackupSettings,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.backups.overview(), saved),
  });
  const [saving, setSaving] = useState(false);
  const [general, setGeneral] = useState<string | null>(null);
  const form = useForm<BackupSettings>({ initialValues: overview.settings });

  async function save(values: BackupSettings) {
    setSaving(true);
    setGeneral(null);
    try {
      const folder = values.folder?.trim() ? values.folder.trim() : null;
      const saved = await saveSettings.mutateAsync({ ...values, folder });
      form.setValues(saved.settings);
      form.resetDirty(saved.settings);
      notifications.show({
        color: "teal",
        title: "Backup settings saved",
        message: `Backups go to ${saved.folder}`,
      });
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error) {
        const { fieldErrors, generalMessage } = splitServerErrors(error, FIELDS);
        form.setErrors(fieldErrors);
        setGeneral(generalMessage);
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <SectionCard title="Automatic backups" data-testid="backup-settings">
      <form onSubmit={form.onSubmit(save)}>
        <Stack gap="sm">
          <Switch
            label="Back up automatically while AcuChart is open"
            {...form.getInputProps("enabled", { type: "checkbox" })}
            data-testid="backup-enabled"
          />
          <TextInput
            label="Backup folder"
            description="A folder on another drive (an external disk) keeps backups safe if this computer fails. Leave empty for the folder beside the database."
            placeholder={overview.folder}
            {...form.getInputProps("folder")}
            value={form.values.folder ?? ""}
            data-testid="backup-folder"
          />
          <SimpleGrid cols={3} spacing="sm">
            <NumberInput
              label="Every (hours)"
              min={1}
              max={168}
              {...form.getInputProps("interval_hours")}
              data-testid="backup-interval"
            />
            <NumberInput
              label="Daily backups kept"
              min={1}
              max={365}
              {...form.getInputProps("keep_daily")}
              data-testid="backup-keep-daily"
            />
            <NumberInput
              label="Weekly backups kept"
              min={0}
              max={520}
              {...form.getInputProps("keep_weekly")}
              data-testid="backup-keep-weekly"
            />
          </SimpleGrid>
          {general && <ErrorAlert>{general}</ErrorAlert>}
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={saving}
              disabled={!form.isDirty()}
              data-testid="backup-settings-save"
            >
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
