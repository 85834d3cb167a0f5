import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import { sessionAs } from "../test/fixtures";
import { renderWithSession } from "../test/render";
import { answerCommands, callsTo, invokeMock } from "../test/tauriMock";
import { PdfPreview } from "./PdfPreview";

vi.mock("@tauri-apps/api/core", async () => ({ invoke: (await import("../test/tauriMock")).invokeMock }));

// pdf.js does not run in jsdom: a stand-in opens any bytes as a two-page PDF.
const opened: Uint8Array[] = [];
vi.mock("./pdfRender", () => ({
  openPdf: async (data: Uint8Array) => {
    opened.push(data);
    return { numPages: 2, destroy: async () => {} };
  },
  renderPage: async () => {},
}));

const DOC: DocumentInfo = {
  id: 7,
  kind: "summary",
  patient_id: 2,
  title: "Treatment summary, 2030-03-04 – 2030-04-15 (6 visits)",
  pages: 2,
  bytes: 84_000,
  created_at: "2030-04-16T09:30:00Z",
  created_by: "Dr Wen Zhao",
};

function Previewer() {
  const [doc, setDoc] = useState<DocumentInfo | null>(null);
  return (
    <>
      <button onClick={() => setDoc(DOC)}>preview</button>
      <PdfPreview doc={doc} onClose={() => setDoc(null)} />
    </>
  );
}

describe("PdfPreview", () => {
  beforeEach(() => {
    invokeMock.mockReset();
    opened.length = 0;
  });

  it("reads the PDF once per opening and draws its pages", async () => {
    const sent = new Uint8Array([37, 80, 68, 70]).buffer;
    answerCommands({ document_pdf: () => sent });
    renderWithSession(<Previewer />, sessionAs("practitioner"));
    const user = userEvent.setup({ delay: null });

    await user.click(screen.getByText("preview"));
    await waitFor(() => expect(screen.getByTestId("pdf-pages")).toHaveAttribute("data-state", "ready"));
    expect(screen.getAllByLabelText(/^Page \d of 2$/)).toHaveLength(2);
    expect(callsTo("document_pdf")).toEqual([["document_pdf", { documentId: 7 }]]);
    // pdf.js is handed a copy: the bytes it takes over are not the cache's.
    expect(Array.from(opened[0]!)).toEqual([37, 80, 68, 70]);
    expect(opened[0]!.buffer).not.toBe(sent);

    // Each opening is a read of the record (the core audits it), so closing forgets the bytes.
    await user.click(screen.getByLabelText("Close preview"));
    await user.click(screen.getByText("preview"));
    await waitFor(() => expect(callsTo("document_pdf")).toHaveLength(2));
  });

  it("says why a PDF could not be read", async () => {
    answerCommands({
      document_pdf: () => {
        throw { code: "not_found", message: "Document 7 was not found.", fields: [] };
      },
    });
    renderWithSession(<Previewer />, sessionAs("practitioner"));
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByText("preview"));
    expect(await screen.findByText("Document 7 was not found.")).toBeInTheDocument();
    expect(screen.getByTestId("pdf-pages")).toHaveAttribute("data-state", "failed");
  });
});
