// Settings → Data: the CSV import wizard and the CSV / FHIR exports (admins).
import { call } from "../api";
import type { DataProgress } from "../bindings/DataProgress";
import type { ExportSummary } from "../bindings/ExportSummary";
import type { ImportKind } from "../bindings/ImportKind";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportSummary } from "../bindings/ImportSummary";

export const dataApi = {
  /** Opens the native file dialog; the chosen file's name, or null when cancelled. */
  chooseImportFile: () => call<string | null>("choose_import_file"),
  previewImport: (kind: ImportKind, options: ImportOptions) =>
    call<ImportPreview>("preview_import", { kind, options }),
  runImport: (kind: ImportKind, options: ImportOptions) =>
    call<ImportSummary>("run_import", { kind, options }),
  dataProgress: () => call<DataProgress | null>("data_progress"),
  exportCsv: () => call<ExportSummary>("export_clinic_csv"),
  exportFhir: () => call<ExportSummary>("export_clinic_fhir"),
};
