// Documents calls to the core: generating each kind, the patient's list, the PDF bytes for the
// preview, Save as… (to the path the native dialog returned) and the system viewer.
import { save } from "@tauri-apps/plugin-dialog";
import { commands } from "../client/commands";
import type { DocumentId } from "../bindings/DocumentId";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { NoteId } from "../bindings/NoteId";
import type { PatientId } from "../bindings/PatientId";
import type { SummaryRequest } from "../bindings/SummaryRequest";
import type { SuperbillRequest } from "../bindings/SuperbillRequest";

export const documentsApi = {
  generateTreatmentSummary: (request: SummaryRequest) => commands.generateTreatmentSummary({ request }),
  generateVisitNotePdf: (noteId: NoteId) => commands.generateVisitNotePdf({ noteId }),
  generateSuperbill: (request: SuperbillRequest) => commands.generateSuperbill({ request }),
  generateDaySheet: (date: string) => commands.generateDaySheet({ date }),
  patientDocuments: (patientId: PatientId) => commands.patientDocuments({ patientId }),
  /** The PDF's bytes (a raw IPC response: an ArrayBuffer). */
  documentPdf: async (documentId: DocumentId) => new Uint8Array(await commands.documentPdf({ documentId })),
  saveDocumentPdf: (documentId: DocumentId, path: string) => commands.saveDocumentPdf({ documentId, path }),
  openDocument: (documentId: DocumentId) => commands.openDocument({ documentId }),
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
