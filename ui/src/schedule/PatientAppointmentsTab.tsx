import { Badge, Group, Loader, Paper, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconCalendar } from "@tabler/icons-react";
import type { PatientId } from "../bindings/PatientId";
import { ErrorAlert } from "../components/ErrorAlert";
import { EmptyTab } from "../patients/profile/EmptyTab";
import { useQueryError } from "../query/useQueryError";
import { STATUS_INFO } from "./status";
import { longDate, timeOf } from "./time";
import { usePatientAppointments } from "./useSchedule";

function Count({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <Paper withBorder p="xs" data-testid={testId} data-count={value}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="xl" fw={600} c={value > 0 ? color : undefined}>
        {value}
      </Text>
    </Paper>
  );
}

/** The patient's appointments, newest first, with the attendance record the front desk checks. */
export function PatientAppointmentsTab({ patientId }: { patientId: PatientId }) {
  const query = usePatientAppointments(patientId);
  const error = useQueryError(query.error)?.message ?? null;
  const data = query.data;

  if (error) return <ErrorAlert>{error}</ErrorAlert>;
  if (!data) return <Loader size="sm" aria-label="Loading appointments" />;
  const a = data.attendance;
  return (
    <Stack gap="md" data-testid="patient-appointments">
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        <Count label="Upcoming" value={a.upcoming} testId="attendance-upcoming" />
        <Count label="Completed" value={a.completed} testId="attendance-completed" />
        <Count label="No-shows" value={a.no_shows} color="red.7" testId="attendance-no-shows" />
        <Count
          label="Late cancels"
          value={a.late_cancels}
          color="orange.7"
          testId="attendance-late-cancels"
        />
        <Count label="Cancellations" value={a.cancellations} testId="attendance-cancellations" />
      </SimpleGrid>
      {data.appointments.length === 0 ? (
        <EmptyTab
          icon={<IconCalendar size={22} />}
          message="No appointments yet."
          hint="Book from the Schedule (Alt+B)."
          data-testid="appointments-empty"
        />
      ) : (
        <Table withTableBorder fz="sm" verticalSpacing={6} data-testid="patient-appointment-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Type</Table.Th>
              <Table.Th>With</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...data.appointments].reverse().map((x) => {
              const s = STATUS_INFO[x.status];
              return (
                <Table.Tr key={x.id} data-testid={`patient-appointment-${x.id}`} data-status={x.status}>
                  <Table.Td>
                    {longDate(x.local_start.slice(0, 10))}, {timeOf(x.local_start)}
                  </Table.Td>
                  <Table.Td>
                    {x.type_name}
                    {x.series_index && x.series_total ? (
                      <Text span c="dimmed" fz="xs">
                        {" "}
                        · visit {x.series_index} of {x.series_total}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {x.practitioner_name}
                    {x.room_name ? ` · ${x.room_name}` : ""}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge color={s.color}>{s.label}</Badge>
                      {x.late_cancel && <Badge color="orange">Late cancel</Badge>}
                      {x.cancel_reason && (
                        <Text fz="xs" c="dimmed">
                          {x.cancel_reason}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
