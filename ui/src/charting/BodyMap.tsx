import { Badge, CloseButton, Group, Stack, Text } from "@mantine/core";
import type { KeyboardEvent } from "react";
import type { BodyMapRegion } from "../bindings/BodyMapRegion";
import type { PainRegion } from "../bindings/PainRegion";
import type { Side } from "../bindings/Side";
import { FIGURES, type Shape } from "./bodyMapShapes";
import classes from "./BodyMap.module.css";

type Props = {
  regions: BodyMapRegion[];
  value: PainRegion[];
  onChange: (next: PainRegion[]) => void;
  readOnly?: boolean;
};

const SIDE_WORD: Record<Side, string> = { left: "left", right: "right", bilateral: "both", midline: "" };

export function regionLabel(regions: BodyMapRegion[], r: PainRegion): string {
  const label = regions.find((x) => x.code === r.region)?.label ?? r.region;
  return r.side === "midline" ? label : `${label} (${SIDE_WORD[r.side]})`;
}

const same = (a: PainRegion, code: string, side: Side) => a.region === code && a.side === side;

/**
 * Where it hurts: click (or Enter/Space on) a region to mark it, again to clear it. Regions
 * are stored as the core's codes with their side.
 */
export function BodyMap({ regions, value, onChange, readOnly = false }: Props) {
  const toggle = (s: Shape) => {
    if (readOnly) return;
    const on = value.some((v) => same(v, s.code, s.side));
    onChange(
      on ? value.filter((v) => !same(v, s.code, s.side)) : [...value, { region: s.code, side: s.side }],
    );
  };
  const onKey = (s: Shape) => (e: KeyboardEvent) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      toggle(s);
    }
  };
  return (
    <Stack gap={6} data-testid="body-map">
      <div className={classes.figures}>
        {FIGURES.map((f) => (
          <figure key={f.id} className={classes.figure}>
            <svg viewBox="0 0 160 330" role="group" aria-label={`Body map, ${f.title.toLowerCase()}`}>
              {f.decor.map((d, i) => (
                <rect
                  key={i}
                  className={classes.decor}
                  x={d.x}
                  y={d.y}
                  width={d.w}
                  height={d.h}
                  rx={d.r ?? 6}
                />
              ))}
              {f.shapes.map((s) => {
                const on = value.some((v) => same(v, s.code, s.side));
                const label = regionLabel(regions, { region: s.code, side: s.side });
                return (
                  <rect
                    key={`${s.code}-${s.side}`}
                    className={classes.region}
                    data-on={on || undefined}
                    x={s.x}
                    y={s.y}
                    width={s.w}
                    height={s.h}
                    rx={s.r ?? 6}
                    role="button"
                    tabIndex={readOnly ? -1 : 0}
                    aria-pressed={on}
                    aria-label={label}
                    onClick={() => toggle(s)}
                    onKeyDown={onKey(s)}
                    data-testid={`bodymap-${s.code}-${s.side}`}
                  >
                    <title>{label}</title>
                  </rect>
                );
              })}
              {f.marks.map(([mark, x]) => (
                <text key={mark} x={x} y={320} className={classes.mark}>
                  {mark}
                </text>
              ))}
            </svg>
            <figcaption>{f.title}</figcaption>
          </figure>
        ))}
      </div>
      <Group gap={6} mih={26} data-testid="pain-regions">
        {value.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {readOnly ? "No pain location marked." : "Click where it hurts."}
          </Text>
        ) : (
          value.map((r) => (
            <Badge
              key={`${r.region}-${r.side}`}
              variant="light"
              color="red"
              tt="none"
              fw={500}
              rightSection={
                readOnly ? undefined : (
                  <CloseButton
                    size="xs"
                    aria-label={`Clear ${regionLabel(regions, r)}`}
                    onClick={() => onChange(value.filter((v) => !same(v, r.region, r.side)))}
                  />
                )
              }
            >
              {regionLabel(regions, r)}
            </Badge>
          ))
        )}
      </Group>
    </Stack>
  );
}
