import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { patient, sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { wrapperOf } from "../test/wrapperOf";
import { NewPatientModal } from "./NewPatientModal";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

function renderModal(onCreated = vi.fn(), onOpenExisting = vi.fn()) {
  renderWithSession(
    <NewPatientModal
      opened
      onClose={() => {}}
      onCreated={onCreated}
      onSessionLost={() => {}}
      onOpenExisting={onOpenExisting}
    />,
    sessionAs("receptionist"),
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
      find_duplicate_patients: () => [],
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
      find_duplicate_patients: () => [],
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
    const created = patient({ id: 7, given_name: "Mei", family_name: "Lin" });
    answerCommands({ find_duplicate_patients: () => [], create_patient: () => created });
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
        email: null,
      },
    });
    // Checked for duplicates first, with the same values.
    expect(callsTo("find_duplicate_patients")[0]?.[1]).toEqual(callsTo("create_patient")[0]?.[1]);
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

  it("warns about a possible duplicate before registering, and registers anyway on request", async () => {
    const existing = patient({
      id: 3,
      chart_number: 1003,
      given_name: "Mei",
      family_name: "Lin",
      date_of_birth: "1984-03-07",
      phone: "555-0101",
    });
    const created = patient({ id: 8, given_name: "Mei", family_name: "Lin" });
    answerCommands({ find_duplicate_patients: () => [existing], create_patient: () => created });
    const user = userEvent.setup({ delay: null });
    const onCreated = renderModal();
    await typeInto(user, "patient-given-name", "Mei");
    await typeInto(user, "patient-family-name", "Lin");
    await typeInto(user, "patient-dob", "1984-03-07");
    await typeInto(user, "patient-email", "mei@example.com");
    await user.click(screen.getByTestId("patient-save"));

    const warning = await screen.findByTestId("duplicate-warning");
    expect(warning).toHaveTextContent("Lin, Mei · chart #1003");
    expect(warning).toHaveTextContent("Born 07/03/1984");
    expect(warning).toHaveTextContent("555-0101");
    expect(within(warning).getAllByTestId("duplicate-open")).toHaveLength(1);
    expect(callsTo("create_patient")).toHaveLength(0);
    expect(onCreated).not.toHaveBeenCalled();

    await user.click(screen.getByTestId("duplicate-register-anyway"));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(callsTo("create_patient")[0]?.[1]).toEqual({
      input: {
        given_name: "Mei",
        family_name: "Lin",
        preferred_name: null,
        date_of_birth: "1984-03-07",
        phone: null,
        email: "mei@example.com",
        allow_duplicate: true,
      },
    });
  });

  it("opens the existing record from the warning instead of registering", async () => {
    const existing = patient({ id: 3, given_name: "Mei", family_name: "Lin", phone: "555-0101" });
    answerCommands({ find_duplicate_patients: () => [existing] });
    const user = userEvent.setup({ delay: null });
    const onOpenExisting = vi.fn();
    renderModal(vi.fn(), onOpenExisting);
    await typeInto(user, "patient-given-name", "May");
    await typeInto(user, "patient-family-name", "Lin");
    await typeInto(user, "patient-phone", "555-0101{Enter}");
    await user.click(await screen.findByTestId("duplicate-open"));
    expect(onOpenExisting).toHaveBeenCalledWith(existing);
    expect(callsTo("create_patient")).toHaveLength(0);
  });

  it("shows the warning when the backend refuses a duplicate with a conflict", async () => {
    const existing = patient({ id: 3, chart_number: 1003, given_name: "Mei", family_name: "Lin" });
    let checks = 0;
    answerCommands({
      find_duplicate_patients: () => (++checks === 1 ? [] : [existing]),
      create_patient: () => {
        throw { code: "conflict", message: "Chart #1003 (Mei Lin) may be the same person.", fields: [] };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderModal();
    await typeInto(user, "patient-given-name", "Mei");
    await typeInto(user, "patient-family-name", "Lin{Enter}");

    const warning = await screen.findByTestId("duplicate-warning");
    expect(warning).toHaveTextContent("Chart #1003 (Mei Lin) may be the same person.");
    expect(within(warning).getByTestId("duplicate-open")).toBeInTheDocument();
    expect(screen.queryByTestId("patient-form-error")).not.toBeInTheDocument();
  });

  it("drops the warning once the details are changed", async () => {
    answerCommands({ find_duplicate_patients: () => [patient({ id: 3 })] });
    const user = userEvent.setup({ delay: null });
    renderModal();
    await typeInto(user, "patient-given-name", "Mei");
    await typeInto(user, "patient-family-name", "Lin{Enter}");
    await screen.findByTestId("duplicate-warning");
    await typeInto(user, "patient-family-name", "g");
    expect(screen.queryByTestId("duplicate-warning")).not.toBeInTheDocument();
  });
});
