import { Badge, Table, Text } from "@mantine/core";
import type { AuditEntry } from "../bindings/AuditEntry";
import { PatientName } from "../components/PatientName";
import { actionColor, actionLabel, entityLabel } from "./actions";

type Props = { entries: AuditEntry[] };

/** Who did what, when, to which record: never the record's content. */
export function AuditTable({ entries }: Props) {
  return (
    <Table
      striped
      highlightOnHover
      stickyHeader
      stickyHeaderOffset="var(--app-shell-header-height, 0px)"
      aria-label="Audit log"
    >
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={70}>#</Table.Th>
          <Table.Th w={180}>When</Table.Th>
          <Table.Th w={190}>Who</Table.Th>
          <Table.Th w={190}>Action</Table.Th>
          <Table.Th>Record</Table.Th>
          <Table.Th>Patient</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody data-testid="audit-table">
        {entries.map((e) => (
          <Table.Tr key={e.id} data-testid="audit-row" data-action={e.action} data-entity={e.entity}>
            <Table.Td>
              <Text fz="sm" c="dimmed" ff="monospace">
                {e.id}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" ff="monospace" style={{ whiteSpace: "nowrap" }}>
                {e.at_local}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text fz="sm" data-testid="audit-user">
                {e.user_name ?? "—"}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={actionColor(e.action)} data-testid="audit-action">
                {actionLabel(e.action)}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Text fz="sm">
                {entityLabel(e.entity)}
                {e.entity_id && (
                  <Text span c="dimmed" fz="sm">
                    {" "}
                    {e.entity_id}
                  </Text>
                )}
              </Text>
            </Table.Td>
            <Table.Td>
              {e.patient_name && (
                <Text fz="sm">
                  <PatientName>{e.patient_name}</PatientName>
                  {e.patient_chart_number !== null && (
                    <Text span c="dimmed" fz="sm">
                      {" "}
                      · #{e.patient_chart_number}
                    </Text>
                  )}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
