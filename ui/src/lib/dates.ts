import type { DateFormat } from "../bindings/DateFormat";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Shows a backend `YYYY-MM-DD` date in the clinic's chosen order; other text is shown as is. */
export function formatDate(iso: string, format: DateFormat): string {
  const match = ISO_DATE.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  switch (format) {
    case "dmy":
      return `${d}/${m}/${y}`;
    case "mdy":
      return `${m}/${d}/${y}`;
    case "ymd":
      return `${y}-${m}-${d}`;
  }
}

/** Whole years between a `YYYY-MM-DD` birth date and `today` (local calendar), or null. */
export function ageInYears(iso: string, today: Date = new Date()): number | null {
  const match = ISO_DATE.exec(iso);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  let age = today.getFullYear() - year;
  const beforeBirthday =
    today.getMonth() + 1 < month || (today.getMonth() + 1 === month && today.getDate() < day);
  if (beforeBirthday) age -= 1;
  return age >= 0 ? age : null;
}

export const DATE_FORMAT_LABELS: Record<DateFormat, string> = {
  dmy: "DD/MM/YYYY",
  mdy: "MM/DD/YYYY",
  ymd: "YYYY-MM-DD",
};

/** "07/03/1984 (40 years)": a birth date in the clinic's order with the age today. */
export function birthDateWithAge(iso: string, format: DateFormat, today: Date = new Date()): string {
  const age = ageInYears(iso, today);
  const formatted = formatDate(iso, format);
  return age === null ? formatted : `${formatted} (${age} ${age === 1 ? "year" : "years"})`;
}

/** A UTC timestamp (RFC 3339) as the local date in the clinic's format and the time, e.g. "3 Feb 2026 14:05". */
export function formatDateTime(iso: string, format: DateFormat): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const day = `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, "0")}-${String(at.getDate()).padStart(2, "0")}`;
  const time = at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return `${formatDate(day, format)} ${time}`;
}
