// Turns the core's schedule view into what the calendar draws: events, columns (practitioners
// or rooms), the hours to show, and which slots are outside working hours or in time off.
import type { Appointment } from "../bindings/Appointment";
import type { Availability } from "../bindings/Availability";
import type { Practitioner } from "../bindings/Practitioner";
import type { Room } from "../bindings/Room";
import type { ScheduleView } from "../bindings/ScheduleView";
import { isoDate, minutesOf, toDate } from "./time";

export type ColumnMode = "practitioners" | "rooms" | "week";

/** Appointments without a room sit in this column of the room view. */
export const NO_ROOM = -1;

export type CalEvent = {
  id: number;
  title: string;
  start: Date;
  end: Date;
  resourceId: number;
  appt: Appointment;
};

export type CalResource = { id: number; title: string; colour?: string };

export function toEvents(appointments: Appointment[], mode: ColumnMode): CalEvent[] {
  return appointments.map((a) => {
    const start = toDate(a.local_start);
    const end = toDate(a.local_end);
    return {
      id: a.id,
      title: `${a.patient_name} · ${a.type_name}`,
      start,
      // A visit that starts before the clocks go back can end at an earlier wall-clock time
      // (01:30+01:00 to 01:15+00:00); the grid draws it for its real length instead.
      // Wall-clock arithmetic, like every floating Date here (the browser's own zone may
      // repeat that hour too).
      end: end < start ? atMinutesAfter(start, a.duration_minutes) : end,
      resourceId: mode === "rooms" ? (a.room_id ?? NO_ROOM) : a.practitioner_id,
      appt: a,
    };
  });
}

function atMinutesAfter(d: Date, minutes: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes() + minutes);
}

export function toResources(
  mode: ColumnMode,
  practitioners: Practitioner[],
  rooms: Room[],
  view: ScheduleView | null,
): CalResource[] | undefined {
  if (mode === "week") return undefined;
  if (mode === "rooms") {
    const list: CalResource[] = rooms.filter((r) => r.active).map((r) => ({ id: r.id, title: r.name }));
    if (view?.appointments.some((a) => a.room_id === null)) list.push({ id: NO_ROOM, title: "No room" });
    return list;
  }
  // Only the columns the core sent hours for: a practitioner sees their own.
  const shown = new Set(view?.availability.map((v) => v.practitioner_id) ?? []);
  return practitioners
    .filter((p) => shown.has(p.user_id))
    .map((p) => ({ id: p.user_id, title: p.display_name, colour: p.colour }));
}

/** The hours the grid spans: the day's working hours (and any booking outside them), whole hours. */
export function visibleHours(view: ScheduleView | null): { start: number; end: number } {
  let start = 24 * 60;
  let end = 0;
  for (const v of view?.availability ?? []) {
    for (const [s, e] of v.working) {
      start = Math.min(start, minutesOf(s));
      end = Math.max(end, minutesOf(e));
    }
  }
  for (const a of view?.appointments ?? []) {
    // Characters 11–16 are HH:MM; a repeated hour's offset follows them.
    start = Math.min(start, minutesOf(a.local_start.slice(11, 16)));
    const sameDay = a.local_end.slice(0, 10) === a.local_start.slice(0, 10);
    end = Math.max(end, sameDay ? minutesOf(a.local_end.slice(11, 16)) : 24 * 60);
  }
  if (start >= end) return { start: 8 * 60, end: 18 * 60 };
  return { start: Math.floor(start / 60) * 60, end: Math.min(24 * 60, Math.ceil(end / 60) * 60) };
}

export type SlotState = "open" | "closed" | "off";

/** Availability by "practitioner|date". */
export function availabilityIndex(view: ScheduleView | null): Map<string, Availability> {
  const index = new Map<string, Availability>();
  for (const v of view?.availability ?? []) index.set(`${v.practitioner_id}|${v.date}`, v);
  return index;
}

/**
 * Whether a practitioner works at a slot's start: open, outside their hours (closed), or in
 * time off. A practitioner with no hours set up is open all day (nothing to shade against).
 */
export function slotState(index: Map<string, Availability>, practitioner: number, slot: Date): SlotState {
  const date = isoDate(slot);
  const v = index.get(`${practitioner}|${date}`);
  if (!v) return "open";
  const minute = slot.getHours() * 60 + slot.getMinutes();
  const local = `${date}T${String(slot.getHours()).padStart(2, "0")}:${String(slot.getMinutes()).padStart(2, "0")}`;
  if (v.time_off.some(([s, e]) => s <= local && local < e)) return "off";
  if (!v.hours_set) return "open";
  return v.working.some(([s, e]) => minutesOf(s) <= minute && minute < minutesOf(e)) ? "open" : "closed";
}
