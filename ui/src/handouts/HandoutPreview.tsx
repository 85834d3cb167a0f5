import { List, Stack, Text, Title } from "@mantine/core";
import { handoutBlocks } from "./api";

type Props = { title: string; condition: string | null; body: string };

/** The handout laid out roughly as it prints after the treatment summary. */
export function HandoutPreview({ title, condition, body }: Props) {
  const blocks = handoutBlocks(body);
  const items: React.ReactNode[] = [];
  let bullets: string[] = [];
  const flushBullets = () => {
    if (bullets.length)
      items.push(
        <List key={`list-${items.length}`} size="sm" spacing={2}>
          {bullets.map((b, i) => (
            <List.Item key={i}>{b}</List.Item>
          ))}
        </List>,
      );
    bullets = [];
  };
  blocks.forEach((b, i) => {
    if (b.kind === "bullet") {
      bullets.push(b.text);
      return;
    }
    flushBullets();
    items.push(
      b.kind === "heading" ? (
        <Text
          key={i}
          fw={600}
          fz="sm"
          mt={6}
          pb={2}
          style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
        >
          {b.text}
        </Text>
      ) : (
        <Text key={i} fz="sm">
          {b.text}
        </Text>
      ),
    );
  });
  flushBullets();
  return (
    <Stack gap={6} data-testid="handout-preview">
      <Title order={4} c="teal.8">
        {title.trim() || "Untitled handout"}
      </Title>
      {condition?.trim() && (
        <Text fz="xs" c="dimmed">
          Information for patients · {condition.trim()}
        </Text>
      )}
      {items.length ? (
        items
      ) : (
        <Text fz="sm" c="dimmed">
          The text appears here as it will print.
        </Text>
      )}
    </Stack>
  );
}
