import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { NewUser } from "../bindings/NewUser";
import type { UserSummary } from "../bindings/UserSummary";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { wrapperOf } from "../test/wrapperOf";
import { StaffPage } from "./StaffPage";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const MEI: UserSummary = {
  id: 1,
  username: "mei",
  display_name: "Mei Lin",
  roles: ["admin", "practitioner"],
  disabled_at: null,
  wait_until: null,
};
const RITA: UserSummary = {
  id: 2,
  username: "rita",
  display_name: "Rita Okafor",
  roles: ["receptionist"],
  disabled_at: null,
  wait_until: null,
};

type User = ReturnType<typeof userEvent.setup>;

async function openForm(user: User) {
  await user.click(await screen.findByTestId("staff-add"));
  return screen.findByTestId("staff-name");
}

async function fillForm(user: User, password = "tea and biscuits", confirm = password) {
  await user.type(screen.getByTestId("staff-name"), "Rita Okafor");
  await user.type(screen.getByTestId("staff-username"), "rita");
  await user.type(screen.getByTestId("staff-password"), password);
  await user.type(screen.getByTestId("staff-password-confirm"), confirm);
}

function renderPage() {
  renderWithSession(<StaffPage />, sessionAs("admin"));
  return userEvent.setup({ delay: null });
}

describe("StaffPage", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("lists the staff with a count and their role badges", async () => {
    answerCommands({ list_users: () => [MEI, RITA] });
    renderPage();
    const rows = await screen.findAllByTestId("staff-row");
    expect(rows).toHaveLength(2);
    expect(screen.getByTestId("staff-table")).toBeInstanceOf(HTMLTableSectionElement);
    expect(screen.getByTestId("staff-count")).toHaveTextContent("2");
    expect(rows[0]).toHaveTextContent("Mei Lin");
    expect(rows[0]).toHaveTextContent("mei");
    expect(
      within(rows[0]!)
        .getAllByTestId("staff-role")
        .map((b) => b.textContent),
    ).toEqual(["Admin", "Practitioner"]);
    expect(within(rows[1]!).getByTestId("staff-role")).toHaveTextContent("Reception");
  });

  it("puts the form's test ids on the real inputs and buttons", async () => {
    answerCommands({ list_users: () => [MEI] });
    const user = renderPage();
    expect(await screen.findByTestId("staff-add")).toBeInstanceOf(HTMLButtonElement);
    expect(await openForm(user)).toBeInstanceOf(HTMLInputElement);
    for (const id of ["username", "password", "password-confirm"]) {
      expect(screen.getByTestId(`staff-${id}`)).toBeInstanceOf(HTMLInputElement);
    }
    for (const role of ["admin", "practitioner", "receptionist"]) {
      expect(screen.getByTestId(`staff-role-${role}`)).toHaveAttribute("type", "checkbox");
    }
    expect(screen.getByTestId("staff-save")).toHaveAttribute("type", "submit");
    expect(screen.getByTestId("staff-name")).toHaveFocus();
  });

  it("refuses mismatched or short passwords without asking the backend", async () => {
    answerCommands({ list_users: () => [MEI] });
    const user = renderPage();
    await openForm(user);
    await fillForm(user, "tea and biscuits", "tea and biscuit");
    await user.click(screen.getByTestId("staff-role-receptionist"));
    await user.click(screen.getByTestId("staff-save"));

    expect(wrapperOf(screen.getByTestId("staff-password-confirm"))).toHaveTextContent(
      "The two passwords do not match.",
    );
    await user.clear(screen.getByTestId("staff-password"));
    await user.type(screen.getByTestId("staff-password"), "short{Enter}");
    expect(wrapperOf(screen.getByTestId("staff-password"))).toHaveTextContent("at least 10 characters");
    expect(callsTo("create_user")).toHaveLength(0);
  });

  it("shows a server error on the user name next to that field and keeps what was typed", async () => {
    answerCommands({
      list_users: () => [MEI, RITA],
      create_user: () => {
        throw {
          code: "invalid_input",
          message: '1 field needs attention: The user name "rita" is already in use.',
          fields: [{ field: "username", message: 'The user name "rita" is already in use.' }],
        };
      },
    });
    const user = renderPage();
    await openForm(user);
    await fillForm(user);
    await user.click(screen.getByTestId("staff-role-practitioner"));
    await user.click(screen.getByTestId("staff-save"));

    const username = screen.getByTestId("staff-username");
    expect(
      await within(wrapperOf(username)).findByText('The user name "rita" is already in use.'),
    ).toBeVisible();
    expect(username).toHaveAttribute("aria-invalid", "true");
    expect(username).toHaveValue("rita");
    expect(screen.getByTestId("staff-name")).toHaveValue("Rita Okafor");
    expect(screen.getByTestId("staff-password")).toHaveValue("tea and biscuits");
    expect(screen.getByTestId("staff-role-practitioner")).toBeChecked();
    expect(wrapperOf(screen.getByTestId("staff-name"))).not.toHaveTextContent("already in use");
    expect(screen.queryByTestId("staff-form-error")).not.toBeInTheDocument();
  });

  it("shows a roles error under the checkboxes and other problems in the form's alert", async () => {
    answerCommands({
      list_users: () => [MEI],
      create_user: () => {
        throw {
          code: "invalid_input",
          message: "2 fields need attention",
          fields: [
            { field: "roles", message: "Give the user at least one role." },
            { field: "clinic", message: "The clinic is read-only." },
          ],
        };
      },
    });
    const user = renderPage();
    await openForm(user);
    await fillForm(user);
    await user.click(screen.getByTestId("staff-role-admin"));
    await user.click(screen.getByTestId("staff-save"));

    expect(await screen.findByTestId("staff-form-error")).toHaveTextContent("The clinic is read-only.");
    // The checkbox group's wrapper: its label, the boxes and its error.
    const group = wrapperOf(screen.getByTestId("staff-role-admin"));
    expect(group).toHaveTextContent(/^Roles/);
    expect(within(group).getByText("Give the user at least one role.")).toBeVisible();
    expect(screen.getByTestId("staff-form-error")).not.toHaveTextContent("at least one role");
  });

  it("sends the chosen roles, announces the new member and refreshes the list", async () => {
    let staff = [MEI];
    const rita: UserSummary = { ...RITA, id: 7, roles: ["practitioner", "receptionist"] };
    answerCommands({
      list_users: () => staff,
      create_user: () => {
        staff = [MEI, rita];
        return rita;
      },
    });
    const user = renderPage();
    expect(await screen.findAllByTestId("staff-row")).toHaveLength(1);
    await openForm(user);
    await fillForm(user);
    await user.click(screen.getByTestId("staff-role-receptionist"));
    await user.click(screen.getByTestId("staff-role-admin"));
    await user.click(screen.getByTestId("staff-role-practitioner"));
    await user.click(screen.getByTestId("staff-role-admin"));
    // Enter on a checkbox completes the dialog like Enter in a text field.
    await user.keyboard("{Enter}");

    expect(await screen.findByText("Added Rita Okafor")).toBeInTheDocument();
    const sent = (callsTo("create_user")[0]?.[1] as { input: NewUser }).input;
    expect(sent).toEqual({
      display_name: "Rita Okafor",
      username: "rita",
      password: "tea and biscuits",
      roles: expect.arrayContaining(["practitioner", "receptionist"]) as unknown,
    });
    expect(sent.roles).toHaveLength(2);
    await vi.waitFor(() => expect(screen.getAllByTestId("staff-row")).toHaveLength(2));
    expect(callsTo("list_users")).toHaveLength(2);
    expect(screen.getByTestId("staff-count")).toHaveTextContent("2");
    expect(screen.queryByTestId("staff-save")).not.toBeInTheDocument();
  });

  it("closes with Escape, forgetting the passwords but not the name", async () => {
    answerCommands({ list_users: () => [MEI] });
    const user = renderPage();
    await openForm(user);
    await fillForm(user);
    await user.keyboard("{Escape}");
    await vi.waitFor(() => expect(screen.queryByTestId("staff-name")).not.toBeInTheDocument());

    expect(await openForm(user)).toHaveValue("Rita Okafor");
    expect(screen.getByTestId("staff-password")).toHaveValue("");
    expect(callsTo("create_user")).toHaveLength(0);
  });
});

