import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportSummary } from "../bindings/ImportSummary";
import { SettingsPage } from "../settings/SettingsPage";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock, progressOf } from "../test/tauriMock";

vi.mock("@tauri-apps/api/core", async () => {
  const { ChannelMock, invokeMock } = await import("../test/tauriMock");
  return { invoke: invokeMock, Channel: ChannelMock };
});

function preview(options: ImportOptions): ImportPreview {
  const merging = (options.decisions ?? []).some((d) => d.action === "merge");
  return {
    kind: "patients",
    encoding: "UTF-8",
    bom: true,
    delimiter: "semicolon",
    has_header: true,
    columns: [
      { index: 0, header: "First Name", field: "given_name", samples: ["Juniper", "Bo"] },
      { index: 1, header: "Surname", field: "family_name", samples: ["Ashcombe", "Park"] },
      { index: 2, header: "DOB", field: "date_of_birth", samples: ["14/03/1982"] },
      { index: 3, header: "Notes", field: null, samples: ["likes tea"] },
    ],
    fields: [
      { field: "given_name", label: "Given name" },
      { field: "family_name", label: "Family name" },
      { field: "date_of_birth", label: "Date of birth" },
      { field: "email", label: "Email" },
    ],
    mapping_problems: [],
    date_order: "day_first",
    date_order_note: "Dates were read day first: line 2 has 14/03/1982.",
    ambiguous_dates: 0,
    rows: 4,
    problems: [{ line: 3, column: "DOB", message: "31/02/1980 is not a date: February has no 31st." }],
    problem_count: 1,
    problem_rows: 1,
    duplicates: [
      {
        line: 5,
        name: "Eloise Brightwater",
        date_of_birth: "21/05/1979",
        reason: "same name and date of birth",
        existing: null,
        earlier_line: 2,
        action: merging ? "merge" : "skip",
      },
    ],
    to_import: 2,
    to_merge: merging ? 1 : 0,
    to_skip: merging ? 0 : 1,
    new_types: [],
    new_rooms: [],
    notes: [],
  };
}

const SUMMARY: ImportSummary = {
  kind: "patients",
  imported: 2,
  skipped: 0,
  merged: 1,
  invalid_skipped: 1,
  skipped_lines: [3],
  new_types: [],
  new_rooms: [],
};

describe("Settings → Import and export: the import wizard", () => {
  beforeEach(() => {
    invokeMock.mockReset();
    answerCommands({
      choose_import_file: () => "old-system.csv",
      preview_import: (args) => preview((args?.options ?? {}) as ImportOptions),
      run_import: (args) => {
        progressOf(args).send({ phase: "writing", done: 1, total: 3 });
        return SUMMARY;
      },
    });
  });

  it("reads the file, shows a row's problem, and imports only once the bad rows are left out", async () => {
    renderWithSession(<SettingsPage />, sessionAs("admin"));
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId("settings-tab-data"));
    await user.click(await screen.findByTestId("import-choose-file"));

    expect(await screen.findByTestId("import-encoding")).toHaveTextContent("UTF-8 with byte-order mark");
    expect(screen.getByTestId("import-date-note")).toHaveTextContent("day first");
    expect(callsTo("preview_import")[0]?.[1]).toEqual({ kind: "patients", options: {} });

    await user.click(screen.getByTestId("import-to-check"));
    const problem = within(screen.getByTestId("import-problems")).getAllByTestId("import-problem")[0]!;
    expect(problem).toHaveTextContent("3");
    expect(problem).toHaveTextContent("DOB");
    expect(problem).toHaveTextContent("February has no 31st");
    expect(screen.getByTestId("import-run")).toBeDisabled();

    await user.click(within(screen.getByTestId("import-duplicate-action-5")).getByText("Merge"));
    expect(await screen.findByTestId("import-count-merge")).toHaveTextContent("1 to merge");
    await user.click(screen.getByTestId("import-skip-invalid"));
    expect(screen.getByTestId("import-run")).toBeEnabled();
    await user.click(screen.getByTestId("import-run"));

    expect(await screen.findByTestId("import-done-imported")).toHaveTextContent("2");
    expect(screen.getByTestId("import-done-merged")).toHaveTextContent("1");
    expect(screen.getByTestId("import-done-left-out")).toHaveTextContent("1");
    const sent = callsTo("run_import")[0]?.[1] as { options: ImportOptions };
    expect(sent.options.skip_invalid_rows).toBe(true);
    expect(sent.options.decisions).toEqual([{ line: 5, action: "merge" }]);
  });

  it("sends a changed column mapping with the next dry run", async () => {
    renderWithSession(<SettingsPage />, sessionAs("admin"));
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByTestId("settings-tab-data"));
    await user.click(await screen.findByTestId("import-choose-file"));
    await user.click(await screen.findByTestId("import-field-3"));
    await user.click(await screen.findByRole("option", { name: "Email" }));
    const last = callsTo("preview_import").at(-1)?.[1] as { options: ImportOptions };
    expect(last.options.columns).toEqual([{ column: "#4", field: "email" }]);
  });

  it("is not offered to a receptionist", async () => {
    renderWithSession(<SettingsPage />, sessionAs("receptionist"));
    expect(screen.queryByTestId("settings-tab-data")).toBeNull();
  });
});
