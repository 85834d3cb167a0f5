import { LineChart } from "@mantine/charts";
import { Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { IconNotes, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { OutcomePoint } from "../bindings/OutcomePoint";
import type { PatientId } from "../bindings/PatientId";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate } from "../lib/dates";
import { useApiErrorHandler, useCan, useDateFormat } from "../lib/session";
import { useQueryError } from "../query/useQueryError";
import { useOpenNote } from "./openNote";
import { outcomeTrend } from "./outcomeTrend";
import { usePatientChart, usePatientOutcomes, useStartVisitNote } from "./queries";

const NO_OUTCOMES: OutcomePoint[] = [];

type Props = { patientId: PatientId; archived: boolean };

/** A patient's visits: the pain and PSFS trend, then every visit with its points at a glance. */
export function VisitsTab({ patientId, archived }: Props) {
  const can = useCan();
  const dateFormat = useDateFormat();
  const handleError = useApiErrorHandler();
  const openNote = useOpenNote();
  const chartQuery = usePatientChart(patientId);
  const outcomesQuery = usePatientOutcomes(patientId);
  const chart = chartQuery.data ?? null;
  const outcomes = outcomesQuery.data ?? NO_OUTCOMES;
  const loadError = useQueryError(chartQuery.error ?? outcomesQuery.error ?? null);
  const [startError, setError] = useState<string | null>(null);
  const error = startError ?? loadError?.message ?? null;
  const startNote = useStartVisitNote();

  const startWalkIn = async () => {
    try {
      const note = await startNote.mutateAsync({ patient_id: patientId });
      openNote(note.id);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    }
  };

  const trend = outcomeTrend(outcomes, (date) => formatDate(date, dateFormat));
  const hasTrend = trend.measured >= 2;

  return (
    <Stack gap="md" data-testid="visits-tab">
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          {chart ? `${chart.visits.length} visit${chart.visits.length === 1 ? "" : "s"}` : ""}
        </Text>
        {can("write_visit_notes") && !archived && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => void startWalkIn()}
            data-testid="visit-new"
          >
            New visit note
          </Button>
        )}
      </Group>
      {chart === null && !error && <Loader size="sm" aria-label="Loading visits" />}
      {hasTrend && (
        <Paper withBorder radius="md" p="md" data-testid="outcome-chart">
          <Title order={4} fz="md" mb={4}>
            Progress
          </Title>
          <Text fz="xs" c="dimmed" mb="sm">
            Pain now (0–10, lower is better) and each activity of the functional scale (PSFS, 0 = unable, 10 =
            as before the problem), by visit.
          </Text>
          <LineChart
            h={220}
            data={trend.data}
            dataKey="date"
            yAxisProps={{ domain: [0, 10], ticks: [0, 2, 4, 6, 8, 10] }}
            series={trend.series}
            connectNulls
            withLegend
            curveType="linear"
          />
        </Paper>
      )}
      {chart && chart.visits.length === 0 && (
        <Paper withBorder radius="md" p="xl" ta="center" data-testid="visits-empty">
          <IconNotes size={22} />
          <Text fw={500}>No visits yet.</Text>
          <Text fz="sm" c="dimmed">
            Notes from each treatment are listed here with their points.
          </Text>
        </Paper>
      )}
      {chart && chart.visits.length > 0 && (
        <Paper withBorder radius="md">
          <Table highlightOnHover verticalSpacing="xs" data-testid="visit-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Date</Table.Th>
                <Table.Th>Complaint and pattern</Table.Th>
                <Table.Th w={60}>Pain</Table.Th>
                <Table.Th>Points</Table.Th>
                <Table.Th w={100}>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {chart.visits.map((v) => (
                <Table.Tr
                  key={v.id}
                  style={{ cursor: "pointer" }}
                  onClick={() => openNote(v.id)}
                  data-testid={`visit-row-${v.id}`}
                >
                  <Table.Td>
                    <Text fz="sm" fw={600}>
                      {formatDate(v.visit_date, dateFormat)}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {v.practitioner_name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" lineClamp={1}>
                      {v.chief_complaint ?? "—"}
                    </Text>
                    {v.tcm_pattern && (
                      <Text fz="xs" c="dimmed" lineClamp={1}>
                        {v.tcm_pattern}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text fw={600}>{v.pain_now ?? "–"}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {v.points.map((p, i) => (
                        <Badge
                          key={`${p}-${i}`}
                          variant="default"
                          tt="none"
                          ff="monospace"
                          size="sm"
                          radius="sm"
                        >
                          {p}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant={v.status === "signed" ? "filled" : "light"}
                      color={v.status === "signed" ? "teal" : "yellow"}
                      tt="none"
                    >
                      {v.status === "signed" ? "Signed" : "Draft"}
                    </Badge>
                    {v.addenda > 0 && (
                      <Text fz="xs" c="dimmed">
                        +{v.addenda} addend{v.addenda === 1 ? "um" : "a"}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}
