import { Alert, Group, Select, SimpleGrid, Stack, Switch, Table, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ColumnChoice } from "../bindings/ColumnChoice";
import type { DateOrder } from "../bindings/DateOrder";
import type { ImportField } from "../bindings/ImportField";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";

type Props = { preview: ImportPreview; options: ImportOptions; onChange: (options: ImportOptions) => void };

const DELIMITERS = [
  { value: "comma", label: "Comma ( , )" },
  { value: "semicolon", label: "Semicolon ( ; )" },
  { value: "tab", label: "Tab" },
];

const DATE_ORDERS: { value: DateOrder; label: string }[] = [
  { value: "day_first", label: "Day first (31/12/1980)" },
  { value: "month_first", label: "Month first (12/31/1980)" },
];

const LEAVE_OUT = "__none__";

/** Step 2: how the file was read (each detected setting can be changed) and the column mapping. */
export function ImportColumns({ preview, options, onChange }: Props) {
  const fieldOptions = [
    { value: LEAVE_OUT, label: "Leave out" },
    ...preview.fields.map((f) => ({ value: f.field, label: f.label })),
  ];

  function mapColumn(index: number, field: ImportField | null) {
    const column = `#${index + 1}`;
    const columns: ColumnChoice[] = [
      ...(options.columns ?? []).filter((c) => c.column !== column),
      { column, field },
    ];
    onChange({ ...options, columns });
  }

  return (
    <Stack gap="md" data-testid="import-columns">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <Stack gap={4}>
          <Text fz="xs" c="dimmed" fw={600} tt="uppercase">
            Encoding
          </Text>
          <Text fz="sm" data-testid="import-encoding">
            {preview.encoding}
            {preview.bom ? " with byte-order mark" : ""}
          </Text>
        </Stack>
        <Select
          label="Delimiter"
          size="xs"
          data={DELIMITERS}
          value={preview.delimiter}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...options, delimiter: v })}
          data-testid="import-delimiter"
        />
        <Stack gap={4}>
          <Text fz="xs" fw={500}>
            Header row
          </Text>
          <Switch
            checked={preview.has_header}
            label={preview.has_header ? "First row holds the names" : "No header row"}
            onChange={(e) => onChange({ ...options, has_header: e.currentTarget.checked, columns: [] })}
            data-testid="import-header"
          />
        </Stack>
        <Select
          label="Ambiguous dates are"
          size="xs"
          data={DATE_ORDERS}
          value={preview.date_order}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...options, date_order: v as DateOrder })}
          data-testid="import-date-order"
        />
      </SimpleGrid>
      <Text fz="sm" c="dimmed" data-testid="import-date-note">
        {preview.date_order_note}
        {preview.ambiguous_dates > 0
          ? ` (${preview.ambiguous_dates.toLocaleString()} dates could be read either way.)`
          : ""}
      </Text>

      {preview.mapping_problems.length > 0 && (
        <Alert
          color="orange"
          icon={<IconAlertTriangle size={18} />}
          title="Choose a column for:"
          data-testid="import-mapping-problems"
        >
          {preview.mapping_problems.map((m) => (
            <Text key={m} fz="sm">
              {m}
            </Text>
          ))}
        </Alert>
      )}

      <Table striped withTableBorder verticalSpacing={4} data-testid="import-mapping">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="22%">Column in the file</Table.Th>
            <Table.Th>First values</Table.Th>
            <Table.Th w="30%">Goes into</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.columns.map((c) => (
            <Table.Tr key={c.index} data-testid={`import-column-${c.index}`}>
              <Table.Td fw={500}>{c.header || `Column ${c.index + 1}`}</Table.Td>
              <Table.Td>
                <Text fz="xs" c="dimmed" lineClamp={1}>
                  {c.samples.join(" · ")}
                </Text>
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  data={fieldOptions}
                  value={c.field ?? LEAVE_OUT}
                  allowDeselect={false}
                  aria-label={`Field for ${c.header || `column ${c.index + 1}`}`}
                  onChange={(v) =>
                    mapColumn(c.index, v === LEAVE_OUT || v === null ? null : (v as ImportField))
                  }
                  data-testid={`import-field-${c.index}`}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <Text fz="xs" c="dimmed">
          {preview.rows.toLocaleString()} rows in the file.
        </Text>
      </Group>
    </Stack>
  );
}
