import { Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

type Props = { label: string; children: ReactNode; multiline?: boolean };

/** A label over a value in a read view; an empty value says "Not recorded". */
export function InfoField({ label, children, multiline }: Props) {
  const empty = children === null || children === undefined || children === "";
  return (
    <Stack gap={2}>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text
        fz="sm"
        c={empty ? "dimmed" : undefined}
        style={
          multiline ? { whiteSpace: "pre-wrap", overflowWrap: "anywhere" } : { overflowWrap: "anywhere" }
        }
      >
        {empty ? "Not recorded" : children}
      </Text>
    </Stack>
  );
}
