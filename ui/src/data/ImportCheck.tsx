import {
  Alert,
  Badge,
  Checkbox,
  Group,
  ScrollArea,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { IconAlertTriangle, IconInfoCircle } from "@tabler/icons-react";
import type { DuplicateAction } from "../bindings/DuplicateAction";
import type { DuplicateDecision } from "../bindings/DuplicateDecision";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import { fullName } from "../lib/patientName";

type Props = { preview: ImportPreview; options: ImportOptions; onChange: (options: ImportOptions) => void };

const ACTIONS: { value: DuplicateAction; label: string }[] = [
  { value: "skip", label: "Skip" },
  { value: "merge", label: "Merge" },
  { value: "import", label: "Add anyway" },
];

function Count({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color: string;
  testId: string;
}) {
  return (
    <Badge size="lg" variant="light" color={color} radius="sm" data-testid={testId}>
      {value.toLocaleString()} {label}
    </Badge>
  );
}

/** Step 3, the dry run: what the import would do, every row's problems, and the duplicates. */
export function ImportCheck({ preview, options, onChange }: Props) {
  function decide(line: number, action: DuplicateAction) {
    const decisions: DuplicateDecision[] = [
      ...(options.decisions ?? []).filter((d) => d.line !== line),
      { line, action },
    ];
    onChange({ ...options, decisions });
  }
  const listed = preview.problems.length;
  return (
    <Stack gap="md" data-testid="import-check">
      <Group gap="xs">
        <Count label="to import" value={preview.to_import} color="teal" testId="import-count-new" />
        <Count label="to merge" value={preview.to_merge} color="blue" testId="import-count-merge" />
        <Count label="to skip" value={preview.to_skip} color="gray" testId="import-count-skip" />
        <Count
          label={preview.problem_rows === 1 ? "row with problems" : "rows with problems"}
          value={preview.problem_rows}
          color={preview.problem_rows > 0 ? "red" : "gray"}
          testId="import-count-problems"
        />
      </Group>

      {preview.problem_count > 0 && (
        <Stack gap="xs">
          <Text fw={600} fz="sm">
            Problems ({preview.problem_count.toLocaleString()}
            {listed < preview.problem_count ? `, the first ${listed.toLocaleString()} listed` : ""})
          </Text>
          <ScrollArea.Autosize mah={240} type="auto">
            <Table withTableBorder striped verticalSpacing={4} data-testid="import-problems">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Line</Table.Th>
                  <Table.Th w="22%">Column</Table.Th>
                  <Table.Th>What is wrong</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.problems.map((p, i) => (
                  <Table.Tr key={`${String(p.line)}-${i}`} data-testid="import-problem">
                    <Table.Td>{String(p.line)}</Table.Td>
                    <Table.Td>{p.column ?? "—"}</Table.Td>
                    <Table.Td>{p.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
          <Checkbox
            checked={options.skip_invalid_rows ?? false}
            onChange={(e) => onChange({ ...options, skip_invalid_rows: e.currentTarget.checked })}
            label={`Leave out the ${preview.problem_rows.toLocaleString()} ${
              preview.problem_rows === 1 ? "row" : "rows"
            } with problems and import the rest`}
            description="Otherwise nothing is imported until the file is fixed. Left-out lines are listed afterwards."
            data-testid="import-skip-invalid"
          />
        </Stack>
      )}

      {preview.duplicates.length > 0 && (
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600} fz="sm">
              Possible duplicates ({preview.duplicates.length.toLocaleString()})
            </Text>
            <Group gap="xs">
              <Text fz="xs" c="dimmed">
                For all:
              </Text>
              <SegmentedControl
                size="xs"
                value={options.duplicates ?? "skip"}
                data={ACTIONS}
                onChange={(v) => onChange({ ...options, duplicates: v as DuplicateAction, decisions: [] })}
                data-testid="import-duplicates-all"
              />
            </Group>
          </Group>
          <ScrollArea.Autosize mah={240} type="auto">
            <Table withTableBorder verticalSpacing={4} data-testid="import-duplicates">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={70}>Line</Table.Th>
                  <Table.Th>In the file</Table.Th>
                  <Table.Th>Same as</Table.Th>
                  <Table.Th w={230}>Do</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.duplicates.map((d) => (
                  <Table.Tr key={String(d.line)} data-testid="import-duplicate">
                    <Table.Td>{String(d.line)}</Table.Td>
                    <Table.Td>
                      <Text fz="sm">{d.name}</Text>
                      <Text fz="xs" c="dimmed">
                        {d.date_of_birth ?? ""}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm">
                        {d.existing
                          ? `${fullName(d.existing)} (chart #${d.existing.chart_number})`
                          : `Line ${String(d.earlier_line ?? "")} of this file`}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {d.reason}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        value={d.action}
                        data={ACTIONS}
                        onChange={(v) => decide(d.line, v as DuplicateAction)}
                        data-testid={`import-duplicate-action-${String(d.line)}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        </Stack>
      )}

      {(preview.notes.length > 0 || preview.new_types.length > 0 || preview.new_rooms.length > 0) && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="import-notes">
          <Stack gap={2}>
            {preview.notes.map((n) => (
              <Text key={n} fz="sm">
                {n}
              </Text>
            ))}
            {preview.new_types.length > 0 && (
              <Text fz="sm">New appointment types will be added: {preview.new_types.join(", ")}.</Text>
            )}
            {preview.new_rooms.length > 0 && (
              <Text fz="sm">New rooms will be added: {preview.new_rooms.join(", ")}.</Text>
            )}
          </Stack>
        </Alert>
      )}
      {preview.problem_count === 0 && preview.duplicates.length === 0 && (
        <Alert color="teal" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="import-clean">
          Every row reads cleanly.
        </Alert>
      )}
    </Stack>
  );
}