describe("StaffPage account actions", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("disables an account after confirming, and shows it as disabled", async () => {
    let staff = [MEI, RITA];
    answerCommands({
      list_users: () => staff,
      set_user_disabled: (args) => {
        const { id, disabled } = args as { id: number; disabled: boolean };
        staff = staff.map((u) =>
          u.id === id ? { ...u, disabled_at: disabled ? "2026-03-02T09:00:00Z" : null } : u,
        );
        return staff.find((u) => u.id === id);
      },
    });
    const user = renderPage();
    const rows = await screen.findAllByTestId("staff-row");
    expect(within(rows[1]!).getByTestId("staff-status")).toHaveAttribute("data-status", "active");
    await user.click(within(rows[1]!).getByTestId("staff-actions"));
    await user.click(await screen.findByTestId("staff-disable"));
    expect(await screen.findByText(/their notes keep their name/)).toBeVisible();
    await user.click(screen.getByTestId("staff-dialog-confirm"));

    await vi.waitFor(() =>
      expect(within(screen.getAllByTestId("staff-row")[1]!).getByTestId("staff-status")).toHaveAttribute(
        "data-status",
        "disabled",
      ),
    );
    expect(callsTo("set_user_disabled")[0]?.[1]).toEqual({ id: 2, disabled: true });
    expect(await screen.findByText("Rita Okafor can no longer sign in.")).toBeInTheDocument();
  });

  it("offers no disable or reset for the admin's own account", async () => {
    answerCommands({ list_users: () => [MEI, RITA] });
    const user = renderPage();
    const rows = await screen.findAllByTestId("staff-row");
    await user.click(within(rows[0]!).getByTestId("staff-actions"));
    expect(await screen.findByTestId("staff-edit-roles")).toBeInTheDocument();
    expect(screen.queryByTestId("staff-disable")).not.toBeInTheDocument();
    expect(screen.queryByTestId("staff-reset-password")).not.toBeInTheDocument();
  });

  it("resets a password, refusing a short one before asking the backend", async () => {
    answerCommands({ list_users: () => [MEI, RITA], reset_user_password: () => null });
    const user = renderPage();
    const rows = await screen.findAllByTestId("staff-row");
    await user.click(within(rows[1]!).getByTestId("staff-actions"));
    await user.click(await screen.findByTestId("staff-reset-password"));
    await user.type(await screen.findByTestId("staff-new-password"), "short{Enter}");
    expect(await screen.findByText("Use at least 10 characters.")).toBeVisible();
    expect(callsTo("reset_user_password")).toHaveLength(0);
    await user.type(screen.getByTestId("staff-new-password"), " but longer now{Enter}");
    await vi.waitFor(() => expect(callsTo("reset_user_password")).toHaveLength(1));
    expect(callsTo("reset_user_password")[0]?.[1]).toEqual({ id: 2, password: "short but longer now" });
  });
});
