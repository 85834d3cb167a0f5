import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Appointment } from "../bindings/Appointment";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { ScheduleView } from "../bindings/ScheduleView";
import { PatientProfile } from "../patients/profile/PatientProfile";
import { usePatientSearch } from "../patients/usePatientSearch";
import { BookingDialog } from "../schedule/BookingDialog";
import { SETUP, appointment, freePreview } from "../schedule/scheduleFixtures";
import { useScheduleView } from "../schedule/useSchedule";
import { THREE_PATIENTS, patient, profile, sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

/** Another screen that lists patients from the same cache, with no way to be told to reload. */
function PatientNames() {
  const { results } = usePatientSearch("", () => {});
  return <output data-testid="names">{results.map((p) => p.given_name).join(", ")}</output>;
}

/** The calendar's day, as the schedule page reads it. */
function DayTiles() {
  const { view } = useScheduleView(
    { date: "2030-03-04", mode: "practitioners", practitioner: null, showCancelled: false },
    true,
  );
  return <output data-testid="tiles">{view?.appointments.map((a) => a.patient_name).join(", ")}</output>;
}

describe("the query cache after a write", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("re-reads the patient list after details are saved, without a manual refresh", async () => {
    let stored: PatientSummary = patient({ id: 2, given_name: "Bao", family_name: "Nguyen" });
    answerCommands({
      search_patients: () => [stored],
      get_patient: () => profile(),
      update_patient_details: () => {
        stored = { ...stored, given_name: "Bảo" };
        return profile({ details: { ...profile().details, given_name: "Bảo" } });
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(
      <>
        <PatientNames />
        <PatientProfile patientId={2} onBack={() => {}} onOpenPatient={() => {}} />
      </>,
      sessionAs("receptionist"),
    );
    await vi.waitFor(() => expect(screen.getByTestId("names")).toHaveTextContent("Bao"));
    const searchesBefore = callsTo("search_patients").length;

    await user.click(await screen.findByTestId("details-edit"));
    await user.click(screen.getByTestId("details-save"));

    await vi.waitFor(() => expect(screen.getByTestId("names")).toHaveTextContent("Bảo"));
    expect(callsTo("search_patients").length).toBe(searchesBefore + 1);
    // The saved profile itself came back with the write: no second read of it.
    expect(callsTo("get_patient")).toHaveLength(1);
  });

  it("re-reads the day on the calendar after a booking, without a manual reload", async () => {
    const booked: Appointment[] = [];
    const day = (): ScheduleView => ({
      from: "2030-03-04",
      days: 1,
      time_zone: "America/Vancouver",
      appointments: [...booked],
      availability: [],
    });
    answerCommands({
      get_schedule: day,
      search_patients: () => THREE_PATIENTS.filter((p) => p.id === 2),
      preview_booking: () => freePreview("2030-03-04T09:30", "2030-03-04T10:15"),
      book_appointment: () => {
        booked.push(appointment({ id: 41, patient_id: 2, patient_name: "Bao Nguyen" }));
        return { appointments: booked, series_id: null, skipped: [] };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(
      <>
        <DayTiles />
        <BookingDialog
          opened
          start={{ date: "2030-03-04", time: "09:30" }}
          setup={SETUP}
          onClose={() => {}}
          onBooked={() => {}}
        />
      </>,
      sessionAs("receptionist"),
    );
    await vi.waitFor(() => expect(callsTo("get_schedule")).toHaveLength(1));
    expect(screen.getByTestId("tiles")).toBeEmptyDOMElement();

    await vi.waitFor(() => expect(screen.getByTestId("booking-patient")).toHaveFocus());
    await user.keyboard("bao");
    await user.click(await screen.findByTestId("booking-patient-option-2"));
    await user.click(screen.getByTestId("booking-type"));
    await user.click(await screen.findByRole("option", { name: /Follow-up/ }));
    await user.click(screen.getByTestId("booking-practitioner"));
    await user.click(await screen.findByRole("option", { name: /Wen/ }));
    await screen.findByTestId("booking-preview-summary");
    await user.click(screen.getByTestId("booking-submit"));

    await vi.waitFor(() => expect(screen.getByTestId("tiles")).toHaveTextContent("Bao Nguyen"));
    expect(callsTo("get_schedule")).toHaveLength(2);
  });
});
