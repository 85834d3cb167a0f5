import { Button, Chip, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { skipToken, useQuery } from "@tanstack/react-query";
import type { FreeSlot } from "../bindings/FreeSlot";
import type { SlotQuery } from "../bindings/SlotQuery";
import type { Practitioner } from "../bindings/Practitioner";
import { ErrorAlert } from "../components/ErrorAlert";
import { queryKeys } from "../query/keys";
import { useKeptData } from "../query/useKeptData";
import { useQueryError } from "../query/useQueryError";
import { scheduleApi } from "./api";
import { longDate, timeOf } from "./time";

type Props = {
  typeId: string | null;
  practitionerId: string | null;
  from: string | null;
  practitioners: Practitioner[];
  onPick: (slot: FreeSlot) => void;
};

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const TIMES: Record<string, { earliest: string | null; latest: string | null }> = {
  any: { earliest: null, latest: null },
  morning: { earliest: null, latest: "12:30" },
  afternoon: { earliest: "12:00", latest: "17:30" },
  evening: { earliest: "17:00", latest: null },
};

/**
 * The next free times for the chosen type: with one practitioner or any, on some weekdays, at
 * a time of day. Each result is a button; Enter or a click puts it into the booking.
 */
export function FreeSlotFinder({ typeId, practitionerId, from, practitioners, onPick }: Props) {
  const [who, setWho] = useState<string>(practitionerId ?? "any");
  const [weekdays, setWeekdays] = useState<string[]>([]);
  const [time, setTime] = useState("any");
  const firstResult = useRef<HTMLButtonElement>(null);
  const focusOnAnswer = useRef(true);

  const criteria = (): SlotQuery | null =>
    typeId
      ? {
          type_id: Number(typeId),
          practitioner_id: who === "any" ? null : Number(who),
          from,
          weekdays: weekdays.map(Number),
          earliest: TIMES[time]?.earliest ?? null,
          latest: TIMES[time]?.latest ?? null,
          limit: 8,
        }
      : null;
  // Searches straight away with what the booking already says; later only on Search.
  const [asked, setAsked] = useState<SlotQuery | null>(criteria);
  const [missingType, setMissingType] = useState(asked === null);
  const found = useQuery({
    queryKey: queryKeys.schedule.freeSlots(asked),
    queryFn: asked ? () => scheduleApi.freeSlots(asked) : skipToken,
    // Not kept once the finder closes: free times go as soon as anyone books.
    gcTime: 0,
  });
  const slots = useKeptData(found.data) ?? null;
  const busy = found.isFetching;
  const searchError = useQueryError(found.error);
  const error = missingType
    ? "Pick the appointment type first: the search needs its length."
    : (searchError?.message ?? null);

  const search = () => {
    const next = criteria();
    setMissingType(next === null);
    if (!next) return;
    focusOnAnswer.current = true;
    // The same choices again still ask again: a slot may have been booked meanwhile.
    if (JSON.stringify(next) === JSON.stringify(asked)) void found.refetch();
    else setAsked(next);
  };

  // Each search's answer takes the focus, so Enter books the first free time.
  useEffect(() => {
    if (!found.data || found.isFetching || !focusOnAnswer.current) return;
    focusOnAnswer.current = false;
    setTimeout(() => firstResult.current?.focus(), 0);
  }, [found.data, found.isFetching]);

  return (
    <Paper withBorder p="sm" data-testid="free-slot-finder">
      <Stack gap="xs">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <Select
            label="With"
            w={190}
            data={[
              { value: "any", label: "Any practitioner" },
              ...practitioners
                .filter((p) => p.active)
                .map((p) => ({ value: String(p.user_id), label: p.display_name })),
            ]}
            value={who}
            onChange={(v) => setWho(v ?? "any")}
            allowDeselect={false}
          />
          <SegmentedControl
            value={time}
            onChange={setTime}
            data={[
              { value: "any", label: "Any time" },
              { value: "morning", label: "Morning" },
              { value: "afternoon", label: "Afternoon" },
              { value: "evening", label: "Evening" },
            ]}
            aria-label="Time of day"
          />
          <Button
            leftSection={<IconSearch size={16} />}
            variant="light"
            loading={busy}
            onClick={search}
            data-testid="free-slot-search"
          >
            Search
          </Button>
        </Group>
        <Chip.Group multiple value={weekdays} onChange={setWeekdays}>
          <Group gap={6}>
            {WEEKDAYS.map((d, i) => (
              <Chip key={d} value={String(i + 1)} size="sm">
                {d}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {error && <ErrorAlert>{error}</ErrorAlert>}
        {slots && slots.length === 0 && (
          <Text fz="sm" c="dimmed">
            No free time in the next three months with these choices.
          </Text>
        )}
        {slots && slots.length > 0 && (
          <SimpleGrid cols={2} spacing={6} verticalSpacing={6} data-testid="free-slots">
            {slots.map((s, i) => (
              <Button
                key={`${s.practitioner_id}-${s.local_start}`}
                ref={i === 0 ? firstResult : undefined}
                variant="default"
                justify="flex-start"
                onClick={() => onPick(s)}
                data-testid={`free-slot-${i}`}
              >
                <Text fz="sm" truncate>
                  <b>
                    {longDate(s.local_start.slice(0, 10))} {timeOf(s.local_start)}
                  </b>{" "}
                  · {s.practitioner_name}
                  {s.room_name ? ` · ${s.room_name}` : ""}
                </Text>
              </Button>
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
