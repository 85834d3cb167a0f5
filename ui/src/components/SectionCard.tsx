import { Group, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";

type Props = { title: string; action?: ReactNode; children: ReactNode; "data-testid"?: string };

/** A bordered card with a small heading, for grouping fields on a record's tabs. */
export function SectionCard({ title, action, children, ...rest }: Props) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={rest["data-testid"]}>
      <Group justify="space-between" align="center" mb="sm" wrap="nowrap" mih={28}>
        <Text fw={600} fz="sm">
          {title}
        </Text>
        {action}
      </Group>
      {children}
    </Paper>
  );
}
