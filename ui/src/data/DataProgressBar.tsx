import { Progress, Stack, Text } from "@mantine/core";
import type { DataProgress } from "../bindings/DataProgress";
import { dataProgressLabel, dataProgressPercent } from "./dataProgress";

/** An import or export under way: its phase and how far it got. */
export function DataProgressBar({ progress }: { progress: DataProgress | null }) {
  const pct = dataProgressPercent(progress);
  return (
    <Stack gap={4} data-testid="data-progress">
      <Text fz="sm">{dataProgressLabel(progress)}…</Text>
      <Progress value={pct} animated size="lg" aria-label={`${pct}%`} />
      <Text fz="xs" c="dimmed" ta="right">
        {progress && progress.total > 1
          ? `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()} · `
          : ""}
        {pct}%
      </Text>
    </Stack>
  );
}
