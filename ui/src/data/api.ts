// Settings → Data: the CSV import wizard and the CSV / FHIR exports (admins).
import type { Channel } from "@tauri-apps/api/core";
import { commands } from "../client/commands";
import type { DataProgress } from "../bindings/DataProgress";
import type { ImportKind } from "../bindings/ImportKind";
import type { ImportOptions } from "../bindings/ImportOptions";

export const dataApi = {
  /** Opens the native file dialog; the chosen file's name, or null when cancelled. */
  chooseImportFile: () => commands.chooseImportFile(),
  previewImport: (kind: ImportKind, options: ImportOptions) => commands.previewImport({ kind, options }),
  // The long ones push their progress through `onProgress` (see useProgressChannel).
  runImport: (kind: ImportKind, options: ImportOptions, onProgress: Channel<DataProgress>) =>
    commands.runImport({ kind, options, onProgress }),
  exportCsv: (onProgress: Channel<DataProgress>) => commands.exportClinicCsv({ onProgress }),
  exportFhir: (onProgress: Channel<DataProgress>) => commands.exportClinicFhir({ onProgress }),
};
