// The treatment summary's default period: "this course of care", the latest run of signed
// visits with no gap longer than COURSE_GAP_DAYS between one visit and the next.
import type { VisitSummary } from "../bindings/VisitSummary";

export const COURSE_GAP_DAYS = 56;

export type Period = { from: string; to: string; visits: number };

function dayNumber(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
}

function signedDates(visits: VisitSummary[]): string[] {
  return visits
    .filter((v) => v.status === "signed")
    .map((v) => v.visit_date)
    .sort();
}

/** The latest course of care, or null when the patient has no signed visit. */
export function courseOfCare(visits: VisitSummary[]): Period | null {
  const dates = signedDates(visits);
  const last = dates.at(-1);
  if (last === undefined) return null;
  let from = last;
  let count = 1;
  for (let i = dates.length - 2; i >= 0; i -= 1) {
    const earlier = dates[i];
    if (earlier === undefined || dayNumber(from) - dayNumber(earlier) > COURSE_GAP_DAYS) break;
    from = earlier;
    count += 1;
  }
  return { from, to: last, visits: count };
}

/** Every signed visit, first to last, or null when there is none. */
export function allSignedVisits(visits: VisitSummary[]): Period | null {
  const dates = signedDates(visits);
  const [first, last] = [dates[0], dates.at(-1)];
  if (first === undefined || last === undefined) return null;
  return { from: first, to: last, visits: dates.length };
}

/** How many signed visits fall in a period (both ends included). */
export function signedVisitsBetween(visits: VisitSummary[], from: string, to: string): number {
  return signedDates(visits).filter((d) => d >= from && d <= to).length;
}
