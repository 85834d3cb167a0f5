import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Handout } from "../bindings/Handout";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { handoutBlocks } from "./api";
import { HandoutsPage } from "./HandoutsPage";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const SCIATICA: Handout = {
  id: 1,
  title: "Acupuncture for sciatica",
  condition: "Sciatica",
  body: "# What sciatica is\nPain down the leg.\n\n# Home care\n- Keep moving.",
  archived: false,
  updated_at: "2030-01-01T09:00:00Z",
  updated_by: null,
};

describe("handoutBlocks", () => {
  it("reads headings, joined paragraph lines and bullets as the core prints them", () => {
    expect(handoutBlocks("# Title\nline one\nline two\n\n- a\n• b")).toEqual([
      { kind: "heading", text: "Title" },
      { kind: "paragraph", text: "line one line two" },
      { kind: "bullet", text: "a" },
      { kind: "bullet", text: "b" },
    ]);
  });
});

describe("HandoutsPage", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("lists handouts with their sections and saves a new one, showing a refused title by its field", async () => {
    let saves = 0;
    answerCommands({
      list_handouts: () => [SCIATICA],
      save_handout: (args) => {
        saves += 1;
        if (saves === 1)
          throw {
            code: "invalid_input",
            message: "Check the form.",
            fields: [
              { field: "title", message: "There is already a handout called “Acupuncture for sciatica”." },
            ],
          };
        return { ...SCIATICA, id: 2, ...(args?.handout as object) };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(<HandoutsPage />, sessionAs("practitioner"));
    const row = await screen.findByTestId("handout-row-1");
    expect(within(row).getByText("What sciatica is · Home care")).toBeInTheDocument();
    expect(within(row).getByText(/starter text/)).toBeInTheDocument();

    await user.click(screen.getByTestId("handout-new"));
    const title = screen.getByTestId("handout-title");
    await user.type(title, "Acupuncture for sciatica");
    const body = screen.getByTestId("handout-body");
    await user.clear(body);
    await user.type(body, "# Home care{enter}- Walk daily.");
    expect(within(screen.getByTestId("handout-preview")).getByText("Walk daily.")).toBeInTheDocument();
    await user.click(screen.getByTestId("handout-save"));
    expect(await screen.findByText(/already a handout called/)).toBeInTheDocument();

    await user.clear(title);
    await user.type(title, "Acupuncture for neck pain");
    await user.click(screen.getByTestId("handout-save"));
    await vi.waitFor(() => expect(screen.queryByTestId("handout-editor")).toBeNull());
    expect(callsTo("save_handout")[1]?.[1]).toMatchObject({
      handout: {
        id: null,
        title: "Acupuncture for neck pain",
        body: "# Home care\n- Walk daily.",
        archived: false,
      },
    });
  });

  it("archives a handout, and shows the front desk's refusal without edit buttons for readers", async () => {
    answerCommands({
      list_handouts: () => [SCIATICA],
      save_handout: (args) => args?.handout,
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(<HandoutsPage />, sessionAs("practitioner"));
    await user.click(await screen.findByTestId("handout-archive-1"));
    await vi.waitFor(() => expect(callsTo("save_handout")).toHaveLength(1));
    expect(callsTo("save_handout")[0]?.[1]).toMatchObject({ handout: { id: 1, archived: true } });
  });
});
