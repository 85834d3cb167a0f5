import { Button, Group, NumberInput, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { toApiError } from "../api";
import type { ClinicSettings } from "../bindings/ClinicSettings";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler, useSession } from "../lib/session";
import { securityApi } from "../security/api";

type Props = { onSaved: (settings: ClinicSettings) => void };

const MIN_MINUTES = 1;
const MAX_MINUTES = 240;

/** How long a window may sit untouched before it locks (5 minutes unless changed). */
export function SecuritySettingsCard({ onSaved }: Props) {
  const session = useSession();
  const handleError = useApiErrorHandler();
  const stored = session?.clinic.idle_lock_seconds ?? 300;
  const [minutes, setMinutes] = useState<number | string>(Math.max(MIN_MINUTES, Math.round(stored / 60)));
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    const value = typeof minutes === "number" ? minutes : Number.parseInt(minutes, 10);
    if (!Number.isInteger(value) || value < MIN_MINUTES || value > MAX_MINUTES) {
      setFieldError(`Choose from ${MIN_MINUTES} to ${MAX_MINUTES} minutes.`);
      return;
    }
    setBusy(true);
    setFieldError(null);
    setFormError(null);
    try {
      const saved = await securityApi.updateSecuritySettings({ idle_lock_seconds: value * 60 });
      onSaved(saved);
      notifications.show({
        color: "teal",
        title: "Settings saved",
        message: `Screens now lock after ${value} minute${value === 1 ? "" : "s"} without activity.`,
      });
    } catch (reason) {
      const error = handleError(toApiError(reason));
      if (error?.fields[0]) setFieldError(error.fields[0].message);
      else if (error) setFormError(error.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <SectionCard title="Screen lock" data-testid="security-settings">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <Stack gap="sm">
          {formError && <ErrorAlert>{formError}</ErrorAlert>}
          <Text fz="sm" c="dimmed">
            A window nobody has touched for this long shows the lock screen; the person signed in unlocks it
            with their password, and nothing they were typing is lost.
          </Text>
          <Group align="flex-end" gap="sm">
            <NumberInput
              label="Lock after (minutes without activity)"
              min={MIN_MINUTES}
              max={MAX_MINUTES}
              allowDecimal={false}
              value={minutes}
              onChange={setMinutes}
              error={fieldError}
              w={280}
              data-testid="idle-minutes"
            />
            <Button type="submit" loading={busy} data-testid="security-save">
              Save
            </Button>
          </Group>
          {stored % 60 !== 0 && (
            <Text fz="xs" c="dimmed" data-testid="idle-custom">
              Currently {stored} seconds (set from the command line).
            </Text>
          )}
        </Stack>
      </form>
    </SectionCard>
  );
}
