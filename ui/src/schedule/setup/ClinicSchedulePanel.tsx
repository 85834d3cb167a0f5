import { Button, Group, NumberInput, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useQueryError } from "../../query/useQueryError";
import { scheduleApi } from "../api";
import { useScheduleSetupWrite } from "../mutations";
import { useTimeZones } from "../../lib/useTimeZones";
import { useSetupError } from "./ScheduleSetupPage";

type Props = { setup: ScheduleSetup };

/** The clinic's time zone (appointments are typed and shown in it) and the late-cancel notice. */
export function ClinicSchedulePanel({ setup }: Props) {
  const { error: actionError, fail } = useSetupError();
  const timeZones = useTimeZones();
  const loadError = useQueryError(timeZones.error);
  const error = actionError ?? loadError?.message ?? null;
  // The clinic's own zone until the list arrives, so the field shows it from the start.
  const zones = timeZones.data ?? [setup.settings.time_zone];
  const updateSettings = useScheduleSetupWrite(scheduleApi.updateSettings);
  const [zone, setZone] = useState<string | null>(setup.settings.time_zone);
  const [hours, setHours] = useState<number | string>(setup.settings.late_cancel_notice_hours);

  const save = async () => {
    try {
      await updateSettings.mutateAsync({
        time_zone: zone ?? "",
        late_cancel_notice_hours: Number(hours) || 0,
      });
      notifications.show({ color: "teal", title: "Schedule settings saved", message: zone ?? "" });
    } catch (reason) {
      fail(reason);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm" maw={520}>
        <Select
          label="Clinic time zone"
          searchable
          data={zones}
          value={zone}
          onChange={setZone}
          allowDeselect={false}
        />
        <Text fz="xs" c="dimmed">
          Appointments keep their moment in time; changing the zone changes how they are shown.
        </Text>
        <NumberInput
          label="Late-cancel notice (hours)"
          description="A cancellation with less notice than this counts as late on the patient's record."
          min={0}
          max={168}
          value={hours}
          onChange={setHours}
        />
        {error && <ErrorAlert>{error}</ErrorAlert>}
        <Group justify="flex-end">
          <Button type="submit">Save</Button>
        </Group>
      </Stack>
    </form>
  );
}
