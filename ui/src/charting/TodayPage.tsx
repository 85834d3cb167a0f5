import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { IconChevronLeft, IconChevronRight, IconNotes, IconPencil } from "@tabler/icons-react";
import dayjs from "dayjs";
import { useCallback, useState } from "react";
import { toApiError } from "../api";
import type { NoteStatus } from "../bindings/NoteStatus";
import type { TodayAppointment } from "../bindings/TodayAppointment";
import { ErrorAlert } from "../components/ErrorAlert";
import { SafetyBadges } from "../components/SafetyBadges";
import { formatDate } from "../lib/dates";
import { listName } from "../lib/patientName";
import { useApiErrorHandler, useCan, useDateFormat } from "../lib/session";
import { useKeptData } from "../query/useKeptData";
import { useQueryError } from "../query/useQueryError";
import { useStartVisitNote, useTodaySchedule } from "./queries";
import { useOpenNote } from "./openNote";
import { PatientName } from "../components/PatientName";
import { STATUS_INFO } from "../schedule/status";
import type { AppointmentStatus } from "../bindings/AppointmentStatus";

function NoteBadge({ status }: { status: NoteStatus | null | undefined }) {
  if (!status)
    return (
      <Text fz="sm" c="dimmed">
        Not started
      </Text>
    );
  return (
    <Badge
      variant={status === "signed" ? "filled" : "light"}
      color={status === "signed" ? "teal" : "yellow"}
      tt="none"
    >
      {status === "signed" ? "Signed" : "Draft"}
    </Badge>
  );
}

/** The practitioner's day: each appointment with its note, one click from charting. */
export function TodayPage() {
  const can = useCan();
  const dateFormat = useDateFormat();
  const handleError = useApiErrorHandler();
  const openNote = useOpenNote();
  const [date, setDate] = useState<string | null>(null);
  const [all, setAll] = useState(false);
  const today = useTodaySchedule({ date, all_practitioners: all });
  const day = useKeptData(today.data) ?? null;
  const loadError = useQueryError(today.error);
  // A note that could not be started; otherwise a failed read of the day.
  const [startError, setError] = useState<string | null>(null);
  const error = startError ?? loadError?.message ?? null;
  const startNote = useStartVisitNote();
  const [opening, setOpening] = useState<number | null>(null);

  const chart = useCallback(
    async (a: TodayAppointment) => {
      if (a.note_id != null) return openNote(a.note_id);
      setOpening(a.appointment_id);
      try {
        const note = await startNote.mutateAsync({
          patient_id: a.patient.id,
          appointment_id: a.appointment_id,
        });
        openNote(note.id);
      } catch (reason) {
        const e = handleError(toApiError(reason));
        if (e) setError(e.message);
      } finally {
        setOpening(null);
      }
    },
    [openNote, handleError, startNote],
  );

  const shift = (days: number) => day && setDate(dayjs(day.date).add(days, "day").format("YYYY-MM-DD"));
  const writer = can("write_visit_notes");

  return (
    <Stack gap="md" maw={1100} data-testid="today-page">
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={2}>
            {date === null ? "Today" : "Day"}{" "}
            <Text span c="dimmed" fz="lg" fw={500}>
              {day ? formatDate(day.date, dateFormat) : ""}
            </Text>
          </Title>
          <ActionIcon variant="subtle" aria-label="Previous day" onClick={() => shift(-1)}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <ActionIcon variant="subtle" aria-label="Next day" onClick={() => shift(1)}>
            <IconChevronRight size={18} />
          </ActionIcon>
          {date !== null && (
            <Button size="xs" variant="subtle" onClick={() => setDate(null)}>
              Back to today
            </Button>
          )}
        </Group>
        <Switch
          label="All practitioners"
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
          data-testid="today-all"
        />
      </Group>
      {error && <ErrorAlert>{error}</ErrorAlert>}
      {day === null && !error && <Loader size="sm" aria-label="Loading today" />}
      {day && (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" highlightOnHover data-testid="today-appointments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Time</Table.Th>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Visit</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {day.appointments.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" fz="sm" py="md" ta="center" data-testid="today-empty">
                      No appointments {all ? "" : "for you "}on this day. Walk-in notes start from the
                      patient's Visits tab.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {day.appointments.map((a) => {
                const s = STATUS_INFO[a.status as AppointmentStatus] ?? { label: a.status, color: "gray" };
                return (
                  <Table.Tr key={a.appointment_id} data-testid={`today-appointment-${a.appointment_id}`}>
                    <Table.Td>
                      <Text fw={600} ff="monospace">
                        {a.local_start}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        to {a.local_end}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4}>
                        <Text fw={600}>
                          <PatientName>{listName(a.patient)}</PatientName>
                        </Text>
                        <SafetyBadges flags={a.patient.safety} size="sm" />
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <span style={{ width: 10, height: 10, borderRadius: 5, background: a.type_colour }} />
                        <Text fz="sm">{a.type_name}</Text>
                      </Group>
                      <Text fz="xs" c="dimmed">
                        {[a.room, all ? a.practitioner_name : null].filter(Boolean).join(" · ")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={s.color} tt="none">
                        {s.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <NoteBadge status={a.note_status} />
                    </Table.Td>
                    <Table.Td ta="right">
                      {(writer || a.note_id != null) && (
                        <Button
                          size="xs"
                          variant={a.note_status === "signed" ? "default" : "filled"}
                          leftSection={a.note_id != null ? <IconNotes size={14} /> : <IconPencil size={14} />}
                          loading={opening === a.appointment_id}
                          onClick={() => void chart(a)}
                          data-testid={`today-chart-${a.appointment_id}`}
                        >
                          {a.note_id == null
                            ? "Start note"
                            : a.note_status === "signed"
                              ? "View"
                              : "Continue"}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {day && day.walk_ins.length > 0 && (
        <Paper withBorder radius="md" p="md" data-testid="today-walk-ins">
          <Title order={4} fz="md" mb="xs">
            Walk-in notes
          </Title>
          <Stack gap={6}>
            {day.walk_ins.map((w) => (
              <Group key={w.note_id} justify="space-between">
                <Group gap="sm">
                  <Text fw={600}>
                    <PatientName>{listName(w.patient)}</PatientName>
                  </Text>
                  <SafetyBadges flags={w.patient.safety} size="sm" />
                  <NoteBadge status={w.status} />
                </Group>
                <Tooltip label={`by ${w.practitioner_name}`}>
                  <Button size="xs" variant="default" onClick={() => openNote(w.note_id)}>
                    {w.status === "signed" ? "View" : "Continue"}
                  </Button>
                </Tooltip>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
