import { Alert, Loader, Modal, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useCallback, useEffect, useMemo, useState } from "react";
import { toApiError } from "../api";
import type { Appointment } from "../bindings/Appointment";
import type { AppointmentChange } from "../bindings/AppointmentChange";
import type { WaitlistOffer } from "../bindings/WaitlistOffer";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler, useCan, useSession } from "../lib/session";
import { scheduleApi } from "./api";
import { AppointmentMenu, type MenuAction } from "./AppointmentMenu";
import { BookingDialog, type BookingStart } from "./BookingDialog";
import { NO_ROOM, toEvents, toResources, type CalEvent, type ColumnMode } from "./calendarModel";
import { CancelDialog } from "./CancelDialog";
import { ExportIcsDialog } from "./ExportIcsDialog";
import { RescheduleDialog, type RescheduleTarget } from "./RescheduleDialog";
import { ScheduleCalendar, type Move } from "./ScheduleCalendar";
import { ScheduleToolbar } from "./ScheduleToolbar";
import { DaySheetButton } from "../documents/DaySheetButton";
import { isoDate, timeOf, toLocal } from "./time";
import { useSetAppointmentStatus, useUpdateAppointment } from "./mutations";
import { useScheduleSetup, useScheduleView } from "./useSchedule";
import { WaitlistDrawer } from "./WaitlistDrawer";
import { WaitlistOffers } from "./WaitlistOffers";

type Props = {
  /** Bumped by the app's Alt+B shortcut: open the booking dialog. */
  bookRequest?: number;
};

const STATUS_DONE: Record<string, string> = {
  arrived: "Checked in",
  in_treatment: "In treatment",
  completed: "Completed",
  no_show: "Marked as a no-show",
  booked: "Back to booked",
};

