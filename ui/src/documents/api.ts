// Documents calls to the core: generating each kind, the patient's list, the PDF bytes for the
// preview, Save as… (to the path the native dialog returned) and the system viewer.
import { save } from "@tauri-apps/plugin-dialog";
import { call } from "../api";
import type { DocumentId } from "../bindings/DocumentId";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { NoteId } from "../bindings/NoteId";
import type { PatientId } from "../bindings/PatientId";
import type { SummaryRequest } from "../bindings/SummaryRequest";
import type { SuperbillRequest } from "../bindings/SuperbillRequest";

export const documentsApi = {
  generateTreatmentSummary: (request: SummaryRequest) =>
    call<DocumentInfo>("generate_treatment_summary", { request }),
  generateVisitNotePdf: (noteId: NoteId) => call<DocumentInfo>("generate_visit_note_pdf", { noteId }),
  generateSuperbill: (request: SuperbillRequest) => call<DocumentInfo>("generate_superbill", { request }),
  generateDaySheet: (date: string) => call<DocumentInfo>("generate_day_sheet", { date }),
  patientDocuments: (patientId: PatientId) => call<DocumentInfo[]>("patient_documents", { patientId }),
  /** The PDF's bytes (a raw IPC response: an ArrayBuffer). */
  documentPdf: async (documentId: DocumentId) =>
    new Uint8Array(await call<ArrayBuffer>("document_pdf", { documentId })),
  saveDocumentPdf: (documentId: DocumentId, path: string) =>
    call<DocumentInfo>("save_document_pdf", { documentId, path }),
  openDocument: (documentId: DocumentId) => call<DocumentInfo>("open_document", { documentId }),
};

const KIND_SLUG: Record<DocumentInfo["kind"], string> = {
  summary: "treatment-summary",
  visit_note: "visit-note",
  superbill: "superbill",
  day_sheet: "day-sheet",
};

/** A file name to offer in the save dialog: the kind and the dates in the title. */
export function suggestedFileName(doc: DocumentInfo): string {
  const dates = doc.title.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  return [KIND_SLUG[doc.kind], ...dates].join("_") + ".pdf";
}

/**
 * Save as…: the native dialog, then the core writes the PDF there. Resolves to the chosen path,
 * or null when the dialog was cancelled.
 */
export async function saveDocumentAs(doc: DocumentInfo): Promise<string | null> {
  const path = await save({
    title: "Save PDF",
    defaultPath: suggestedFileName(doc),
    filters: [{ name: "PDF document", extensions: ["pdf"] }],
  });
  if (!path) return null;
  const withExtension = /\.pdf$/i.test(path) ? path : `${path}.pdf`;
  await documentsApi.saveDocumentPdf(doc.id, withExtension);
  return withExtension;
}

export const KIND_LABEL: Record<DocumentInfo["kind"], string> = {
  summary: "Treatment summary",
  visit_note: "Visit note",
  superbill: "Superbill",
  day_sheet: "Day sheet",
};

export const KIND_COLOR: Record<DocumentInfo["kind"], string> = {
  summary: "teal",
  visit_note: "blue",
  superbill: "grape",
  day_sheet: "gray",
};
