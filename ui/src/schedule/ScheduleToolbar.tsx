import {
  ActionIcon,
  Button,
  Group,
  Kbd,
  Popover,
  SegmentedControl,
  Select,
  Text,
  Tooltip,
} from "@mantine/core";
import { DatePicker } from "@mantine/dates";
import {
  IconCalendar,
  IconCalendarPlus,
  IconChevronLeft,
  IconChevronRight,
  IconDownload,
  IconList,
} from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import type { Practitioner } from "../bindings/Practitioner";
import type { ColumnMode } from "./calendarModel";
import { addDays, longDate, weekStart } from "./time";

type Props = {
  date: string;
  today: string;
  mode: ColumnMode;
  practitioners: Practitioner[];
  weekPractitioner: number | null;
  showCancelled: boolean;
  canBook: boolean;
  canWaitlist: boolean;
  canExport: boolean;
  onDate: (date: string) => void;
  onMode: (mode: ColumnMode) => void;
  onWeekPractitioner: (id: number) => void;
  onShowCancelled: (show: boolean) => void;
  onBook: () => void;
  onWaitlist: () => void;
  onExport: () => void;
  /** More actions for the shown day (the day sheet), before Book. */
  dayActions?: ReactNode;
};

export const BOOK_SHORTCUT = "Alt+B";

/** Date navigation, the column toggle, and the desk's actions, in one calm row. */
export function ScheduleToolbar(p: Props) {
  const [picking, setPicking] = useState(false);
  const step = p.mode === "week" ? 7 : 1;
  const label = p.mode === "week" ? `Week of ${longDate(weekStart(p.date))}` : longDate(p.date);
  return (
    <Group justify="space-between" gap="sm" wrap="nowrap" data-testid="schedule-toolbar">
      <Group gap={6} wrap="nowrap">
        <Button variant="default" size="sm" onClick={() => p.onDate(p.today)} data-testid="schedule-today">
          Today
        </Button>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={p.mode === "week" ? "Previous week" : "Previous day"}
          onClick={() => p.onDate(addDays(p.date, -step))}
          data-testid="schedule-prev"
        >
          <IconChevronLeft size={18} />
        </ActionIcon>
        <ActionIcon
          variant="default"
          size={36}
          aria-label={p.mode === "week" ? "Next week" : "Next day"}
          onClick={() => p.onDate(addDays(p.date, step))}
          data-testid="schedule-next"
        >
          <IconChevronRight size={18} />
        </ActionIcon>
        <Popover opened={picking} onChange={setPicking} position="bottom-start" shadow="md" trapFocus>
          <Popover.Target>
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              rightSection={<IconCalendar size={16} />}
              onClick={() => setPicking((o) => !o)}
              data-testid="schedule-date"
              data-date={p.date}
            >
              <Text fw={600} fz="md">
                {label}
              </Text>
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <DatePicker
              value={p.date}
              onChange={(d) => {
                if (d) p.onDate(d);
                setPicking(false);
              }}
              firstDayOfWeek={1}
            />
          </Popover.Dropdown>
        </Popover>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <SegmentedControl
          size="sm"
          value={p.mode}
          onChange={(v) => p.onMode(v as ColumnMode)}
          data={[
            { value: "practitioners", label: "Practitioners" },
            { value: "rooms", label: "Rooms" },
            { value: "week", label: "Week" },
          ]}
          data-testid="schedule-mode"
        />
        {p.mode === "week" && (
          <Select
            size="sm"
            w={180}
            aria-label="Practitioner"
            data={p.practitioners.map((x) => ({ value: String(x.user_id), label: x.display_name }))}
            value={p.weekPractitioner === null ? null : String(p.weekPractitioner)}
            onChange={(v) => v && p.onWeekPractitioner(Number(v))}
            allowDeselect={false}
            data-testid="schedule-week-practitioner"
          />
        )}
        <Tooltip label={p.showCancelled ? "Hide cancelled visits" : "Show cancelled visits"}>
          <Button
            variant={p.showCancelled ? "light" : "default"}
            size="sm"
            onClick={() => p.onShowCancelled(!p.showCancelled)}
            aria-pressed={p.showCancelled}
            data-testid="schedule-show-cancelled"
          >
            Cancelled
          </Button>
        </Tooltip>
        {p.canWaitlist && (
          <Tooltip label="Waitlist">
            <ActionIcon
              variant="default"
              size={36}
              aria-label="Waitlist"
              onClick={p.onWaitlist}
              data-testid="schedule-waitlist"
            >
              <IconList size={18} />
            </ActionIcon>
          </Tooltip>
        )}
        {p.canExport && (
          <Tooltip label="Export a practitioner's schedule (.ics)">
            <ActionIcon
              variant="default"
              size={36}
              aria-label="Export calendar file"
              onClick={p.onExport}
              data-testid="schedule-export"
            >
              <IconDownload size={18} />
            </ActionIcon>
          </Tooltip>
        )}
        {p.dayActions}
        {p.canBook && (
          <Tooltip
            label={
              <Group gap={6}>
                Book an appointment <Kbd>Alt</Kbd>+<Kbd>B</Kbd>
              </Group>
            }
          >
            <Button
              size="sm"
              leftSection={<IconCalendarPlus size={17} />}
              onClick={p.onBook}
              aria-keyshortcuts={BOOK_SHORTCUT}
              data-testid="schedule-book"
            >
              Book
            </Button>
          </Tooltip>
        )}
      </Group>
    </Group>
  );
}
