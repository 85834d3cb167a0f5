import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditFilter } from "../bindings/AuditFilter";
import type { AuditVerification } from "../bindings/AuditVerification";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { AuditPage } from "./AuditPage";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

function entry(id: number, action: string, more: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at: "2026-03-02T09:15:00+00:00",
    at_local: "2026-03-02 09:15:00",
    user_id: 2,
    user_name: "Rita Okafor",
    username: "rita",
    action,
    entity: "patient",
    entity_id: "7",
    patient_id: 7,
    patient_chart_number: 1007,
    patient_name: "Quist, Morwenna",
    ...more,
  };
}

const ENTRIES = [
  entry(3, "read"),
  entry(2, "login_failed", {
    user_id: null,
    user_name: null,
    entity: "user",
    patient_id: null,
    patient_name: null,
  }),
  entry(1, "login", { entity: "user", entity_id: "2", patient_id: null, patient_name: null }),
];

const INTACT: AuditVerification = {
  rows_checked: 3,
  first_broken_id: null,
  problem: null,
  anchor: "matched",
  anchored_rows: 3,
  note: null,
};

function renderPage(verification: AuditVerification = INTACT) {
  answerCommands({
    list_users: () => [],
    list_audit: (args) => {
      const filter = (args as { filter: AuditFilter }).filter;
      const rows = filter.action ? ENTRIES.filter((e) => e.action === filter.action) : ENTRIES;
      return { entries: rows, has_more: false };
    },
    verify_audit: () => verification,
    export_audit: () => ({ path: "/home/clinic/Documents/AcuChart exports/audit-log.csv", rows: 3 }),
  });
  renderWithSession(<AuditPage />, sessionAs("admin"));
  return userEvent.setup({ delay: null });
}

describe("AuditPage", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("lists who did what to which record, newest first, with patient names blurrable", async () => {
    renderPage();
    const rows = await screen.findAllByTestId("audit-row");
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Opened");
    expect(rows[0]).toHaveTextContent("Rita Okafor");
    expect(within(rows[0]!).getByText("Quist, Morwenna")).toHaveClass("patient-name");
    expect(rows[1]).toHaveTextContent("Failed sign-in");
    expect(within(rows[1]!).getByTestId("audit-action")).toHaveTextContent("Failed sign-in");
  });

  it("filters by action", async () => {
    const user = renderPage();
    await screen.findAllByTestId("audit-row");
    await user.click(screen.getByTestId("audit-filter-action"));
    await user.click(await screen.findByRole("option", { name: "Failed sign-in" }));
    await vi.waitFor(() => expect(screen.getAllByTestId("audit-row")).toHaveLength(1));
    const last = callsTo("list_audit").at(-1)?.[1] as { filter: AuditFilter };
    expect(last.filter.action).toBe("login_failed");
  });

  it("verifies the chain and says plainly when it is intact", async () => {
    const user = renderPage();
    await user.click(await screen.findByTestId("audit-verify"));
    const result = await screen.findByTestId("audit-verify-result");
    expect(result).toHaveAttribute("data-intact", "true");
    expect(result).toHaveTextContent("Intact: 3 rows checked");
  });

  it("says a clinic server's log is guarded by its database, not by a copy of the head", async () => {
    const user = renderPage({ ...INTACT, anchor: "guarded", anchored_rows: null, note: null });
    await user.click(await screen.findByTestId("audit-verify"));
    const result = await screen.findByTestId("audit-verify-result");
    expect(result).toHaveAttribute("data-intact", "true");
    expect(result).toHaveTextContent("the clinic server's database refuses any change or removal");
    expect(result).not.toHaveTextContent("copy kept outside the database");
  });

  it("names the first broken row when the chain was tampered with", async () => {
    const user = renderPage({
      ...INTACT,
      rows_checked: 1,
      first_broken_id: 2,
      problem: "row 2 was changed, or inserted by hand: its hash does not match",
      anchor: "not_checked",
    });
    await user.click(await screen.findByTestId("audit-verify"));
    const result = await screen.findByTestId("audit-verify-result");
    expect(result).toHaveAttribute("data-intact", "false");
    expect(result).toHaveTextContent("tampered with at row 2");
    expect(result).toHaveTextContent("its hash does not match");
  });

  it("exports the filtered rows as CSV and says where the file is", async () => {
    const user = renderPage();
    await user.click(await screen.findByTestId("audit-export"));
    expect(await screen.findByTestId("audit-export-result")).toHaveTextContent(
      "Saved 3 rows to /home/clinic/Documents/AcuChart exports/audit-log.csv",
    );
    expect(callsTo("export_audit")).toHaveLength(1);
    // The export is itself an audited event: the list is asked again to show it.
    expect(callsTo("list_audit").length).toBeGreaterThanOrEqual(2);
  });
});
