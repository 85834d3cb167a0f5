import { Alert, Button, Group, Kbd, Modal, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useHotkeys } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useMemo, useRef, useState } from "react";
import { toApiError } from "../api";
import type { BookingResult } from "../bindings/BookingResult";
import type { ScheduleSetup } from "../bindings/ScheduleSetup";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler } from "../lib/session";
import { useBookAppointment } from "./mutations";
import { useBookingPreview } from "./useSchedule";
import { BookingPreviewPanel } from "./BookingPreviewPanel";
import { emptyForm, missing, toNewAppointment, type BookingForm } from "./bookingForm";
import { DateField, TimeField } from "./fields";
import { FreeSlotFinder } from "./FreeSlotFinder";
import { PatientPicker } from "./PatientPicker";
import { RepeatFields } from "./RepeatFields";

export type BookingStart = Partial<Pick<BookingForm, "date" | "time" | "practitionerId" | "roomId">>;

type Props = {
  opened: boolean;
  start: BookingStart;
  setup: ScheduleSetup;
  onClose: () => void;
  onBooked: (result: BookingResult) => void;
};

/** Changing these re-plans the course, so per-visit choices no longer apply. */
const PLAN_FIELDS: (keyof BookingForm)[] = [
  "typeId",
  "practitionerId",
  "date",
  "time",
  "roomId",
  "repeat",
  "intervalWeeks",
  "weekdays",
  "end",
  "count",
  "until",
];

/**
 * Booking without the mouse: type part of the patient's name (Enter picks), then type,
 * practitioner, date and time (Tab between them), optionally room, note and a repeat. The core
 * checks it as you go (a course lists each clashing visit to skip or move); Enter books, Escape
 * closes. Alt+F finds the next free times.
 */
