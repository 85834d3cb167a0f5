// Appointments arrive as local wall-clock times in the clinic's zone ("YYYY-MM-DDTHH:MM"; in
// the hour the clocks go back through, the core adds the UTC offset, "2030-10-27T01:30+01:00",
// because the wall clock alone names two instants there).
// The calendar works with JS Dates, so those times are carried as "floating" Dates: the same
// wall-clock reading in the browser's zone, and read back the same way. No zone arithmetic
// happens here; the core owns it (DST-correct in the clinic's zone).
import type { DateFormat } from "../bindings/DateFormat";

const pad = (n: number) => String(n).padStart(2, "0");

/** "2030-03-04T09:30" → a Date reading 09:30 on 4 March 2030. */
export function toDate(local: string): Date {
  const n = local.match(/\d+/g)?.map(Number) ?? [];
  return new Date(n[0] ?? 1970, (n[1] ?? 1) - 1, n[2] ?? 1, n[3] ?? 0, n[4] ?? 0);
}

/** The Date's wall-clock reading as "YYYY-MM-DDTHH:MM". */
export function toLocal(date: Date): string {
  return `${isoDate(date)}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function addDays(iso: string, days: number): string {
  const d = toDate(iso);
  d.setDate(d.getDate() + days);
  return isoDate(d);
}

/** Minutes since midnight of "HH:MM" (24:00 allowed). */
export function minutesOf(hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  return h * 60 + m;
}

export function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** The Monday on or before an ISO date. */
export function weekStart(iso: string): string {
  const d = toDate(iso);
  const back = (d.getDay() + 6) % 7;
  return addDays(iso, -back);
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/**
 * What a receptionist types for a date: "2030-03-04", the clinic's own order ("04/03/2030"
 * or "03/04/2030"; a two-part "4/3" means this year), "today", "tomorrow", "+7" (days from
 * today) or a weekday name ("tue": the next one, today excluded). Null when it is none.
 */
export function parseDateEntry(text: string, today: string, format: DateFormat): string | null {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  if (t === "today" || t === "t") return today;
  if (t === "tomorrow" || t === "tm") return addDays(today, 1);
  const plus = /^\+(\d{1,3})$/.exec(t);
  if (plus) return addDays(today, Number(plus[1]));
  if (/^[a-z]{2,}$/.test(t)) {
    const wanted = WEEKDAYS.findIndex((w) => w.startsWith(t));
    if (wanted < 0) return null;
    const now = toDate(today).getDay();
    const ahead = (wanted - now + 7) % 7 || 7;
    return addDays(today, ahead);
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const parts = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(t);
  if (!parts || format === "ymd") return null;
  const [a, b] = [Number(parts[1]), Number(parts[2])];
  const year = parts[3]
    ? Number(parts[3].length === 2 ? `20${parts[3]}` : parts[3])
    : toDate(today).getFullYear();
  return format === "dmy" ? valid(year, b, a) : valid(year, a, b);
}

function valid(y: number, m: number, d: number): string | null {
  const date = new Date(y, m - 1, d);
  if (date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return null;
  return isoDate(date);
}

/** "9" → 09:00, "930" → 09:30, "9:30", "14.15", "2pm", "2:30 pm". Null when it is none. */
export function parseTimeEntry(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?(am|pm|a|p)?$/.exec(t);
  if (!m) return null;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const half = m[3]?.[0];
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half === "p" ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  return hhmm(h * 60 + min);
}

/** "Tue 4 Mar 2030" for a hint under a typed date. */
export function longDate(iso: string): string {
  return toDate(iso).toLocaleDateString(undefined, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

/** "09:30" from "2030-03-04T09:30" (or from "2030-10-27T09:30+01:00"): for time inputs. */
export function timeOf(local: string): string {
  return local.slice(11, 16);
}

/** The time to show: "09:30", or "01:30+01:00" in a repeated hour, so that the two 01:30s differ. */
export function clockOf(local: string): string {
  return local.slice(11);
}
