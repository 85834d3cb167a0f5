import { Stack, Text, ThemeIcon } from "@mantine/core";
import type { ReactNode } from "react";

type Props = { icon: ReactNode; message: string; hint: string; "data-testid"?: string };

/** A calm placeholder for a tab whose records do not exist yet. */
export function EmptyTab({ icon, message, hint, ...rest }: Props) {
  return (
    <Stack
      align="center"
      gap="xs"
      py={40}
      bd="1px dashed light-dark(var(--mantine-color-gray-4), var(--mantine-color-dark-4))"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
      data-testid={rest["data-testid"]}
    >
      <ThemeIcon size={40} radius="xl" variant="light" color="gray">
        {icon}
      </ThemeIcon>
      <Text fw={500}>{message}</Text>
      <Text fz="sm" c="dimmed" ta="center" maw={420}>
        {hint}
      </Text>
    </Stack>
  );
}
