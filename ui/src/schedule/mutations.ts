import { useMutation, useQueryClient, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { AppointmentChange } from "../bindings/AppointmentChange";
import type { AppointmentId } from "../bindings/AppointmentId";
import type { CancelInput } from "../bindings/CancelInput";
import type { StatusChange } from "../bindings/StatusChange";
import type { UserId } from "../bindings/UserId";
import type { WorkingBlock } from "../bindings/WorkingBlock";
import { queryKeys } from "../query/keys";
import { scheduleApi } from "./api";

function invalidateAll(queryClient: QueryClient, keys: QueryKey[]) {
  return Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

/**
 * An appointment changed: the days and weeks on the calendar, every patient's appointment tab,
 * the waitlist (a cancellation frees slots) and the Today list all show appointments. (Booking
 * previews and free-slot searches are never kept, so none can be stale.) The promise settles
 * once what is on screen has been read again, so a moved tile never jumps back.
 */
export function appointmentsChanged(queryClient: QueryClient) {
  return invalidateAll(queryClient, [
    queryKeys.schedule.days(),
    queryKeys.schedule.patients(),
    queryKeys.schedule.waitlist(),
    queryKeys.charting.todays(),
  ]);
}

function useAppointmentWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: write, onSuccess: () => appointmentsChanged(queryClient) });
}

export const useBookAppointment = () => useAppointmentWrite(scheduleApi.book);

export const useUpdateAppointment = () =>
  useAppointmentWrite(({ id, change }: { id: AppointmentId; change: AppointmentChange }) =>
    scheduleApi.update(id, change),
  );

export const useCancelAppointment = () =>
  useAppointmentWrite(({ id, input }: { id: AppointmentId; input: CancelInput }) =>
    scheduleApi.cancel(id, input),
  );

export const useSetAppointmentStatus = () =>
  useAppointmentWrite(({ id, change }: { id: AppointmentId; change: StatusChange }) =>
    scheduleApi.setStatus(id, change),
  );

function useWaitlistWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.schedule.waitlist() }),
  });
}

export const useAddToWaitlist = () => useWaitlistWrite(scheduleApi.addToWaitlist);
export const useResolveWaitlistEntry = () => useWaitlistWrite(scheduleApi.resolveWaitlistEntry);

/**
 * Practitioners, rooms, types and the clinic's zone are drawn on every schedule screen (columns,
 * colours, names), so a change to any of them reads the whole schedule branch again.
 */
export function useScheduleSetupWrite<Variables, Result>(write: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.schedule.all }),
  });
}

export function useSetWorkingHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ practitionerId, blocks }: { practitionerId: UserId; blocks: WorkingBlock[] }) =>
      scheduleApi.setWorkingHours(practitionerId, blocks),
    onSuccess: (saved, { practitionerId }) => {
      queryClient.setQueryData(queryKeys.schedule.workingHours(practitionerId), saved);
      // The calendar shades the hours outside them.
      void queryClient.invalidateQueries({ queryKey: queryKeys.schedule.days() });
    },
  });
}

/** Time off is listed per practitioner and shaded on the calendar. */
function useTimeOffWrite<Variables, Result>(
  write: (variables: Variables) => Promise<Result>,
  practitionerId: UserId | null,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () =>
      void invalidateAll(queryClient, [
        practitionerId === null ? queryKeys.schedule.all : queryKeys.schedule.timeOffOf(practitionerId),
        queryKeys.schedule.days(),
      ]),
  });
}

export const useAddTimeOff = (practitionerId: UserId | null) =>
  useTimeOffWrite(scheduleApi.addTimeOff, practitionerId);
export const useDeleteTimeOff = (practitionerId: UserId | null) =>
  useTimeOffWrite(scheduleApi.deleteTimeOff, practitionerId);
