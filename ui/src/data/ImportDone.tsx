import { SimpleGrid, Stack, Text } from "@mantine/core";
import type { ImportSummary } from "../bindings/ImportSummary";

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Stack gap={0}>
      <Text fz={28} fw={700} data-testid={testId}>
        {value.toLocaleString()}
      </Text>
      <Text fz="sm" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}

/** The import's summary: imported, skipped, merged, and the lines left out. */
export function ImportDone({ summary }: { summary: ImportSummary }) {
  return (
    <Stack gap="sm" data-testid="import-done">
      <SimpleGrid cols={4}>
        <Figure label="imported" value={summary.imported} testId="import-done-imported" />
        <Figure label="duplicates skipped" value={summary.skipped} testId="import-done-skipped" />
        <Figure label="merged into existing records" value={summary.merged} testId="import-done-merged" />
        <Figure
          label="rows with problems left out"
          value={summary.invalid_skipped}
          testId="import-done-left-out"
        />
      </SimpleGrid>
      {summary.skipped_lines.length > 0 && (
        <Text fz="sm" c="dimmed">
          Lines left out: {summary.skipped_lines.map(String).join(", ")}.
        </Text>
      )}
      {summary.new_types.length > 0 && (
        <Text fz="sm">Appointment types added: {summary.new_types.join(", ")}.</Text>
      )}
      {summary.new_rooms.length > 0 && <Text fz="sm">Rooms added: {summary.new_rooms.join(", ")}.</Text>}
    </Stack>
  );
}
