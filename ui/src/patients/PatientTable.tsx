import { Badge, Table } from "@mantine/core";
import { memo, useDeferredValue, useEffect, useRef } from "react";
import type { DateFormat } from "../bindings/DateFormat";
import type { PatientSummary } from "../bindings/PatientSummary";
import { ageInYears, formatDate } from "../lib/dates";
import { listName } from "../lib/patientName";
import classes from "./PatientTable.module.css";
import { PatientName } from "../components/PatientName";

/** About one screen of rows at 1366×768. */
const FIRST_ROWS = 16;

type Props = {
  patients: PatientSummary[];
  highlighted: number;
  dateFormat: DateFormat;
  onOpen: (patient: PatientSummary) => void;
};

export const PatientTable = memo(function PatientTable({ patients, highlighted, dateFormat, onOpen }: Props) {
  const body = useRef<HTMLTableSectionElement>(null);
  // The rows that fill a screen first; the rest of the list follows in the next render, so a
  // keystroke's answer is painted without waiting for rows below the fold.
  const settled = useDeferredValue(patients);
  const shown = settled === patients ? patients : patients.slice(0, FIRST_ROWS);

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
        {shown.map((p, index) => (
          <PatientRow
            key={p.id}
            patient={p}
            highlighted={index === highlighted}
            dateFormat={dateFormat}
            onOpen={onOpen}
          />
        ))}
      </Table.Tbody>
    </Table>
  );
});

type RowProps = {
  patient: PatientSummary;
  highlighted: boolean;
  dateFormat: DateFormat;
  onOpen: (patient: PatientSummary) => void;
};

/**
 * One result row, in plain elements styled by the module's classes: the list re-renders on
 * every keystroke, and fifty rows of layout components cost several frames
 * (docs/PERFORMANCE.md, keystroke to paint). Memoised, so moving the highlight re-renders two.
 */
const PatientRow = memo(function PatientRow({ patient: p, highlighted, dateFormat, onOpen }: RowProps) {
  const age = p.date_of_birth ? ageInYears(p.date_of_birth) : null;
  return (
    <tr
      className={classes.row}
      data-testid="patient-row"
      data-patient-id={p.id}
      data-highlighted={highlighted || undefined}
      data-archived={p.archived || undefined}
      aria-current={highlighted || undefined}
      onClick={() => onOpen(p)}
    >
      <td className={`${classes.numeric} ${classes.dimmed}`}>{p.chart_number}</td>
      <td>
        <span className={classes.name}>
          <PatientName>{listName(p)}</PatientName>
        </span>
        {p.archived && (
          <Badge color="gray" ml="xs" data-testid="archived-badge">
            Archived
          </Badge>
        )}
      </td>
      <td className={classes.numeric}>
        {p.date_of_birth ? formatDate(p.date_of_birth, dateFormat) : <Missing />}
        {age !== null && <span className={`${classes.dimmed} ${classes.age}`}>({age} y)</span>}
      </td>
      <td className={classes.numeric}>{p.phone ?? <Missing />}</td>
    </tr>
  );
});

function Missing() {
  return (
    <span className={classes.dimmed} aria-label="not recorded">
      —
    </span>
  );
}
