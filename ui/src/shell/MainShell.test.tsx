import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Role } from "../bindings/Role";
import type { UserSummary } from "../bindings/UserSummary";
import { THREE_PATIENTS, sessionAs } from "../test/fixtures";
import { renderWithProviders } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { MainShell } from "./MainShell";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const STAFF: UserSummary[] = [
  {
    id: 1,
    username: "mei",
    display_name: "Mei Lin",
    roles: ["admin", "practitioner"],
    disabled_at: null,
    wait_until: null,
  },
  {
    id: 2,
    username: "rita",
    display_name: "Rita Okafor",
    roles: ["receptionist"],
    disabled_at: null,
    wait_until: null,
  },
];

function renderShell(roles: Role[], more: Parameters<typeof answerCommands>[0] = {}) {
  answerCommands({ search_patients: () => THREE_PATIENTS, list_users: () => STAFF, ...more });
  renderWithProviders(
    <MainShell session={sessionAs(...roles)} onSignOut={() => {}} onSessionLost={() => {}} />,
  );
}

describe("MainShell navigation", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it.each([["receptionist"], ["practitioner"]] as const)("has no Staff entry for a %s", async (role) => {
    renderShell([role]);
    await screen.findAllByTestId("patient-row");
    expect(screen.getByTestId("nav-patients")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-staff")).not.toBeInTheDocument();
    expect(callsTo("list_users")).toHaveLength(0);
  });

  it("lists Staff after Patients for an admin, and Ctrl+K goes back to the patient search", async () => {
    renderShell(["admin"]);
    await screen.findAllByTestId("patient-row");
    const links = screen.getAllByRole("button", { name: /^(Patients|Staff)$/ });
    expect(links.map((l) => l.dataset.testid)).toEqual(["nav-patients", "nav-staff"]);
    expect(screen.getByTestId("nav-patients")).toHaveAttribute("aria-current", "page");

    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId("nav-staff"));
    expect(await screen.findAllByTestId("staff-row")).toHaveLength(2);
    expect(screen.getByTestId("staff-page")).toHaveTextContent("Rita Okafor");
    expect(screen.getByTestId("nav-staff")).toHaveAttribute("aria-current", "page");
    expect(screen.queryByTestId("patient-search")).not.toBeInTheDocument();

    await user.keyboard("{Control>}k{/Control}");
    const search = await screen.findByTestId("patient-search");
    expect(search).toHaveFocus();
    expect(screen.queryByTestId("staff-page")).not.toBeInTheDocument();
    expect(await screen.findAllByTestId("patient-row")).toHaveLength(3);
  });

  it("opens a patient, visits Staff, and comes back to the list from the Patients entry", async () => {
    renderShell(["admin", "practitioner"], {
      get_patient: () => {
        throw { code: "not_found", message: "No such patient.", fields: [] };
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click((await screen.findAllByTestId("patient-row"))[0]!);
    expect(await screen.findByTestId("patient-profile")).toBeInTheDocument();

    await user.click(screen.getByTestId("nav-staff"));
    await screen.findAllByTestId("staff-row");
    await user.click(screen.getByTestId("nav-patients"));
    expect(await screen.findByTestId("patient-search")).toHaveFocus();
    expect(screen.queryByTestId("patient-profile")).not.toBeInTheDocument();
  });
});
