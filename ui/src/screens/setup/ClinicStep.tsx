import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconArrowRight } from "@tabler/icons-react";
import type { DateFormat } from "../../bindings/DateFormat";
import { DATE_FORMAT_LABELS, formatDate } from "../../lib/dates";
import type { SetupValues } from "./setupValidation";

type Props = {
  form: UseFormReturnType<SetupValues>;
  timeZones: string[];
  timeZonesLoading: boolean;
};

const DATE_FORMAT_OPTIONS = (Object.keys(DATE_FORMAT_LABELS) as DateFormat[]).map((value) => ({
  value,
  label: DATE_FORMAT_LABELS[value],
}));

/** Step one. The parent form's submit (Enter or Next) validates these fields and moves on. */
export function ClinicStep({ form, timeZones, timeZonesLoading }: Props) {
  const example = formatDate("1984-03-07", form.getValues().date_format);
  return (
    <Stack gap="md">
      <TextInput
        label="Clinic name"
        description="As it should appear on receipts and letters."
        placeholder="e.g. Riverside Acupuncture"
        autoFocus
        data-testid="setup-clinic-name"
        {...form.getInputProps("clinic_name")}
      />
      <Select
        label="Time zone"
        description="Appointments and chart entries are recorded in this zone."
        searchable
        allowDeselect={false}
        data={timeZones}
        nothingFoundMessage="No time zone matches"
        maxDropdownHeight={280}
        disabled={timeZonesLoading && timeZones.length === 0}
        data-testid="setup-time-zone"
        {...form.getInputProps("time_zone")}
      />
      <Select
        label="Date format"
        description={`7 March 1984 will be shown as ${example}.`}
        allowDeselect={false}
        data={DATE_FORMAT_OPTIONS}
        data-testid="setup-date-format"
        {...form.getInputProps("date_format")}
      />
      <Group justify="flex-end" mt="xs">
        <Button type="submit" rightSection={<IconArrowRight size={16} />} data-testid="setup-next">
          Next
        </Button>
      </Group>
    </Stack>
  );
}
