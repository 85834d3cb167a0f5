import { Button, Group, List, Stack, Text } from "@mantine/core";
import { IconFileExport, IconJson } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { DataProgress } from "../bindings/DataProgress";
import type { ExportSummary } from "../bindings/ExportSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler } from "../lib/session";
import { useProgressChannel } from "../lib/useProgressChannel";
import { dataApi } from "./api";
import { DataProgressBar } from "./DataProgressBar";

type Running = "csv" | "fhir" | null;

/** Settings → Data → Export: everything the clinic holds, as CSV files or a FHIR R4 Bundle. */
export function ExportCard() {
  const handleError = useApiErrorHandler();
  const [running, setRunning] = useState<Running>(null);
  const [done, setDone] = useState<ExportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { progress, open: progressChannel } = useProgressChannel<DataProgress>();

  async function run(format: "csv" | "fhir") {
    setRunning(format);
    setError(null);
    setDone(null);
    try {
      const onProgress = progressChannel();
      setDone(format === "csv" ? await dataApi.exportCsv(onProgress) : await dataApi.exportFhir(onProgress));
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    } finally {
      setRunning(null);
    }
  }

  return (
    <SectionCard
      title="Export the clinic's data"
      data-testid="export-card"
      action={
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconFileExport size={16} />}
            loading={running === "csv"}
            disabled={running !== null}
            onClick={() => void run("csv")}
            data-testid="export-csv"
          >
            CSV files
          </Button>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconJson size={16} />}
            loading={running === "fhir"}
            disabled={running !== null}
            onClick={() => void run("fhir")}
            data-testid="export-fhir"
          >
            FHIR R4 bundle
          </Button>
        </Group>
      }
    >
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          Patients, practitioners, appointments and signed visit notes with their points and diagnoses: as CSV
          files in a new folder (which other systems, and AcuChart, import) or as one FHIR R4 JSON bundle.
          Both go into the export folder, and every export is recorded in the audit log.
        </Text>
        {running && <DataProgressBar progress={progress} />}
        {error && <ErrorAlert>{error}</ErrorAlert>}
        {done && (
          <Stack gap={4} data-testid="export-done">
            <Text fz="sm">
              Exported {done.patients.toLocaleString()} patients, {done.practitioners.toLocaleString()}{" "}
              practitioners, {done.appointments.toLocaleString()} appointments and{" "}
              {done.visit_notes.toLocaleString()} visit notes ({done.points.toLocaleString()} points) to{" "}
              <b data-testid="export-path">{done.path}</b>.
            </Text>
            <List size="xs" c="dimmed">
              {done.notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          </Stack>
        )}
      </Stack>
    </SectionCard>
  );
}
