import { Badge, Group, Tooltip, type MantineSize } from "@mantine/core";
import type { SafetyFlags } from "../bindings/SafetyFlags";
import { activeFlags } from "../lib/safety";
import { useDateFormat } from "../lib/session";

type Props = {
  flags: SafetyFlags;
  /**
   * "xs" for calendar tiles (the same colours and icons, without the words: the tooltip and
   * the accessible name carry them); "sm" for dense lists; "md" for the patient header.
   */
  size?: Extract<MantineSize, "xs" | "sm" | "md">;
};

/**
 * What matters before a needle goes in, at a glance: one badge per flag, most serious first.
 * Contraindications are filled red/orange, cautions yellow, other notes gray. Renders nothing
 * when no flag is set.
 */
export function SafetyBadges({ flags, size = "md" }: Props) {
  const dateFormat = useDateFormat();
  const active = activeFlags(flags, dateFormat);
  if (active.length === 0) return null;
  const iconSize = size === "md" ? 15 : 13;
  const iconOnly = size === "xs";
  return (
    <Group
      gap={iconOnly ? 2 : 6}
      wrap={iconOnly ? "nowrap" : "wrap"}
      data-testid="safety-badges"
      aria-label="Safety flags"
      role="list"
    >
      {active.map(({ key, label, tooltip, info }) => {
        const Icon = info.icon;
        const filled = info.severity !== "note";
        return (
          <Tooltip key={key} label={tooltip} multiline maw={300} withArrow openDelay={150}>
            <Badge
              role="listitem"
              color={info.color}
              variant={filled ? "filled" : "light"}
              autoContrast
              size={size === "md" ? "md" : "sm"}
              circle={iconOnly}
              px={iconOnly ? 0 : undefined}
              leftSection={iconOnly ? undefined : <Icon size={iconSize} stroke={1.8} aria-hidden />}
              aria-label={tooltip}
              data-severity={info.severity}
              data-testid={`safety-badge-${key}`}
              style={{
                cursor: "help",
                ...(iconOnly && { "--badge-height": "18px", width: 18, minWidth: 18, flexShrink: 0 }),
              }}
            >
              {iconOnly ? (
                <Icon size={iconSize} stroke={2} aria-hidden style={{ display: "block" }} />
              ) : (
                label
              )}
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
