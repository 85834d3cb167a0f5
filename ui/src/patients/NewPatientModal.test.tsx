import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { wrapperOf } from "../test/wrapperOf";
import { NewPatientModal } from "./NewPatientModal";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

function renderModal(onCreated = vi.fn()) {
  renderWithProviders(
    <NewPatientModal opened onClose={() => {}} onCreated={onCreated} onSessionLost={() => {}} />,
  );
  return onCreated;
}

async function typeInto(user: ReturnType<typeof userEvent.setup>, testId: string, text: string) {
  await user.type(screen.getByTestId(testId), text);
}

describe("NewPatientModal", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("shows server field errors next to their fields and keeps everything typed", async () => {
    answerCommands({
      create_patient: () => {
        throw {
          code: "invalid_input",
          message: "2 fields need attention: Date of birth is in the future. Phone number has no digits.",
          fields: [
            { field: "date_of_birth", message: "Date of birth is in the future." },
            { field: "phone", message: "Phone number has no digits." },
          ],
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    const onCreated = renderModal();
    await typeInto(user, "patient-given-name", "Mei");
    await typeInto(user, "patient-family-name", "Lin");
    await typeInto(user, "patient-preferred-name", "May");
    await typeInto(user, "patient-dob", "2999-01-01");
    await typeInto(user, "patient-phone", "call me");
    await user.click(screen.getByTestId("patient-save"));

    const dob = screen.getByTestId("patient-dob");
    const phone = screen.getByTestId("patient-phone");
    expect(await within(wrapperOf(dob)).findByText("Date of birth is in the future.")).toBeInTheDocument();
    expect(within(wrapperOf(phone)).getByText("Phone number has no digits.")).toBeInTheDocument();
    // Each message sits with its own field only.
    expect(within(wrapperOf(dob)).queryByText("Phone number has no digits.")).not.toBeInTheDocument();
    expect(dob).toHaveAttribute("aria-invalid", "true");
    // All covered by fields, so no duplicate summary alert.
    expect(screen.queryByTestId("patient-form-error")).not.toBeInTheDocument();

    expect(screen.getByTestId("patient-given-name")).toHaveValue("Mei");
    expect(screen.getByTestId("patient-family-name")).toHaveValue("Lin");
    expect(screen.getByTestId("patient-preferred-name")).toHaveValue("May");
    expect(dob).toHaveValue("2999-01-01");
    expect(phone).toHaveValue("call me");
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("shows an error without a field in the form's alert", async () => {
    answerCommands({
      create_patient: () => {
        throw {
          code: "permission_denied",
          message: "Your role does not allow this: register patients.",
          fields: [],
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderModal();
    await typeInto(user, "patient-given-name", "Mei");
    await typeInto(user, "patient-family-name", "Lin");
    await user.click(screen.getByTestId("patient-save"));

    expect(await screen.findByTestId("patient-form-error")).toHaveTextContent(
      "Your role does not allow this",
    );
    expect(screen.getByTestId("patient-given-name")).toHaveValue("Mei");
  });

  it("sends trimmed values, null for empty optional fields, and submits on Enter", async () => {
    const created = {
      id: 7,
      chart_number: 1007,
      given_name: "Mei",
      family_name: "Lin",
      preferred_name: null,
      date_of_birth: null,
      phone: null,
      archived: false,
    };
    answerCommands({ create_patient: () => created });
    const user = userEvent.setup({ delay: null });
    const onCreated = renderModal();
    await typeInto(user, "patient-given-name", "  Mei ");
    await typeInto(user, "patient-family-name", "Lin{Enter}");

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(callsTo("create_patient")[0]?.[1]).toEqual({
      input: {
        given_name: "Mei",
        family_name: "Lin",
        preferred_name: null,
        date_of_birth: null,
        phone: null,
      },
    });
  });

  it("checks required names and the date shape before calling the backend", async () => {
    const user = userEvent.setup({ delay: null });
    renderModal();
    await typeInto(user, "patient-dob", "07/03/1984");
    await user.click(screen.getByTestId("patient-save"));

    expect(
      within(wrapperOf(screen.getByTestId("patient-family-name"))).getByText(
        "Enter the patient's family name.",
      ),
    ).toBeInTheDocument();
    expect(
      within(wrapperOf(screen.getByTestId("patient-dob"))).getByText(/year-month-day, e\.g\. 1984-03-07/),
    ).toBeInTheDocument();
    expect(invokeMock).not.toHaveBeenCalled();
  });
});