/** The front desk's calendar: columns per practitioner or room for a day, or one practitioner's week. */
export function SchedulePage({ bookRequest = 0 }: Props) {
  const can = useCan();
  const session = useSession();
  const handleError = useApiErrorHandler();
  const canBook = can("book_appointments");
  const { setup, error: setupError } = useScheduleSetup();
  const [date, setDate] = useState<string | null>(null);
  const [mode, setMode] = useState<ColumnMode>("practitioners");
  const [weekPractitioner, setWeekPractitioner] = useState<number | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [booking, setBooking] = useState<BookingStart | null>(null);
  const [menu, setMenu] = useState<{ appointment: Appointment; at: { x: number; y: number } } | null>(null);
  const [cancelling, setCancelling] = useState<Appointment | null>(null);
  const [moving, setMoving] = useState<RescheduleTarget | null>(null);
  const [offers, setOffers] = useState<WaitlistOffer[] | null>(null);
  const [waitlistOpen, setWaitlistOpen] = useState(false);
  const [exportOpen, setExportOpen] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  /** A dragged tile shown at its new place while the core decides; dropped on refusal. */
  const [pending, setPending] = useState<{ id: number; start: Date; end: Date; resourceId: number } | null>(
    null,
  );

  useEffect(() => {
    if (!setup) return;
    setDate((d) => d ?? setup.today);
    const own = setup.practitioners.find((p) => p.user_id === session?.user.user_id);
    setWeekPractitioner((w) => w ?? own?.user_id ?? setup.practitioners[0]?.user_id ?? null);
  }, [setup, session]);

  const updateAppointment = useUpdateAppointment();
  const setAppointmentStatus = useSetAppointmentStatus();
  const { view, error } = useScheduleView(
    { date: date ?? "", mode, practitioner: weekPractitioner, showCancelled },
    date !== null,
  );

  useEffect(() => {
    if (bookRequest > 0 && canBook) setBooking({});
  }, [bookRequest, canBook]);

  const events = useMemo(() => {
    const list = toEvents(view?.appointments ?? [], mode);
    return pending ? list.map((e) => (e.id === pending.id ? { ...e, ...pending } : e)) : list;
  }, [view, mode, pending]);
  const resources = useMemo(
    () => toResources(mode, setup?.practitioners ?? [], setup?.rooms ?? [], view),
    [mode, setup, view],
  );

  const fail = useCallback(
    (reason: unknown, what: string) => {
      const e = handleError(toApiError(reason));
      if (!e) return null;
      setRefusal(`${what}: ${e.message}`);
      notifications.show({ color: "red", title: what, message: e.message });
      return e;
    },
    [handleError],
  );

  const onMove = useCallback(
    async ({ event, start, end, resourceId, resize }: Move) => {
      const a = event.appt;
      const change: AppointmentChange = { starts_at: toLocal(start), scope: "this" };
      if (resize) change.duration_minutes = Math.round((end.getTime() - start.getTime()) / 60000);
      if (mode === "practitioners" && resourceId !== null && resourceId !== a.practitioner_id)
        change.practitioner_id = resourceId;
      if (mode === "rooms" && resourceId !== null && resourceId !== (a.room_id ?? NO_ROOM)) {
        if (resourceId === NO_ROOM) {
          setRefusal("Not moved: pick a room column; an appointment cannot be moved to “No room”.");
          return;
        }
        change.room_id = resourceId;
      }
      setRefusal(null);
      setPending({ id: a.id, start, end, resourceId: resourceId ?? event.resourceId });
      try {
        await updateAppointment.mutateAsync({ id: a.id, change });
        notifications.show({
          color: "teal",
          title: resize ? "Length changed" : "Appointment moved",
          message: `${a.patient_name}: ${isoDate(start)} ${timeOf(toLocal(start))}–${timeOf(toLocal(end))}`,
        });
      } catch (reason) {
        const e = toApiError(reason);
        if (e.code === "needs_acknowledgement") {
          setMoving({
            appointment: a,
            date: isoDate(start),
            time: timeOf(toLocal(start)),
            practitionerId: change.practitioner_id ?? undefined,
            durationMinutes: change.duration_minutes ?? undefined,
            needsReason: e.message,
          });
        } else {
          fail(reason, "Not moved");
        }
      } finally {
        setPending(null);
      }
    },
    [mode, updateAppointment, fail],
  );

  const onAction = useCallback(
    async (a: Appointment, action: MenuAction) => {
      setMenu(null);
      if (action.kind === "cancel") return setCancelling(a);
      if (action.kind === "reschedule") return setMoving({ appointment: a });
      if (action.kind === "offers") {
        try {
          setOffers(await scheduleApi.waitlistOffers(a.id));
        } catch (reason) {
          fail(reason, "Could not read the waitlist");
        }
        return;
      }
      setRefusal(null);
      try {
        await setAppointmentStatus.mutateAsync({ id: a.id, change: action.change });
        notifications.show({
          color: "teal",
          title: STATUS_DONE[action.change] ?? "Updated",
          message: a.patient_name,
        });
      } catch (reason) {
        fail(reason, "Not changed");
      }
    },
    [setAppointmentStatus, fail],
  );

  const openEvent = useCallback((event: CalEvent, at: { x: number; y: number }) => {
    setMenu({ appointment: event.appt, at });
  }, []);

  const selectSlot = useCallback(
    (start: Date, resourceId: number | null) => {
      if (!canBook) return;
      const local = toLocal(start);
      const column: BookingStart =
        mode === "practitioners" && resourceId !== null
          ? { practitionerId: String(resourceId) }
          : mode === "rooms" && resourceId !== null && resourceId !== NO_ROOM
            ? { roomId: String(resourceId) }
            : mode === "week" && weekPractitioner !== null
              ? { practitionerId: String(weekPractitioner) }
              : {};
      setBooking({ date: local.slice(0, 10), time: timeOf(local), ...column });
    },
    [canBook, mode, weekPractitioner],
  );

  if (setupError) return <ErrorAlert>{setupError}</ErrorAlert>;
  if (!setup || !date) return <Loader size="sm" aria-label="Loading the schedule" />;

  return (
    <Stack
      gap="sm"
      h="calc(100dvh - var(--app-shell-header-height, 56px) - 2 * var(--mantine-spacing-lg))"
      data-testid="schedule-page"
    >
      <ScheduleToolbar
        date={date}
        today={setup.today}
        mode={mode}
        practitioners={setup.practitioners}
        weekPractitioner={weekPractitioner}
        showCancelled={showCancelled}
        canBook={canBook}
        canWaitlist={can("manage_waitlist")}
        canExport={can("export_schedule")}
        onDate={setDate}
        onMode={setMode}
        onWeekPractitioner={setWeekPractitioner}
        onShowCancelled={setShowCancelled}
        onBook={() => setBooking({})}
        onWaitlist={() => setWaitlistOpen(true)}
        onExport={() => setExportOpen(true)}
        dayActions={<DaySheetButton date={date} />}
      />
      {setup.practitioners.length === 0 && (
        <Alert color="blue" title="No practitioners to book yet">
          An administrator adds practitioners, rooms, appointment types and working hours under Schedule
          setup.
        </Alert>
      )}
      {refusal && (
        <ErrorAlert withCloseButton onClose={() => setRefusal(null)} data-testid="schedule-refusal" py={8}>
          {refusal}
        </ErrorAlert>
      )}
      {error && <ErrorAlert>{error}</ErrorAlert>}
      <div style={{ flex: 1, minHeight: 0 }}>
        <ScheduleCalendar
          date={date}
          mode={mode}
          view={view}
          events={events}
          resources={resources}
          weekPractitioner={weekPractitioner}
          canBook={canBook}
          onSelectSlot={selectSlot}
          onOpenEvent={openEvent}
          onMove={(m) => void onMove(m)}
        />
      </div>
      <AppointmentMenu
        appointment={menu?.appointment ?? null}
        at={menu?.at ?? { x: 0, y: 0 }}
        canBook={canBook}
        canUpdateStatus={can("update_appointment_status")}
        canWaitlist={can("manage_waitlist")}
        onAction={(a, action) => void onAction(a, action)}
        onClose={() => setMenu(null)}
      />
      <BookingDialog
        opened={booking !== null}
        start={booking ?? {}}
        setup={setup}
        onClose={() => setBooking(null)}
        onBooked={(result) => {
          const first = result.appointments[0];
          if (first) setDate(first.local_start.slice(0, 10));
        }}
      />
      <CancelDialog appointment={cancelling} onClose={() => setCancelling(null)} />
      <RescheduleDialog
        target={moving}
        today={setup.today}
        practitioners={setup.practitioners}
        onClose={() => setMoving(null)}
      />
      <Modal opened={offers !== null} onClose={() => setOffers(null)} title="Waitlist offers" size="lg">
        {offers && <WaitlistOffers offers={offers} />}
      </Modal>
      <WaitlistDrawer opened={waitlistOpen} onClose={() => setWaitlistOpen(false)} setup={setup} />
      <ExportIcsDialog opened={exportOpen} onClose={() => setExportOpen(false)} setup={setup} date={date} />
    </Stack>
  );
}
