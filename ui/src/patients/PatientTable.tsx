import { Badge, Group, Table, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientSummary } from "../bindings/PatientSummary";
import { ageInYears, formatDate } from "../lib/dates";
import { listName } from "../lib/patientName";
import classes from "./PatientTable.module.css";
import { PatientName } from "../components/PatientName";

type Props = {
  patients: PatientSummary[];
  highlighted: number;
  dateFormat: DateFormat;
  onOpen: (patient: PatientSummary) => void;
};

export function PatientTable({ patients, highlighted, dateFormat, onOpen }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);

  // Keep the highlighted row on screen while stepping through a long list with the arrow keys.
  useEffect(() => {
    if (highlighted < 0) return;
    body.current?.children[highlighted]?.scrollIntoView?.({ block: "nearest" });
  }, [highlighted]);

  return (
    <Table
      highlightOnHover
      stickyHeader
      stickyHeaderOffset="var(--app-shell-header-height, 0px)"
      aria-label="Patients"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={96}>Chart #</Table.Th>
          <Table.Th>Name</Table.Th>
          <Table.Th w={200}>Date of birth</Table.Th>
          <Table.Th w={200}>Phone</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={body} data-testid="patient-results">
        {patients.map((p, index) => (
          <Table.Tr
            key={p.id}
            className={classes.row}
            data-testid="patient-row"
            data-patient-id={p.id}
            data-highlighted={index === highlighted || undefined}
            data-archived={p.archived || undefined}
            aria-current={index === highlighted || undefined}
            onClick={() => onOpen(p)}
          >
            <Table.Td className={classes.numeric}>
              <Text span fz="sm" c="dimmed">
                {p.chart_number}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Text span fz="sm" fw={500}>
                  <PatientName>{listName(p)}</PatientName>
                </Text>
                {p.archived && (
                  <Badge color="gray" data-testid="archived-badge">
                    Archived
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td className={classes.numeric}>
              {p.date_of_birth ? <BirthDate iso={p.date_of_birth} format={dateFormat} /> : <Missing />}
            </Table.Td>
            <Table.Td className={classes.numeric}>{p.phone ?? <Missing />}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function BirthDate({ iso, format }: { iso: string; format: DateFormat }) {
  const age = ageInYears(iso);
  return (
    <>
      {formatDate(iso, format)}
      {age !== null && (
        <Text span fz="sm" c="dimmed" ml={6}>
          ({age} y)
        </Text>
      )}
    </>
  );
}

function Missing() {
  return (
    <Text span fz="sm" c="dimmed" aria-label="not recorded">
      —
    </Text>
  );
}
