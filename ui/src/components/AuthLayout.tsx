import { Box, Card, Center, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { BrandLogo } from "./BrandMark";

type Props = {
  title?: ReactNode;
  subtitle?: ReactNode;
  width?: number;
  children: ReactNode;
};

/**
 * The frame for everything before sign-in (loading, setup, recovery, login): the same centred
 * column every time, so moving between these screens never shifts the layout.
 */
export function AuthLayout({ title, subtitle, width = 440, children }: Props) {
  return (
    <Box mih="100%" py={48} px="md" bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-8))">
      <Center>
        <Stack w="100%" maw={width} gap="lg">
          <Center className="no-print">
            <BrandLogo />
          </Center>
          <Card withBorder radius="md" padding="xl" shadow="xs">
            {(title || subtitle) && (
              <Stack gap={4} mb="lg" className="no-print">
                {title && <Title order={2}>{title}</Title>}
                {subtitle && (
                  <Text c="dimmed" fz="sm">
                    {subtitle}
                  </Text>
                )}
              </Stack>
            )}
            {children}
          </Card>
        </Stack>
      </Center>
    </Box>
  );
}
