import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import type { NewAppointment } from "../bindings/NewAppointment";
import type { PatientId } from "../bindings/PatientId";
import type { ScheduleQuery } from "../bindings/ScheduleQuery";
import type { UserId } from "../bindings/UserId";
import { queryKeys } from "../query/keys";
import { useKeptData } from "../query/useKeptData";
import { useQueryError } from "../query/useQueryError";
import { scheduleApi } from "./api";
import type { ColumnMode } from "./calendarModel";
import { weekStart } from "./time";

/** The clinic's schedule setup (columns, types, today), shared by the calendar and setup pages. */
export function useScheduleSetup() {
  const query = useQuery({ queryKey: queryKeys.schedule.setup(), queryFn: scheduleApi.setup });
  const error = useQueryError(query.error);
  return { setup: query.data ?? null, error: error?.message ?? null };
}

type Query = { date: string; mode: ColumnMode; practitioner: number | null; showCancelled: boolean };

function scheduleQuery({ date, mode, practitioner, showCancelled }: Query): ScheduleQuery {
  const week = mode === "week";
  return {
    from: week ? weekStart(date) : date,
    days: week ? 7 : 1,
    practitioner_ids: week && practitioner !== null ? [practitioner] : [],
    include_cancelled: showCancelled,
  };
}

/**
 * The days on screen: one day for the column views, the Monday-to-Sunday week for one
 * practitioner. The old days stay on screen while the next ones load (no flashing), and after
 * a failed load too, under its error.
 */
export function useScheduleView(query: Query, enabled: boolean) {
  const request = scheduleQuery(query);
  const view = useQuery({
    queryKey: queryKeys.schedule.range(request),
    queryFn: () => scheduleApi.schedule(request),
    enabled,
    placeholderData: keepPreviousData,
  });
  const error = useQueryError(view.error);
  return { view: useKeptData(view.data) ?? null, error: error?.message ?? null };
}

export function usePatientAppointments(patientId: PatientId) {
  return useQuery({
    queryKey: queryKeys.schedule.patientAppointments(patientId),
    queryFn: () => scheduleApi.patientAppointments(patientId),
  });
}

/** Read while the drawer is open; it stays mounted, closed, on the calendar page. */
export function useWaitlist(opened: boolean) {
  return useQuery({
    queryKey: queryKeys.schedule.waitlist(),
    queryFn: scheduleApi.waitlist,
    enabled: opened,
  });
}

export function useWorkingHours(practitionerId: UserId | null) {
  return useQuery({
    queryKey: queryKeys.schedule.workingHours(practitionerId),
    queryFn: practitionerId === null ? skipToken : () => scheduleApi.workingHours(practitionerId),
  });
}

export function useTimeOff(practitionerId: UserId | null, includePast: boolean) {
  return useQuery({
    queryKey: queryKeys.schedule.timeOff(practitionerId, includePast),
    queryFn: practitionerId === null ? skipToken : () => scheduleApi.timeOff(practitionerId, includePast),
  });
}

/**
 * What the core would book for `input` (null while the form is incomplete): clashes, rooms, the
 * visits of a course. The last preview stays while the next is asked for, so nothing jumps.
 */
export function useBookingPreview(input: NewAppointment | null) {
  const query = useQuery({
    queryKey: queryKeys.schedule.preview(input),
    queryFn: input ? () => scheduleApi.previewBooking(input) : skipToken,
    placeholderData: keepPreviousData,
    // Not kept once the dialog moves on: a preview read before a booking would be out of date.
    gcTime: 0,
  });
  return {
    preview: input ? (query.data ?? null) : null,
    previewing: query.isFetching,
    previewError: useQueryError(input ? query.error : null),
  };
}
