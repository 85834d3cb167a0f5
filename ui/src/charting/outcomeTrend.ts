import type { ChartSeries } from "@mantine/charts";
import type { OutcomePoint } from "../bindings/OutcomePoint";

/** Colours after pain's red, one per PSFS activity in the order the patient first named them. */
const ACTIVITY_COLOURS = [
  "teal.6",
  "blue.6",
  "grape.6",
  "orange.6",
  "cyan.7",
  "lime.8",
  "pink.6",
  "indigo.6",
];

export type OutcomeTrend = {
  data: Record<string, string | number | null>[];
  series: ChartSeries[];
  /** Visits with at least one measure: a trend needs two. */
  measured: number;
};

/**
 * Pain and each PSFS activity as its own line (an average would hide an activity that got
 * worse while another improved). Activities are matched across visits by their words, ignoring
 * case and spacing; series keys are positional so an activity's name is never read as a path.
 */
export function outcomeTrend(outcomes: OutcomePoint[], label: (visitDate: string) => string): OutcomeTrend {
  const keys = new Map<string, { key: string; label: string }>();
  const keyOf = (activity: string) => {
    const folded = activity.trim().replace(/\s+/g, " ").toLowerCase();
    let found = keys.get(folded);
    if (!found) {
      found = { key: `psfs_${keys.size}`, label: activity.trim() };
      keys.set(folded, found);
    }
    return found.key;
  };
  let measured = 0;
  const data = outcomes.map((o) => {
    const row: Record<string, string | number | null> = {
      date: label(o.visit_date),
      pain: o.pain_now ?? null,
    };
    for (const item of o.psfs) row[keyOf(item.activity)] = item.score;
    if (o.pain_now != null || o.psfs.length > 0) measured += 1;
    return row;
  });
  const activities = [...keys.values()];
  for (const row of data) for (const a of activities) row[a.key] ??= null;
  const series: ChartSeries[] = [
    { name: "pain", label: "Pain now", color: "red.6" },
    ...activities.map((a, i) => ({
      name: a.key,
      label: `PSFS: ${a.label}`,
      color: ACTIVITY_COLOURS[i % ACTIVITY_COLOURS.length],
    })),
  ];
  return { data, series, measured };
}
