import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import type { AppStatus } from "./bindings/AppStatus";
import type { Session } from "./bindings/Session";
import { renderWithProviders } from "./test/render";
import { answerCommands, callsTo, invokeMock } from "./test/tauriMock";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("./test/tauriMock")).invokeMock }));

function status(state: AppStatus["state"]): AppStatus {
  return {
    state,
    clinic_name: state === "ready" ? "Riverside Acupuncture" : null,
    default_time_zone: "Europe/London",
    database_path: "/home/mei/.local/share/acuchart/clinic.db",
    error: null,
  };
}

const SESSION: Session = {
  user: { user_id: 1, username: "mei", display_name: "Mei Lin", roles: ["admin", "practitioner"] },
  clinic: {
    name: "Riverside Acupuncture",
    time_zone: "Europe/London",
    date_format: "dmy",
    idle_lock_seconds: 300,
  },
  permissions: ["read_patient", "search_patients", "create_patient"],
};

describe("App", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("shows a full-page error with the backend's message when the database cannot be opened", async () => {
    answerCommands({
      app_status: () => {
        throw {
          code: "keyring_unavailable",
          message: "The system keyring could not be used: no D-Bus",
          fields: [],
        };
      },
    });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("boot-error")).toHaveTextContent("no D-Bus");
    expect(screen.getByText("Error code: keyring_unavailable")).toBeInTheDocument();
  });

  it("tries again from the error screen and goes on to sign-in once the database opens", async () => {
    let keyringUp = false;
    answerCommands({
      app_status: () => {
        if (keyringUp) return status("ready");
        throw { code: "keyring_unavailable", message: "no D-Bus", fields: [] };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("boot-error")).toHaveTextContent("no D-Bus");

    keyringUp = true;
    await user.click(screen.getByRole("button", { name: "Try again" }));
    expect(await screen.findByText("Riverside Acupuncture")).toBeInTheDocument();
    expect(screen.queryByTestId("boot-error")).not.toBeInTheDocument();
    expect(callsTo("app_status")).toHaveLength(2);
  });

  it("shows the error and the database path when the status says the database is unavailable", async () => {
    answerCommands({
      app_status: () => ({
        ...status("unavailable"),
        error: {
          code: "wrong_key",
          message: "The database could not be opened with this key.",
          fields: [],
        },
      }),
    });
    renderWithProviders(<App />);
    const card = await screen.findByTestId("boot-error");
    expect(card).toHaveTextContent("could not be opened with this key");
    expect(screen.getByText("/home/mei/.local/share/acuchart/clinic.db")).toBeInTheDocument();
  });

  it("puts the test ids of the setup form on the real inputs", async () => {
    answerCommands({ app_status: () => status("needs_setup"), time_zones: () => ["Europe/London", "UTC"] });
    renderWithProviders(<App />);
    expect(await screen.findByTestId("setup-clinic-name")).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByTestId("setup-time-zone")).toBeInstanceOf(HTMLInputElement);
    expect(screen.getByTestId("setup-time-zone")).toHaveValue("Europe/London");
    expect(screen.getByTestId("setup-date-format")).toHaveValue("DD/MM/YYYY");
    expect(screen.getByTestId("setup-next")).toBeInstanceOf(HTMLButtonElement);
  });

  it("unlocks with the recovery key, then asks to sign in", async () => {
    let unlocked = false;
    answerCommands({
      app_status: () => status(unlocked ? "ready" : "needs_recovery_key"),
      unlock_with_recovery_key: () => {
        unlocked = true;
        return null;
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<App />);
    await user.type(await screen.findByTestId("recovery-input"), "7k3q m0zd");
    await user.click(screen.getByTestId("recovery-submit"));

    expect(await screen.findByTestId("login-username")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Riverside Acupuncture" })).toBeInTheDocument();
    expect(callsTo("unlock_with_recovery_key")[0]?.[1]).toEqual({ recoveryKey: "7k3q m0zd" });
  });

  it("shows wrong credentials in the form and signs in on the next try", async () => {
    answerCommands({
      app_status: () => status("ready"),
      login: (args) => {
        if ((args as { password: string }).password !== "correct horse") {
          throw {
            code: "invalid_credentials",
            message: "The user name or password is not correct.",
            fields: [],
          };
        }
        return SESSION;
      },
      search_patients: () => [],
    });
    const user = userEvent.setup({ delay: null });
    renderWithProviders(<App />);
    await user.type(await screen.findByTestId("login-username"), "mei");
    await user.type(screen.getByTestId("login-password"), "wrong{Enter}");
    expect(await screen.findByTestId("login-error")).toHaveTextContent("not correct");
    expect(screen.getByTestId("login-username")).toHaveValue("mei");

    await user.type(screen.getByTestId("login-password"), "correct horse{Enter}");
    expect(await screen.findByTestId("current-user")).toHaveTextContent("Mei Lin");
    expect(screen.getByText("Practitioner")).toBeInTheDocument();

    await user.click(screen.getByTestId("logout"));
    expect(await screen.findByTestId("login-username")).toBeInTheDocument();
    expect(callsTo("logout")).toHaveLength(1);
  });
});
