import { Badge, Drawer, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientSummary } from "../bindings/PatientSummary";
import { ageInYears, formatDate } from "../lib/dates";
import { listName } from "../lib/patientName";

type Props = { patient: PatientSummary | null; dateFormat: DateFormat; onClose: () => void };

/** A quick look at the demographics the list already has; Escape returns to the search. */
export function PatientDetailsDrawer({ patient, dateFormat, onClose }: Props) {
  return (
    <Drawer
      opened={patient !== null}
      onClose={onClose}
      position="right"
      size={420}
      title={
        patient && (
          <Group gap="sm">
            <Text fw={600} fz="lg">
              {listName(patient)}
            </Text>
            {patient.archived && <Badge color="gray">Archived</Badge>}
          </Group>
        )
      }
    >
      {patient && (
        <Stack gap="md" data-testid="patient-details">
          <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
            <Field label="Chart number">{patient.chart_number}</Field>
            <Field label="Preferred name">{patient.preferred_name}</Field>
            <Field label="Given name">{patient.given_name}</Field>
            <Field label="Family name">{patient.family_name}</Field>
            <Field label="Date of birth">
              {patient.date_of_birth && <BirthDate iso={patient.date_of_birth} format={dateFormat} />}
            </Field>
            <Field label="Phone">{patient.phone}</Field>
          </SimpleGrid>
        </Stack>
      )}
    </Drawer>
  );
}

function BirthDate({ iso, format }: { iso: string; format: DateFormat }) {
  const age = ageInYears(iso);
  return (
    <>
      {formatDate(iso, format)}
      {age !== null && ` (${age} years)`}
    </>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <Stack gap={2}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" c={empty ? "dimmed" : undefined}>
        {empty ? "Not recorded" : children}
      </Text>
    </Stack>
  );
}
