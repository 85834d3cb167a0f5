import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "../../test/render";
import { answerCommands, callsTo, invokeMock } from "../../test/tauriMock";
import { wrapperOf } from "../../test/wrapperOf";
import { SetupScreen } from "./SetupScreen";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../../test/tauriMock")).invokeMock }));

const KEY = "7K3Q-M0ZD-AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-JJJJ-KKKK-MMMM-NNNN";

async function fillClinicStep(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByTestId("setup-clinic-name"), "Riverside Acupuncture");
  await user.click(screen.getByTestId("setup-next"));
  await screen.findByTestId("setup-admin-password");
}

async function fillAdmin(user: ReturnType<typeof userEvent.setup>, password: string, confirm: string) {
  await user.type(screen.getByTestId("setup-admin-name"), "Mei Lin");
  await user.type(screen.getByTestId("setup-admin-username"), "mei");
  await user.type(screen.getByTestId("setup-admin-password"), password);
  await user.type(screen.getByTestId("setup-admin-password-confirm"), confirm);
}

describe("SetupScreen", () => {
  beforeEach(() => {
    invokeMock.mockReset();
    answerCommands({
      time_zones: () => ["America/Toronto", "Europe/London", "UTC"],
      complete_setup: () => ({ recovery_key: KEY }),
    });
  });

  it("refuses a short password without calling the backend", async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<SetupScreen defaultTimeZone="Europe/London" onFinished={() => {}} />);
    await fillClinicStep(user);
    await fillAdmin(user, "short", "short");
    await user.click(screen.getByTestId("setup-submit"));

    const password = screen.getByTestId("setup-admin-password");
    expect(within(wrapperOf(password)).getByText("Use at least 10 characters.")).toBeInTheDocument();
    expect(callsTo("complete_setup")).toHaveLength(0);
  });

  it("refuses a confirmation that does not match", async () => {
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<SetupScreen defaultTimeZone="Europe/London" onFinished={() => {}} />);
    await fillClinicStep(user);
    await fillAdmin(user, "long enough password", "long enough passwort");
    await user.click(screen.getByTestId("setup-submit"));

    const confirm = screen.getByTestId("setup-admin-password-confirm");
    expect(within(wrapperOf(confirm)).getByText("The two passwords do not match.")).toBeInTheDocument();
    expect(callsTo("complete_setup")).toHaveLength(0);
  });

  it("creates the clinic, shows the recovery key once and requires confirming it was stored", async () => {
    const user = userEvent.setup({ delay: null });
    const onFinished = vi.fn();
    renderWithProviders(<SetupScreen defaultTimeZone="Europe/London" onFinished={onFinished} />);
    await fillClinicStep(user);
    await fillAdmin(user, "long enough password", "long enough password");
    await user.click(screen.getByTestId("setup-admin-practitioner"));
    await user.click(screen.getByTestId("setup-submit"));

    expect(await screen.findByTestId("recovery-key")).toHaveTextContent(KEY, { normalizeWhitespace: false });
    expect(callsTo("complete_setup")[0]?.[1]).toEqual({
      input: {
        clinic_name: "Riverside Acupuncture",
        time_zone: "Europe/London",
        date_format: "dmy",
        admin_display_name: "Mei Lin",
        admin_username: "mei",
        admin_password: "long enough password",
        admin_is_practitioner: true,
      },
    });
    const proceed = screen.getByTestId("recovery-key-continue");
    expect(proceed).toBeDisabled();
    await user.click(screen.getByTestId("recovery-key-stored"));
    expect(proceed).toBeEnabled();
    await user.click(proceed);
    expect(onFinished).toHaveBeenCalledOnce();
  });

  it("puts a server error for the clinic name back on the first step, next to that field", async () => {
    answerCommands({
      time_zones: () => ["Europe/London"],
      complete_setup: () => {
        throw {
          code: "invalid_input",
          message: "Enter the clinic's name as it should appear on documents.",
          fields: [
            { field: "clinic_name", message: "Enter the clinic's name as it should appear on documents." },
          ],
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<SetupScreen defaultTimeZone="Europe/London" onFinished={() => {}} />);
    await fillClinicStep(user);
    await fillAdmin(user, "long enough password", "long enough password");
    await user.click(screen.getByTestId("setup-submit"));

    const clinicName = await screen.findByTestId("setup-clinic-name");
    await waitFor(() =>
      expect(
        within(wrapperOf(clinicName)).getByText(/clinic's name as it should appear/),
      ).toBeInTheDocument(),
    );
    expect(clinicName).toHaveValue("Riverside Acupuncture");
    expect(screen.queryByTestId("setup-error")).not.toBeInTheDocument();
  });
});
