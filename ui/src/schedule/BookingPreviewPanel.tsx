import { Alert, Badge, Button, Checkbox, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconClockExclamation } from "@tabler/icons-react";
import type { BookingPreview } from "../bindings/BookingPreview";
import type { OccurrencePreview } from "../bindings/OccurrencePreview";
import type { BookingForm } from "./bookingForm";
import { TimeField } from "./fields";
import { longDate, timeOf } from "./time";

type Props = {
  preview: BookingPreview | null;
  loading: boolean;
  form: BookingForm;
  setChoice: (index: number, choice: { skip: boolean; startsAt: string | null }) => void;
};

function clashes(o: OccurrencePreview): boolean {
  return !o.skipped && (o.clashes.length > 0 || o.problem !== null);
}

/**
 * What the booking would do before anything is saved: for a course, every visit with its
 * state, and for each clashing one a way to skip it or book it at another time that day.
 */
export function BookingPreviewPanel({ preview, loading, form, setChoice }: Props) {
  if (!preview) return null;
  const blocked = preview.occurrences.filter(clashes);
  const course = preview.occurrences.length > 1;
  const color = !preview.bookable ? "red" : preview.needs_override ? "yellow" : "teal";
  const Icon = !preview.bookable
    ? IconAlertTriangle
    : preview.needs_override
      ? IconClockExclamation
      : IconCircleCheck;
  return (
    <Stack
      gap={6}
      data-testid="booking-preview"
      data-bookable={preview.bookable}
      style={{ opacity: loading ? 0.6 : 1 }}
    >
      <Alert
        color={color}
        variant="light"
        icon={<Icon size={18} />}
        p="xs"
        data-testid="booking-preview-summary"
      >
        {preview.summary}
      </Alert>
      {course && (
        <Table.ScrollContainer minWidth={500} mah={220} type="native">
          <Table fz="sm" verticalSpacing={3} data-testid="booking-occurrences">
            <Table.Tbody>
              {preview.occurrences.map((o) => {
                const choice = form.choices[o.index] ?? { skip: false, startsAt: null };
                const bad = clashes(o);
                return (
                  <Table.Tr key={o.index} data-testid={`occurrence-${o.index}`} data-clash={bad}>
                    <Table.Td w={28} c="dimmed">
                      {o.index}
                    </Table.Td>
                    <Table.Td w={190}>
                      <Text fz="sm" td={o.skipped ? "line-through" : undefined}>
                        {longDate(o.local_start.slice(0, 10))} {timeOf(o.local_start)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {o.skipped ? (
                        <Badge color="gray">Skipped</Badge>
                      ) : bad ? (
                        <Text fz="sm" c="red.7" data-testid={`occurrence-${o.index}-clash`}>
                          {o.problem ?? o.clashes.map((c) => c.message).join(" ")}
                        </Text>
                      ) : o.warnings.length > 0 ? (
                        <Text fz="sm" c="yellow.8">
                          {o.warnings.join(" ")}
                        </Text>
                      ) : (
                        <Text fz="sm" c="dimmed">
                          Free{o.room_name ? ` · ${o.room_name}` : ""}
                          {o.moved ? " · moved" : ""}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td w={250}>
                      {(bad || choice.skip || choice.startsAt) && (
                        <Group gap={6} wrap="nowrap">
                          <Checkbox
                            label="Skip"
                            checked={choice.skip}
                            onChange={(e) =>
                              setChoice(o.index, { skip: e.currentTarget.checked, startsAt: null })
                            }
                            data-testid={`occurrence-${o.index}-skip`}
                          />
                          {!choice.skip && (
                            <TimeField
                              size="xs"
                              w={70}
                              placeholder="time"
                              aria-label={`Another time for visit ${o.index}`}
                              value={choice.startsAt ? timeOf(choice.startsAt) : null}
                              onChange={(t) =>
                                setChoice(o.index, {
                                  skip: false,
                                  startsAt: t ? `${o.local_start.slice(0, 10)}T${t}` : null,
                                })
                              }
                              data-testid={`occurrence-${o.index}-time`}
                            />
                          )}
                          {!choice.skip && o.suggestion && (
                            <Button
                              size="compact-sm"
                              variant="light"
                              onClick={() => setChoice(o.index, { skip: false, startsAt: o.suggestion })}
                              data-testid={`occurrence-${o.index}-suggestion`}
                            >
                              {timeOf(o.suggestion)}
                            </Button>
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {course && blocked.length > 0 && (
        <Text fz="xs" c="dimmed">
          Skip each clashing visit or give it another time; nothing is booked until every visit is free.
        </Text>
      )}
    </Stack>
  );
}
