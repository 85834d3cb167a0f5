import { screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ScheduleView } from "../bindings/ScheduleView";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import {
  NO_ROOM,
  availabilityIndex,
  slotState,
  toEvents,
  toResources,
  visibleHours,
  type ColumnMode,
} from "./calendarModel";
import { ScheduleCalendar } from "./ScheduleCalendar";
import { SETUP, appointment, workingDay } from "./scheduleFixtures";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const VIEW: ScheduleView = {
  from: "2030-03-04",
  days: 1,
  time_zone: "Europe/London",
  appointments: [
    appointment({ id: 11 }),
    appointment({
      id: 12,
      patient_name: "Carla Diaz",
      practitioner_id: 8,
      practitioner_name: "Sara Holm",
      room_id: null,
      room_name: null,
      local_start: "2030-03-04T11:00",
      local_end: "2030-03-04T12:30",
      duration_minutes: 90,
      type_name: "Initial consultation",
      colour: "#c2410c",
      status: "arrived",
      safety: { ...appointment({ id: 0 }).safety, pacemaker: true },
    }),
  ],
  availability: [workingDay(7), workingDay(8)],
};

function renderCalendar(mode: ColumnMode) {
  renderWithSession(
    <div style={{ height: 600 }}>
      <ScheduleCalendar
        date="2030-03-04"
        mode={mode}
        view={VIEW}
        events={toEvents(VIEW.appointments, mode)}
        resources={toResources(mode, SETUP.practitioners, SETUP.rooms, VIEW)}
        weekPractitioner={7}
        canBook
        onSelectSlot={() => {}}
        onOpenEvent={() => {}}
        onMove={() => {}}
      />
    </div>,
    sessionAs("receptionist"),
  );
}

describe("calendar model", () => {
  it("makes one column per practitioner the core sent hours for, in setup order", () => {
    const columns = toResources("practitioners", SETUP.practitioners, SETUP.rooms, VIEW);
    expect(columns?.map((c) => [c.id, c.title])).toEqual([
      [7, "Dr Wen Zhao"],
      [8, "Sara Holm"],
    ]);
    // A practitioner signed in sees only the column the core gave them.
    const own = { ...VIEW, availability: [workingDay(8)] };
    expect(toResources("practitioners", SETUP.practitioners, SETUP.rooms, own)?.map((c) => c.id)).toEqual([
      8,
    ]);
  });

  it("makes room columns, with a “No room” column only when something has no room", () => {
    expect(toResources("rooms", SETUP.practitioners, SETUP.rooms, VIEW)?.map((c) => c.title)).toEqual([
      "Room 1",
      "Room 2",
      "No room",
    ]);
    const roomed = { ...VIEW, appointments: [appointment({ id: 11 })] };
    expect(toResources("rooms", SETUP.practitioners, SETUP.rooms, roomed)?.map((c) => c.title)).toEqual([
      "Room 1",
      "Room 2",
    ]);
    expect(toEvents(VIEW.appointments, "rooms").map((e) => e.resourceId)).toEqual([1, NO_ROOM]);
    expect(toResources("week", SETUP.practitioners, SETUP.rooms, VIEW)).toBeUndefined();
  });

  it("draws a visit in the repeated hour for its real length, reading HH:MM before the offset", () => {
    const night = appointment({
      id: 3,
      local_start: "2030-10-27T01:30+01:00",
      local_end: "2030-10-27T01:15+00:00",
      duration_minutes: 45,
    });
    const [event] = toEvents([night], "practitioners");
    expect(event?.start).toEqual(new Date(2030, 9, 27, 1, 30));
    expect(event?.end).toEqual(new Date(2030, 9, 27, 2, 15));
    expect(visibleHours({ ...VIEW, appointments: [night] })).toEqual({ start: 60, end: 17 * 60 });
  });

  it("spans the working day in whole hours and shades outside hours and time off", () => {
    expect(visibleHours(VIEW)).toEqual({ start: 9 * 60, end: 17 * 60 });
    const late = {
      ...VIEW,
      appointments: [appointment({ id: 1, local_start: "2030-03-04T18:10", local_end: "2030-03-04T18:40" })],
    };
    expect(visibleHours(late)).toEqual({ start: 9 * 60, end: 19 * 60 });
    const off = {
      ...VIEW,
      availability: [
        { ...workingDay(7), time_off: [["2030-03-04T13:00", "2030-03-04T14:00"]] as [string, string][] },
      ],
    };
    const index = availabilityIndex(off);
    expect(slotState(index, 7, new Date(2030, 2, 4, 10, 0))).toBe("open");
    expect(slotState(index, 7, new Date(2030, 2, 4, 8, 45))).toBe("closed");
    expect(slotState(index, 7, new Date(2030, 2, 4, 13, 30))).toBe("off");
  });
});

describe("ScheduleCalendar", () => {
  it("draws the day with one column per practitioner and each visit in its column", () => {
    renderCalendar("practitioners");
    expect(screen.getByTestId("schedule-calendar")).toHaveAttribute("data-mode", "practitioners");
    expect(screen.getByTestId("column-7")).toHaveTextContent("Dr Wen Zhao");
    expect(screen.getByTestId("column-8")).toHaveTextContent("Sara Holm");

    const first = screen.getByTestId("appointment-11");
    expect(first).toHaveAttribute("data-practitioner", "7");
    expect(first).toHaveTextContent("Anna Abbott");
    expect(first).toHaveTextContent("09:00–09:45 · Follow-up treatment · Room 1");
    // Not yet arrived: no status tag.
    expect(within(first).queryByTestId("appointment-status-11")).not.toBeInTheDocument();

    const second = screen.getByTestId("appointment-12");
    expect(second).toHaveAttribute("data-practitioner", "8");
    expect(within(second).getByTestId("appointment-status-12")).toHaveTextContent("Arrived");
    expect(second).toHaveAttribute("aria-label", expect.stringContaining("Carla Diaz, 11:00 to 12:30"));
    // The safety flag shows on the tile as a badge.
    expect(within(second).getByTestId("safety-badge-pacemaker")).toBeInTheDocument();
  });

  it("switches to room columns", () => {
    renderCalendar("rooms");
    expect(screen.getByTestId("column-1")).toHaveTextContent("Room 1");
    expect(screen.getByTestId("column-2")).toHaveTextContent("Room 2");
    expect(screen.getByTestId(`column-${NO_ROOM}`)).toHaveTextContent("No room");
    expect(screen.queryByTestId("column-7")).not.toBeInTheDocument();
  });
});
