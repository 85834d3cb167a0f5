import type { Point } from "../bindings/Point";
import type { Side } from "../bindings/Side";
import type { TreatmentPoint } from "../bindings/TreatmentPoint";

const SIDE_WORDS: Record<string, Side> = {
  b: "bilateral",
  bi: "bilateral",
  bil: "bilateral",
  bilat: "bilateral",
  bilateral: "bilateral",
  both: "bilateral",
  l: "left",
  lt: "left",
  left: "left",
  r: "right",
  rt: "right",
  right: "right",
  m: "midline",
  mid: "midline",
  midline: "midline",
};

/** "weizhong l" → { query: "weizhong", side: "left" }; a lone word is never a side. */
export function splitSide(text: string): { query: string; side: Side | null } {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length >= 2) {
    const side = SIDE_WORDS[(words[words.length - 1] ?? "").toLowerCase()];
    if (side) return { query: words.slice(0, -1).join(" "), side };
  }
  return { query: words.join(" "), side: null };
}

export function isMidline(p: Pick<Point, "channel" | "code">): boolean {
  return p.channel === "GV" || p.channel === "CV" || p.code === "EX-HN3";
}

/** The side a point gets: midline points have one; others take the typed side or both. */
export function sideFor(p: Pick<Point, "channel" | "code">, typed: Side | null): Side {
  if (isMidline(p)) return "midline";
  if (typed === null || typed === "midline") return "bilateral";
  return typed;
}

export function newTreatmentPoint(code: string, side: Side, retention: number | null = 20): TreatmentPoint {
  return {
    code,
    side,
    technique: null,
    depth_mm: null,
    retention_minutes: retention,
    electro_pair: null,
    electro_hz: null,
    electro_minutes: null,
    note: null,
  };
}

/** Needles the points take: two for a bilateral point, one otherwise. */
export function needlesFor(points: TreatmentPoint[]): number {
  return points.reduce((n, p) => n + (p.side === "bilateral" ? 2 : 1), 0);
}
