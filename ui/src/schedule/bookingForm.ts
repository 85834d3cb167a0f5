// The booking dialog's state and how it becomes the core's NewAppointment. Pure, so the rules
// (what is needed before a preview, how a course is described) are tested without a screen.
import type { NewAppointment } from "../bindings/NewAppointment";
import type { OccurrenceChoice } from "../bindings/OccurrenceChoice";
import type { RepeatRule } from "../bindings/RepeatRule";
import type { PickedPatient } from "./PatientPicker";

export type RepeatKind = "none" | "weekly" | "weekdays";
export type RepeatEnd = "count" | "until";

export type BookingForm = {
  patient: PickedPatient | null;
  typeId: string | null;
  practitionerId: string | null;
  date: string | null;
  time: string | null;
  roomId: string | null;
  note: string;
  repeat: RepeatKind;
  intervalWeeks: number;
  weekdays: string[];
  end: RepeatEnd;
  count: number;
  until: string | null;
  /** Per visit of the course, after seeing the preview: skip it, or book it at another time. */
  choices: Record<number, { skip: boolean; startsAt: string | null }>;
  overrideReason: string;
};

export function emptyForm(initial: Partial<BookingForm> = {}): BookingForm {
  return {
    patient: null,
    typeId: null,
    practitionerId: null,
    date: null,
    time: null,
    roomId: null,
    note: "",
    repeat: "none",
    intervalWeeks: 1,
    weekdays: [],
    end: "count",
    count: 8,
    until: null,
    choices: {},
    overrideReason: "",
    ...initial,
  };
}

/** What is still missing before the booking can be checked, in the order of the fields. */
export function missing(form: BookingForm): string[] {
  const out: string[] = [];
  if (!form.patient) out.push("patient");
  if (!form.typeId) out.push("type");
  if (!form.practitionerId) out.push("practitioner");
  if (!form.date) out.push("date");
  if (!form.time) out.push("time");
  if (form.repeat === "weekdays" && form.weekdays.length === 0) out.push("weekdays");
  if (form.repeat !== "none" && form.end === "until" && !form.until) out.push("until");
  return out;
}

function repeatRule(form: BookingForm): RepeatRule | null {
  if (form.repeat === "none") return null;
  return {
    frequency: form.repeat,
    interval_weeks: Math.max(1, form.intervalWeeks || 1),
    weekdays: form.repeat === "weekdays" ? form.weekdays.map(Number).sort() : [],
    count: form.end === "count" ? Math.max(1, form.count || 1) : null,
    until: form.end === "until" ? form.until : null,
  };
}

function choices(form: BookingForm): OccurrenceChoice[] {
  return Object.entries(form.choices)
    .filter(([, c]) => c.skip || c.startsAt)
    .map(([index, c]) => ({ index: Number(index), skip: c.skip, starts_at: c.skip ? null : c.startsAt }));
}

/** The core's input, or null while something needed is missing. */
export function toNewAppointment(form: BookingForm): NewAppointment | null {
  if (missing(form).length > 0 || !form.patient) return null;
  return {
    patient_id: form.patient.id,
    practitioner_id: Number(form.practitionerId),
    type_id: Number(form.typeId),
    room_id: form.roomId ? Number(form.roomId) : null,
    starts_at: `${form.date}T${form.time}`,
    front_desk_note: form.note.trim() || null,
    override_reason: form.overrideReason.trim() || null,
    repeat: repeatRule(form),
    choices: choices(form),
  };
}
