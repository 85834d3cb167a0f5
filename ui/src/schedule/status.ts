import type { AppointmentStatus } from "../bindings/AppointmentStatus";

/**
 * One colour per status, used everywhere an appointment's status is shown (calendar, Today,
 * the patient's appointments), so "arrived" always looks the same.
 */
export const STATUS_INFO: Record<AppointmentStatus, { label: string; color: string }> = {
  booked: { label: "Booked", color: "blue" },
  arrived: { label: "Arrived", color: "violet" },
  in_treatment: { label: "In treatment", color: "orange" },
  completed: { label: "Completed", color: "teal" },
  cancelled: { label: "Cancelled", color: "gray" },
  no_show: { label: "No-show", color: "red" },
};
