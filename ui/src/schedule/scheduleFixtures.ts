// Schedule data for the UI tests: a clinic with two practitioners, two rooms and two types.
import type { Appointment } from "../bindings/Appointment";
import type { Availability } from "../bindings/Availability";
import type { BookingPreview } from "../bindings/BookingPreview";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import { NO_FLAGS } from "../lib/safety";

export const SETUP: ScheduleSetup = {
  settings: { time_zone: "Europe/London", late_cancel_notice_hours: 24 },
  practitioners: [
    {
      user_id: 7,
      display_name: "Dr Wen Zhao",
      licence_number: null,
      npi: null,
      signature_line: null,
      colour: "#2f6f9f",
      sort_order: 1,
      active: true,
    },
    {
      user_id: 8,
      display_name: "Sara Holm",
      licence_number: null,
      npi: null,
      signature_line: null,
      colour: "#8a4fbf",
      sort_order: 2,
      active: true,
    },
  ],
  rooms: [
    { id: 1, name: "Room 1", sort_order: 1, active: true },
    { id: 2, name: "Room 2", sort_order: 2, active: true },
  ],
  types: [
    {
      id: 3,
      name: "Initial consultation",
      duration_minutes: 90,
      colour: "#c2410c",
      needs_room: true,
      fee_cents: null,
      billing_code: null,
      sort_order: 1,
      active: true,
    },
    {
      id: 4,
      name: "Follow-up treatment",
      duration_minutes: 45,
      colour: "#0f766e",
      needs_room: true,
      fee_cents: null,
      billing_code: null,
      sort_order: 2,
      active: true,
    },
  ],
  today: "2030-03-04",
};

export function appointment(overrides: Partial<Appointment> & Pick<Appointment, "id">): Appointment {
  return {
    patient_id: 1,
    patient_name: "Anna Abbott",
    chart_number: 1001,
    patient_phone: null,
    practitioner_id: 7,
    practitioner_name: "Dr Wen Zhao",
    room_id: 1,
    room_name: "Room 1",
    type_id: 4,
    type_name: "Follow-up treatment",
    colour: "#0f766e",
    starts_at: "2030-03-04T09:00:00Z",
    ends_at: "2030-03-04T09:45:00Z",
    local_start: "2030-03-04T09:00",
    local_end: "2030-03-04T09:45",
    duration_minutes: 45,
    time_zone: "Europe/London",
    status: "booked",
    series_id: null,
    series_index: null,
    series_total: null,
    front_desk_note: null,
    override_reason: null,
    arrived_at: null,
    treatment_started_at: null,
    completed_at: null,
    no_show_at: null,
    cancelled_at: null,
    cancelled_by: null,
    cancel_reason: null,
    late_cancel: false,
    safety: NO_FLAGS,
    ...overrides,
  };
}

export function workingDay(practitioner_id: number, date = "2030-03-04"): Availability {
  return {
    practitioner_id,
    date,
    working: [["09:00", "17:00"]],
    hours_set: true,
    time_off: [],
    time_off_reasons: [],
  };
}

export function freePreview(local_start: string, local_end: string): BookingPreview {
  return {
    occurrences: [
      {
        index: 1,
        local_start,
        local_end,
        room_id: 1,
        room_name: "Room 1",
        skipped: false,
        moved: false,
        clashes: [],
        warnings: [],
        problem: null,
        suggestion: null,
      },
    ],
    bookable: true,
    needs_override: false,
    summary: "Free: Room 1.",
  };
}
