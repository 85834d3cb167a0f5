import { Stack } from "@mantine/core";
import { useCan } from "../lib/session";
import { ExportCard } from "./ExportCard";
import { ImportWizard } from "./ImportWizard";

/** Settings → Data: importing from another clinic system, and exporting everything to leave. */
export function DataPanel() {
  const can = useCan();
  return (
    <Stack gap="lg" data-testid="data-panel">
      {(can("import_patients") || can("import_appointments")) && <ImportWizard />}
      {can("export_clinic_data") && <ExportCard />}
    </Stack>
  );
}
