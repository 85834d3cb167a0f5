import { ActionIcon, Button, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { ScheduleSetup } from "../../bindings/ScheduleSetup";
import type { WeekParity } from "../../bindings/WeekParity";
import type { WorkingBlock } from "../../bindings/WorkingBlock";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useQueryError } from "../../query/useQueryError";
import { TimeField } from "../fields";
import { useSetWorkingHours } from "../mutations";
import { useWorkingHours } from "../useSchedule";
import { useSetupError } from "./ScheduleSetupPage";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const PARITY = [
  { value: "every", label: "Every week" },
  { value: "odd", label: "Odd weeks" },
  { value: "even", label: "Even weeks" },
];

/** One practitioner's weekly template: several blocks a day (lunch breaks), alternating weeks. */
export function HoursPanel({ setup }: { setup: ScheduleSetup }) {
  const { error: actionError, setError, fail } = useSetupError();
  const [who, setWho] = useState<string | null>(
    setup.practitioners[0] ? String(setup.practitioners[0].user_id) : null,
  );
  const [blocks, setBlocks] = useState<WorkingBlock[]>([]);

  const hours = useWorkingHours(who ? Number(who) : null);
  const saveHours = useSetWorkingHours();
  const loadError = useQueryError(hours.error);
  const error = actionError ?? loadError?.message ?? null;

  // The form edits a copy: it starts over from each practitioner's saved hours as they arrive.
  useEffect(() => {
    if (hours.data) setBlocks(hours.data);
  }, [hours.data]);

  const update = (i: number, patch: Partial<WorkingBlock>) =>
    setBlocks((b) => b.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const save = async () => {
    if (!who) return;
    try {
      setBlocks(await saveHours.mutateAsync({ practitionerId: Number(who), blocks }));
      setError(null);
      notifications.show({
        color: "teal",
        title: "Working hours saved",
        message: "The calendar shades the rest.",
      });
    } catch (reason) {
      fail(reason);
    }
  };

  return (
    <Stack gap="sm" maw={760}>
      <Select
        label="Practitioner"
        w={280}
        data={setup.practitioners.map((p) => ({ value: String(p.user_id), label: p.display_name }))}
        value={who}
        onChange={setWho}
        allowDeselect={false}
      />
      {DAYS.map((day, d) => {
        const weekday = d + 1;
        const today = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.weekday === weekday);
        return (
          <Paper key={day} withBorder p="xs">
            <Group align="flex-start" wrap="nowrap">
              <Text fw={600} fz="sm" w={110} pt={6}>
                {day}
              </Text>
              <Stack gap={6} style={{ flex: 1 }}>
                {today.length === 0 && (
                  <Text fz="sm" c="dimmed" pt={6}>
                    Not working
                  </Text>
                )}
                {today.map(({ b, i }) => (
                  <Group key={i} gap="xs" wrap="nowrap">
                    <TimeField
                      size="xs"
                      w={80}
                      aria-label={`${day} from`}
                      value={b.start}
                      onChange={(start) => start && update(i, { start })}
                    />
                    <Text fz="sm">to</Text>
                    <TimeField
                      size="xs"
                      w={80}
                      aria-label={`${day} until`}
                      value={b.end}
                      onChange={(end) => end && update(i, { end })}
                    />
                    <Select
                      size="xs"
                      w={130}
                      data={PARITY}
                      value={b.week_parity}
                      onChange={(v) => update(i, { week_parity: (v as WeekParity) ?? "every" })}
                      allowDeselect={false}
                      aria-label="Which weeks"
                    />
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label="Remove block"
                      onClick={() => setBlocks((x) => x.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ))}
              </Stack>
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  setBlocks((x) => [
                    ...x,
                    {
                      weekday,
                      start: today.length ? "13:30" : "09:00",
                      end: today.length ? "18:00" : "12:30",
                      week_parity: "every",
                    },
                  ])
                }
              >
                Block
              </Button>
            </Group>
          </Paper>
        );
      })}
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <Group justify="flex-end">
        <Button onClick={() => void save()} disabled={!who}>
          Save hours
        </Button>
      </Group>
    </Stack>
  );
}
