import { Group, Text } from "@mantine/core";

/** The small teal mark: a point on a meridian line, drawn inline so no asset or font is fetched. */
export function BrandMark({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <rect width="24" height="24" rx="6" fill="var(--mantine-color-teal-7)" />
      <path
        d="M5 17 C9 14, 15 10, 19 7"
        stroke="#fff"
        strokeOpacity="0.55"
        strokeWidth="1.6"
        fill="none"
        strokeLinecap="round"
      />
      <circle cx="12" cy="12" r="3" fill="#fff" />
    </svg>
  );
}

export function BrandLogo() {
  return (
    <Group gap={8} wrap="nowrap">
      <BrandMark />
      <Text fw={700} fz="lg" lh={1} style={{ letterSpacing: "-0.01em" }}>
        AcuChart
      </Text>
    </Group>
  );
}
