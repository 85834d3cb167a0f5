// Schedule calls to the core: setup, the calendar's days, booking and changes, the day's
// workflow, free slots, the waitlist and the ICS export.
import { call } from "../api";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentChange } from "../bindings/AppointmentChange";
import type { AppointmentId } from "../bindings/AppointmentId";
import type { AppointmentType } from "../bindings/AppointmentType";
import type { AppointmentTypeInput } from "../bindings/AppointmentTypeInput";
import type { BookingPreview } from "../bindings/BookingPreview";
import type { BookingResult } from "../bindings/BookingResult";
import type { CancelInput } from "../bindings/CancelInput";
import type { CancelResult } from "../bindings/CancelResult";
import type { FreeSlot } from "../bindings/FreeSlot";
import type { IcsExport } from "../bindings/IcsExport";
import type { IcsQuery } from "../bindings/IcsQuery";
import type { NewAppointment } from "../bindings/NewAppointment";
import type { NewWaitlistEntry } from "../bindings/NewWaitlistEntry";
import type { PatientAppointments } from "../bindings/PatientAppointments";
import type { PatientId } from "../bindings/PatientId";
import type { Practitioner } from "../bindings/Practitioner";
import type { PractitionerInput } from "../bindings/PractitionerInput";
import type { Room } from "../bindings/Room";
import type { RoomInput } from "../bindings/RoomInput";
import type { ScheduleQuery } from "../bindings/ScheduleQuery";
import type { ScheduleSettings } from "../bindings/ScheduleSettings";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import type { ScheduleView } from "../bindings/ScheduleView";
import type { SlotQuery } from "../bindings/SlotQuery";
import type { StatusChange } from "../bindings/StatusChange";
import type { TimeOff } from "../bindings/TimeOff";
import type { TimeOffId } from "../bindings/TimeOffId";
import type { TimeOffInput } from "../bindings/TimeOffInput";
import type { UserId } from "../bindings/UserId";
import type { WaitlistEntry } from "../bindings/WaitlistEntry";
import type { WaitlistId } from "../bindings/WaitlistId";
import type { WaitlistOffer } from "../bindings/WaitlistOffer";
import type { WorkingBlock } from "../bindings/WorkingBlock";

export const scheduleApi = {
  setup: () => call<ScheduleSetup>("schedule_setup"),
  schedule: (query: ScheduleQuery) => call<ScheduleView>("get_schedule", { query }),
  previewBooking: (input: NewAppointment) => call<BookingPreview>("preview_booking", { input }),
  book: (input: NewAppointment) => call<BookingResult>("book_appointment", { input }),
  update: (id: AppointmentId, change: AppointmentChange) =>
    call<Appointment[]>("update_appointment", { id, change }),
  cancel: (id: AppointmentId, input: CancelInput) => call<CancelResult>("cancel_appointment", { id, input }),
  setStatus: (id: AppointmentId, change: StatusChange) =>
    call<Appointment>("set_appointment_status", { id, change }),
  freeSlots: (query: SlotQuery) => call<FreeSlot[]>("next_free_slots", { query }),
  patientAppointments: (patientId: PatientId) =>
    call<PatientAppointments>("patient_appointments", { patientId }),
  waitlist: () => call<WaitlistEntry[]>("list_waitlist"),
  addToWaitlist: (entry: NewWaitlistEntry) => call<WaitlistEntry>("add_to_waitlist", { entry }),
  resolveWaitlistEntry: (id: WaitlistId) => call<null>("resolve_waitlist_entry", { id }),
  waitlistOffers: (appointmentId: AppointmentId) =>
    call<WaitlistOffer[]>("waitlist_offers", { appointmentId }),
  savePractitioner: (input: PractitionerInput) => call<Practitioner>("save_practitioner", { input }),
  saveRoom: (input: RoomInput) => call<Room>("save_room", { input }),
  saveType: (input: AppointmentTypeInput) => call<AppointmentType>("save_appointment_type", { input }),
  workingHours: (practitionerId: UserId) => call<WorkingBlock[]>("get_working_hours", { practitionerId }),
  setWorkingHours: (practitionerId: UserId, blocks: WorkingBlock[]) =>
    call<WorkingBlock[]>("set_working_hours", { practitionerId, blocks }),
  timeOff: (practitionerId: UserId, includePast = false) =>
    call<TimeOff[]>("list_time_off", { practitionerId, includePast }),
  addTimeOff: (input: TimeOffInput) => call<TimeOff>("add_time_off", { input }),
  deleteTimeOff: (id: TimeOffId) => call<null>("delete_time_off", { id }),
  updateSettings: (input: ScheduleSettings) => call<ScheduleSettings>("update_schedule_settings", { input }),
  exportIcs: (query: IcsQuery) => call<IcsExport>("export_schedule_ics", { query }),
};
