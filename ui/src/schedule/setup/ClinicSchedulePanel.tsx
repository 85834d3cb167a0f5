import { Button, Group, NumberInput, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { api } from "../../api";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import { ErrorAlert } from "../../components/ErrorAlert";
import { scheduleApi } from "../api";
import { useSetupError } from "./ScheduleSetupPage";

type Props = { setup: ScheduleSetup; onChanged: () => void };

/** The clinic's time zone (appointments are typed and shown in it) and the late-cancel notice. */
export function ClinicSchedulePanel({ setup, onChanged }: Props) {
  const { error, fail } = useSetupError();
  const [zones, setZones] = useState<string[]>([setup.settings.time_zone]);
  const [zone, setZone] = useState<string | null>(setup.settings.time_zone);
  const [hours, setHours] = useState<number | string>(setup.settings.late_cancel_notice_hours);

  useEffect(() => {
    api.timeZones().then(setZones).catch(fail);
  }, [fail]);

  const save = async () => {
    try {
      await scheduleApi.updateSettings({
        time_zone: zone ?? "",
        late_cancel_notice_hours: Number(hours) || 0,
      });
      notifications.show({ color: "teal", title: "Schedule settings saved", message: zone ?? "" });
      onChanged();
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