export function BookingDialog({ opened, start, setup, onClose, onBooked }: Props) {
  const handleError = useApiErrorHandler();
  const bookAppointment = useBookAppointment();
  const [form, setForm] = useState<BookingForm>(() => emptyForm());
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [needsReason, setNeedsReason] = useState<string | null>(null);
  const [finding, setFinding] = useState(false);
  const [busy, setBusy] = useState(false);
  const reasonRef = useRef<HTMLInputElement>(null);

  const activeTypes = setup.types.filter((t) => t.active);
  const activePractitioners = setup.practitioners.filter((p) => p.active);

  useEffect(() => {
    if (!opened) return;
    setForm(
      emptyForm({
        typeId: activeTypes.length === 1 && activeTypes[0] ? String(activeTypes[0].id) : null,
        practitionerId:
          activePractitioners.length === 1 && activePractitioners[0]
            ? String(activePractitioners[0].user_id)
            : null,
        date: setup.today,
        ...start,
      }),
    );
    setError(null);
    setFieldErrors({});
    setNeedsReason(null);
    setFinding(false);
    // Only on opening: the start values are read once, then the receptionist owns the form.
  }, [opened]);

  const set = (patch: Partial<BookingForm>) =>
    setForm((f) => {
      const replan = PLAN_FIELDS.some((k) => k in patch && patch[k] !== f[k]);
      return { ...f, ...patch, ...(replan ? { choices: {} } : {}) };
    });

  const input = useMemo(() => toNewAppointment(form), [form]);
  const [debouncedInput] = useDebouncedValue(input, 200);

  // The core's preview, as the receptionist types: the cache answers only for the newest input
  // and keeps the last preview on screen until then.
  const { preview, previewing, previewError } = useBookingPreview(
    opened && debouncedInput ? { ...debouncedInput, override_reason: null } : null,
  );
  const shownFieldErrors = useMemo(
    () => ({
      ...fieldErrors,
      ...Object.fromEntries((previewError?.fields ?? []).map((f) => [f.field, f.message])),
    }),
    [fieldErrors, previewError],
  );
  // A preview the core accepted answers the last "fill in" complaint.
  useEffect(() => {
    if (preview) setError(null);
  }, [preview]);

  useHotkeys([["alt+F", () => opened && setFinding((f) => !f)]], [], true);

  const submit = async () => {
    const gaps = missing(form);
    if (gaps.length > 0 || !input) {
      setError(`Fill in: ${gaps.join(", ")}.`);
      return;
    }
    if ((needsReason || preview?.needs_override) && !form.overrideReason.trim()) {
      setNeedsReason(needsReason ?? "Outside working hours or in time off.");
      setError("Give a reason to book outside working hours (it is recorded).");
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await bookAppointment.mutateAsync(input);
      const n = result.appointments.length;
      notifications.show({
        color: "teal",
        title: n === 1 ? "Appointment booked" : `${n} visits booked`,
        message:
          result.skipped.length > 0
            ? `Skipped visit ${result.skipped.join(", ")}.`
            : `${form.patient?.name ?? ""}`,
      });
      onBooked(result);
      onClose();
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (!e) return;
      if (e.code === "needs_acknowledgement") {
        setNeedsReason(e.message);
        setTimeout(() => reasonRef.current?.focus(), 0);
      } else {
        setFieldErrors(Object.fromEntries(e.fields.map((f) => [f.field, f.message])));
        setError(e.message);
      }
    } finally {
      setBusy(false);
    }
  };

  const showReason = needsReason !== null || preview?.needs_override === true;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Book an appointment"
      size={880}
      data-testid="booking-dialog"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="booking-form"
      >
        <Stack gap="sm">
          <PatientPicker
            value={form.patient}
            onChange={(patient) => set({ patient })}
            error={shownFieldErrors.patient_id}
          />
          <SimpleGrid cols={4} spacing="sm">
            <Select
              label="Type"
              searchable
              selectFirstOptionOnChange
              data={activeTypes.map((t) => ({
                value: String(t.id),
                label: `${t.name} (${t.duration_minutes} min)`,
              }))}
              value={form.typeId}
              onChange={(typeId) => set({ typeId })}
              error={shownFieldErrors.type_id}
              data-testid="booking-type"
            />
            <Select
              label="Practitioner"
              searchable
              selectFirstOptionOnChange
              data={activePractitioners.map((p) => ({ value: String(p.user_id), label: p.display_name }))}
              value={form.practitionerId}
              onChange={(practitionerId) => set({ practitionerId })}
              error={shownFieldErrors.practitioner_id}
              data-testid="booking-practitioner"
            />
            <DateField
              label="Date"
              value={form.date}
              onChange={(date) => set({ date })}
              today={setup.today}
              error={shownFieldErrors.starts_at}
              data-testid="booking-date"
            />
            <TimeField
              label="Time"
              value={form.time}
              onChange={(time) => set({ time })}
              data-testid="booking-time"
            />
          </SimpleGrid>
          <SimpleGrid cols={4} spacing="sm">
            <Select
              label="Room"
              placeholder="First free room"
              clearable
              searchable
              data={setup.rooms.filter((r) => r.active).map((r) => ({ value: String(r.id), label: r.name }))}
              value={form.roomId}
              onChange={(roomId) => set({ roomId })}
              data-testid="booking-room"
            />
            <TextInput
              label="Front-desk note"
              placeholder="Optional"
              value={form.note}
              onChange={(e) => set({ note: e.currentTarget.value })}
              style={{ gridColumn: "span 3" }}
              data-testid="booking-note"
            />
          </SimpleGrid>
          <RepeatFields form={form} today={setup.today} set={set} />
          <Group gap="xs">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconSearch size={15} />}
              onClick={() => setFinding((f) => !f)}
              aria-keyshortcuts="Alt+F"
              data-testid="booking-find-free"
            >
              {finding ? "Hide free times" : "Find the next free time"}
            </Button>
            <Text fz="xs" c="dimmed">
              <Kbd>Alt</Kbd>+<Kbd>F</Kbd>
            </Text>
          </Group>
          {finding && (
            <FreeSlotFinder
              typeId={form.typeId}
              practitionerId={form.practitionerId}
              from={form.date}
              practitioners={setup.practitioners}
              onPick={(s) => {
                set({
                  practitionerId: String(s.practitioner_id),
                  date: s.local_start.slice(0, 10),
                  time: s.local_start.slice(11, 16),
                  roomId: s.room_id === null ? form.roomId : String(s.room_id),
                });
                setFinding(false);
              }}
            />
          )}
          <BookingPreviewPanel
            preview={preview}
            loading={previewing}
            form={form}
            setChoice={(index, choice) =>
              setForm((f) => ({ ...f, choices: { ...f.choices, [index]: choice } }))
            }
          />
          {showReason && (
            <Stack gap={4}>
              {needsReason && (
                <Alert color="yellow" p="xs" data-testid="booking-needs-reason">
                  {needsReason}
                </Alert>
              )}
              <TextInput
                ref={reasonRef}
                label="Reason for booking outside working hours"
                placeholder="e.g. Agreed with the practitioner"
                value={form.overrideReason}
                onChange={(e) => set({ overrideReason: e.currentTarget.value })}
                data-testid="booking-override-reason"
              />
            </Stack>
          )}
          {error && <ErrorAlert data-testid="booking-error">{error}</ErrorAlert>}
          <Group justify="space-between">
            <Text fz="xs" c="dimmed">
              <Kbd>Enter</Kbd> books · <Kbd>Esc</Kbd> closes
            </Text>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                Close
              </Button>
              <Button type="submit" loading={busy} data-testid="booking-submit">
                {preview && preview.occurrences.length > 1
                  ? `Book ${preview.occurrences.filter((o) => !o.skipped).length} visits`
                  : "Book"}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
