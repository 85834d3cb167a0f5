// Schedule calls to the core: setup, the calendar's days, booking and changes, the day's
// workflow, free slots, the waitlist and the ICS export.
import { commands } from "../client/commands";
import type { AppointmentChange } from "../bindings/AppointmentChange";
import type { AppointmentId } from "../bindings/AppointmentId";
import type { AppointmentTypeInput } from "../bindings/AppointmentTypeInput";
import type { CancelInput } from "../bindings/CancelInput";
import type { IcsQuery } from "../bindings/IcsQuery";
import type { NewAppointment } from "../bindings/NewAppointment";
import type { NewWaitlistEntry } from "../bindings/NewWaitlistEntry";
import type { PatientId } from "../bindings/PatientId";
import type { PractitionerInput } from "../bindings/PractitionerInput";
import type { RoomInput } from "../bindings/RoomInput";
import type { ScheduleQuery } from "../bindings/ScheduleQuery";
import type { ScheduleSettings } from "../bindings/ScheduleSettings";
import type { SlotQuery } from "../bindings/SlotQuery";
import type { StatusChange } from "../bindings/StatusChange";
import type { TimeOffId } from "../bindings/TimeOffId";
import type { TimeOffInput } from "../bindings/TimeOffInput";
import type { UserId } from "../bindings/UserId";
import type { WaitlistId } from "../bindings/WaitlistId";
import type { WorkingBlock } from "../bindings/WorkingBlock";

export const scheduleApi = {
  setup: () => commands.scheduleSetup(),
  schedule: (query: ScheduleQuery) => commands.getSchedule({ query }),
  previewBooking: (input: NewAppointment) => commands.previewBooking({ input }),
  book: (input: NewAppointment) => commands.bookAppointment({ input }),
  update: (id: AppointmentId, change: AppointmentChange) => commands.updateAppointment({ id, change }),
  cancel: (id: AppointmentId, input: CancelInput) => commands.cancelAppointment({ id, input }),
  setStatus: (id: AppointmentId, change: StatusChange) => commands.setAppointmentStatus({ id, change }),
  freeSlots: (query: SlotQuery) => commands.nextFreeSlots({ query }),
  patientAppointments: (patientId: PatientId) => commands.patientAppointments({ patientId }),
  waitlist: () => commands.listWaitlist(),
  addToWaitlist: (entry: NewWaitlistEntry) => commands.addToWaitlist({ entry }),
  resolveWaitlistEntry: (id: WaitlistId) => commands.resolveWaitlistEntry({ id }),
  waitlistOffers: (appointmentId: AppointmentId) => commands.waitlistOffers({ appointmentId }),
  savePractitioner: (input: PractitionerInput) => commands.savePractitioner({ input }),
  saveRoom: (input: RoomInput) => commands.saveRoom({ input }),
  saveType: (input: AppointmentTypeInput) => commands.saveAppointmentType({ input }),
  workingHours: (practitionerId: UserId) => commands.getWorkingHours({ practitionerId }),
  setWorkingHours: (practitionerId: UserId, blocks: WorkingBlock[]) =>
    commands.setWorkingHours({ practitionerId, blocks }),
  timeOff: (practitionerId: UserId, includePast = false) =>
    commands.listTimeOff({ practitionerId, includePast }),
  addTimeOff: (input: TimeOffInput) => commands.addTimeOff({ input }),
  deleteTimeOff: (id: TimeOffId) => commands.deleteTimeOff({ id }),
  updateSettings: (input: ScheduleSettings) => commands.updateScheduleSettings({ input }),
  exportIcs: (query: IcsQuery) => commands.exportScheduleIcs({ query }),
};
