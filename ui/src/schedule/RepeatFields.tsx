import { Chip, Group, NumberInput, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import type { BookingForm, RepeatEnd, RepeatKind } from "./bookingForm";
import { DateField } from "./fields";

type Props = {
  form: BookingForm;
  today: string;
  set: (patch: Partial<BookingForm>) => void;
};

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** A course: weekly (every N weeks) or on chosen weekdays, for a number of visits or until a date. */
export function RepeatFields({ form, today, set }: Props) {
  return (
    <Stack gap={6}>
      <Group gap="sm" align="flex-end" wrap="nowrap">
        <Select
          label="Repeat"
          w={170}
          searchable
          selectFirstOptionOnChange
          data={[
            { value: "none", label: "Does not repeat" },
            { value: "weekly", label: "Weekly" },
            { value: "weekdays", label: "On weekdays…" },
          ]}
          value={form.repeat}
          onChange={(v) => set({ repeat: (v as RepeatKind) ?? "none" })}
          allowDeselect={false}
          data-testid="booking-repeat"
        />
        {form.repeat !== "none" && (
          <>
            <NumberInput
              label="Every N weeks"
              w={110}
              min={1}
              max={52}
              value={form.intervalWeeks}
              onChange={(v) => set({ intervalWeeks: Number(v) || 1 })}
              data-testid="booking-interval"
            />
            <SegmentedControl
              value={form.end}
              onChange={(v) => set({ end: v as RepeatEnd })}
              data={[
                { value: "count", label: "Visits" },
                { value: "until", label: "Until" },
              ]}
              aria-label="Ends after"
            />
            {form.end === "count" ? (
              <NumberInput
                label="Number of visits"
                w={130}
                min={1}
                max={200}
                value={form.count}
                onChange={(v) => set({ count: Number(v) || 1 })}
                data-testid="booking-count"
              />
            ) : (
              <DateField
                label="Last date"
                w={160}
                value={form.until}
                onChange={(until) => set({ until })}
                today={today}
                data-testid="booking-until"
              />
            )}
          </>
        )}
      </Group>
      {form.repeat === "weekdays" && (
        <Group gap={6} data-testid="booking-weekdays">
          <Text fz="sm" c="dimmed">
            On
          </Text>
          <Chip.Group multiple value={form.weekdays} onChange={(weekdays) => set({ weekdays })}>
            {WEEKDAYS.map((d, i) => (
              <Chip key={d} value={String(i + 1)} size="sm">
                {d}
              </Chip>
            ))}
          </Chip.Group>
        </Group>
      )}
    </Stack>
  );
}
