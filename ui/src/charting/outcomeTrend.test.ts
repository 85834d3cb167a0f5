import { describe, expect, it } from "vitest";
import type { OutcomePoint } from "../bindings/OutcomePoint";
import type { NoteId } from "../bindings/NoteId";
import { outcomeTrend } from "./outcomeTrend";

function visit(id: number, date: string, pain: number | null, psfs: [string, number][]): OutcomePoint {
  return {
    note_id: id as NoteId,
    visit_date: date,
    pain_now: pain,
    psfs: psfs.map(([activity, score]) => ({ activity, score })),
  };
}

describe("outcome trend", () => {
  it("draws each PSFS activity as its own line instead of an average", () => {
    const trend = outcomeTrend(
      [
        visit(1, "2026-11-02", 7, [
          ["Walking 1 km", 3],
          ["Sitting at work", 8],
        ]),
        visit(2, "2026-11-09", 5, [
          ["walking  1 km", 6],
          ["Sitting at work", 4],
        ]),
        visit(3, "2026-11-16", null, [["Gardening", 2]]),
      ],
      (d) => d.slice(5),
    );
    expect(trend.series.map((s) => s.label)).toEqual([
      "Pain now",
      "PSFS: Walking 1 km",
      "PSFS: Sitting at work",
      "PSFS: Gardening",
    ]);
    expect(trend.data).toEqual([
      { date: "11-02", pain: 7, psfs_0: 3, psfs_1: 8, psfs_2: null },
      { date: "11-09", pain: 5, psfs_0: 6, psfs_1: 4, psfs_2: null },
      { date: "11-16", pain: null, psfs_0: null, psfs_1: null, psfs_2: 2 },
    ]);
    expect(trend.measured).toBe(3);
    expect(new Set(trend.series.map((s) => s.color)).size).toBe(4);
  });

  it("counts only visits with a measure", () => {
    const trend = outcomeTrend([visit(1, "2026-11-02", null, []), visit(2, "2026-11-09", 4, [])], (d) => d);
    expect(trend.measured).toBe(1);
    expect(trend.series).toHaveLength(1);
  });
});
