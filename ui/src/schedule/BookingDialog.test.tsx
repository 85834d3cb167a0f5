import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { NewAppointment } from "../bindings/NewAppointment";
import { THREE_PATIENTS, sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { BookingDialog } from "./BookingDialog";
import { SETUP, appointment, freePreview } from "./scheduleFixtures";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const CLASH =
  "Dr Wen Zhao is already booked then: Anna Abbott, Follow-up treatment, Mon 4 Mar 2030 09:00–09:45.";

function renderDialog(onBooked = vi.fn()) {
  renderWithSession(
    <BookingDialog opened start={{}} setup={SETUP} onClose={() => {}} onBooked={onBooked} />,
    sessionAs("receptionist"),
  );
  return onBooked;
}

/** Types the whole booking with the keyboard: a name, Enter, then Tab through the fields. */
async function typeBooking(user: ReturnType<typeof userEvent.setup>) {
  const patientInput = screen.getByTestId("booking-patient");
  // The dialog puts the cursor in the patient field as it opens.
  await vi.waitFor(() => expect(patientInput).toHaveFocus());
  await user.keyboard("bao");
  await screen.findByTestId("booking-patient-option-2");
  await user.keyboard("{Enter}");
  expect(patientInput).toHaveValue("Nguyen, Bao (Bobby)");
  await user.tab();
  expect(screen.getByTestId("booking-type")).toHaveFocus();
  await user.keyboard("follow{Enter}");
  await user.tab();
  expect(screen.getByTestId("booking-practitioner")).toHaveFocus();
  await user.keyboard("wen{Enter}");
  await user.tab();
  expect(screen.getByTestId("booking-date")).toHaveFocus();
  await user.keyboard("2030-03-04");
  await user.tab();
  expect(screen.getByTestId("booking-time")).toHaveFocus();
  await user.keyboard("930");
}

describe("BookingDialog", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("books with the keyboard only: name, Enter, Tab through the fields, Enter", async () => {
    const booked = appointment({ id: 41, patient_id: 2, patient_name: "Bao Nguyen" });
    answerCommands({
      search_patients: () => THREE_PATIENTS.filter((p) => p.id === 2),
      preview_booking: () => freePreview("2030-03-04T09:30", "2030-03-04T10:15"),
      book_appointment: () => ({ appointments: [booked], series_id: null, skipped: [] }),
    });
    const user = userEvent.setup({ delay: null });
    const onBooked = renderDialog();
    await typeBooking(user);

    expect(await screen.findByTestId("booking-preview-summary")).toHaveTextContent("Free: Room 1.");
    await user.keyboard("{Enter}");

    await vi.waitFor(() => expect(onBooked).toHaveBeenCalledTimes(1));
    const sent = (callsTo("book_appointment")[0]?.[1] as { input: NewAppointment }).input;
    expect(sent).toMatchObject({
      patient_id: 2,
      type_id: 4,
      practitioner_id: 7,
      room_id: null,
      starts_at: "2030-03-04T09:30",
      repeat: null,
    });
  });

  it("shows the clash before booking and the core's refusal naming the clashing appointment", async () => {
    answerCommands({
      search_patients: () => THREE_PATIENTS.filter((p) => p.id === 2),
      preview_booking: () => ({
        ...freePreview("2030-03-04T09:30", "2030-03-04T10:15"),
        occurrences: [
          {
            ...freePreview("2030-03-04T09:30", "2030-03-04T10:15").occurrences[0]!,
            clashes: [{ appointment_id: 12, kind: "practitioner", message: CLASH }],
            suggestion: "2030-03-04T09:45",
          },
        ],
        bookable: false,
        summary: CLASH,
      }),
      book_appointment: () => {
        throw { code: "conflict", message: CLASH, fields: [] };
      },
    });
    const user = userEvent.setup({ delay: null });
    const onBooked = renderDialog();
    await typeBooking(user);

    const preview = await screen.findByTestId("booking-preview");
    expect(preview).toHaveAttribute("data-bookable", "false");
    expect(within(preview).getByTestId("booking-preview-summary")).toHaveTextContent("Anna Abbott");
    await user.keyboard("{Enter}");

    expect(await screen.findByTestId("booking-error")).toHaveTextContent(CLASH);
    expect(callsTo("book_appointment")).toHaveLength(1);
    expect(onBooked).not.toHaveBeenCalled();
    // Everything typed stays for the receptionist to change the time.
    expect(screen.getByTestId("booking-time")).toHaveValue("930");
  });

  it("names what is missing instead of asking the core", async () => {
    answerCommands({ search_patients: () => THREE_PATIENTS });
    const user = userEvent.setup({ delay: null });
    renderDialog();
    await vi.waitFor(() => expect(screen.getByTestId("booking-patient")).toHaveFocus());
    await user.keyboard("{Enter}");
    expect(await screen.findByTestId("booking-error")).toHaveTextContent(
      "Fill in: patient, type, practitioner, time.",
    );
    expect(callsTo("book_appointment")).toHaveLength(0);
    expect(callsTo("preview_booking")).toHaveLength(0);
  });
});
