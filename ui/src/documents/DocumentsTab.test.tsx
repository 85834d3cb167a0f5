import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { DocumentsTab } from "./DocumentsTab";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

const SUMMARY: DocumentInfo = {
  id: 7,
  kind: "summary",
  patient_id: 2,
  title: "Treatment summary, 2030-03-04 – 2030-04-15 (6 visits)",
  pages: 3,
  bytes: 84_000,
  created_at: "2030-04-16T09:30:00Z",
  created_by: "Dr Wen Zhao",
};
const BILL: DocumentInfo = { ...SUMMARY, id: 8, kind: "superbill", title: "Superbill, 2030-04-15", pages: 1 };

const VISITS = [
  {
    id: 1,
    visit_date: "2030-03-04",
    practitioner_name: "Dr Wen Zhao",
    status: "signed",
    points: [],
    addenda: 0,
  },
  {
    id: 2,
    visit_date: "2030-04-15",
    practitioner_name: "Dr Wen Zhao",
    status: "signed",
    points: [],
    addenda: 0,
  },
];

describe("DocumentsTab", () => {
  beforeEach(() => {
    invokeMock.mockReset();
  });

  it("lists each document with its kind, period, maker and pages", async () => {
    answerCommands({ patient_documents: () => [SUMMARY, BILL] });
    renderWithSession(<DocumentsTab patientId={2} />, sessionAs("practitioner"));
    const [first, second, ...rest] = await screen.findAllByTestId("document-row");
    if (!first || !second) throw new Error("two rows expected");
    expect(rest).toHaveLength(0);
    expect(within(first).getByText("Treatment summary")).toBeInTheDocument();
    expect(within(first).getByText("04/03/2030 – 15/04/2030")).toBeInTheDocument();
    expect(within(first).getByText("Dr Wen Zhao")).toBeInTheDocument();
    expect(within(second).getByText("Superbill")).toBeInTheDocument();
    expect(screen.getByTestId("new-summary")).toBeInTheDocument();
  });

  it("shows the front desk only what it may print, and clinical documents as not theirs to open", async () => {
    answerCommands({ patient_documents: () => [SUMMARY, BILL] });
    renderWithSession(<DocumentsTab patientId={2} />, sessionAs("receptionist"));
    const [first, second] = await screen.findAllByTestId("document-row");
    if (!first || !second) throw new Error("two rows expected");
    expect(screen.queryByTestId("new-summary")).toBeNull();
    expect(screen.queryByTestId("new-visit-note")).toBeNull();
    expect(screen.getByTestId("new-superbill")).toBeInTheDocument();
    expect(within(first).getByText("Clinical staff only")).toBeInTheDocument();
    expect(within(second).getByTestId("document-preview")).toBeInTheDocument();
  });

  it("generates a summary for this course of care with the chosen sections, and shows a refusal", async () => {
    answerCommands({
      patient_documents: () => [],
      patient_chart: () => ({ patient_id: 2, visits: VISITS }),
      list_handouts: () => [],
      generate_treatment_summary: () => {
        throw {
          code: "permission_denied",
          message: "Your role does not allow this: printing treatment summaries and visit notes.",
          fields: [],
        };
      },
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(<DocumentsTab patientId={2} />, sessionAs("practitioner"));
    await user.click(await screen.findByTestId("new-summary"));
    expect(await screen.findByTestId("summary-period-text")).toHaveTextContent(
      "04/03/2030 – 15/04/2030 · 2 visits",
    );
    await user.click(screen.getByTestId("summary-include_pain_chart"));
    await user.click(screen.getByTestId("summary-generate"));
    expect(await screen.findByTestId("summary-error")).toHaveTextContent(
      "Your role does not allow this: printing treatment summaries",
    );
    expect(callsTo("generate_treatment_summary")[0]?.[1]).toMatchObject({
      request: {
        patient_id: 2,
        from: "2030-03-04",
        to: "2030-04-15",
        include_points: true,
        include_pain_chart: false,
      },
    });
  });

  it("appends the chosen handouts to the summary, in the order chosen", async () => {
    answerCommands({
      patient_documents: () => [],
      patient_chart: () => ({ patient_id: 2, visits: VISITS }),
      list_handouts: () => [
        HANDOUT(4, "Acupuncture for sciatica", "Sciatica"),
        HANDOUT(9, "Acupuncture for low back pain", null),
      ],
      generate_treatment_summary: () => SUMMARY,
    });
    const user = userEvent.setup({ delay: null });
    renderWithSession(<DocumentsTab patientId={2} />, sessionAs("practitioner"));
    await user.click(await screen.findByTestId("new-summary"));
    const picker = await screen.findByTestId("summary-handouts");
    await user.click(picker);
    await user.click(await screen.findByRole("option", { name: "Acupuncture for low back pain" }));
    await user.click(screen.getByRole("option", { name: "Acupuncture for sciatica (Sciatica)" }));
    await user.click(screen.getByTestId("summary-generate"));
    await vi.waitFor(() => expect(callsTo("generate_treatment_summary")).toHaveLength(1));
    expect(callsTo("generate_treatment_summary")[0]?.[1]).toMatchObject({ request: { handouts: [9, 4] } });
  });
});

function HANDOUT(id: number, title: string, condition: string | null) {
  return {
    id,
    title,
    condition,
    body: "# Home care\n- Walk daily.",
    archived: false,
    updated_at: "2030-01-01T00:00:00Z",
    updated_by: null,
  };
}
