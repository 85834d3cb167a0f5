import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Group, LoadingOverlay, SegmentedControl, Stack, Stepper, Text } from "@mantine/core";
import { IconCheck, IconFileSpreadsheet, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { DataProgress } from "../bindings/DataProgress";
import type { ImportKind } from "../bindings/ImportKind";
import type { ImportOptions } from "../bindings/ImportOptions";
import type { ImportPreview } from "../bindings/ImportPreview";
import type { ImportSummary } from "../bindings/ImportSummary";
import { ErrorAlert } from "../components/ErrorAlert";
import { SectionCard } from "../components/SectionCard";
import { useApiErrorHandler } from "../lib/session";
import { useProgressChannel } from "../lib/useProgressChannel";
import { dataApi } from "./api";
import { DataProgressBar } from "./DataProgressBar";
import { ImportCheck } from "./ImportCheck";
import { ImportColumns } from "./ImportColumns";
import { ImportDone } from "./ImportDone";

export const KIND_NOUN: Record<ImportKind, [string, string]> = {
  patients: ["patient", "patients"],
  appointments: ["appointment", "appointments"],
};

export function plural(n: number, kind: ImportKind): string {
  const [one, many] = KIND_NOUN[kind];
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/**
 * Settings → Data → Import: choose a CSV file, check how it was read and which column goes
 * where, see every row's problems and the duplicates in a dry run, then import it all or nothing.
 */
export function ImportWizard() {
  const queryClient = useQueryClient();
  const { progress, open: progressChannel } = useProgressChannel<DataProgress>();
  // Imported patients and appointments may show on any screen: everything reads again.
  const runImportMutation = useMutation({
    mutationFn: ({ kind, options }: { kind: ImportKind; options: ImportOptions }) =>
      dataApi.runImport(kind, options, progressChannel()),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const handleError = useApiErrorHandler();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind>("patients");
  const [file, setFile] = useState<string | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function refresh(next: ImportOptions, nextKind: ImportKind = kind) {
    setBusy(true);
    try {
      const p = await dataApi.previewImport(nextKind, next);
      setOptions(next);
      setPreview(p);
      setError(null);
      return true;
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function choose() {
    setError(null);
    try {
      const name = await dataApi.chooseImportFile();
      if (name === null) return;
      setFile(name);
      setSummary(null);
      if (await refresh({})) setStep(1);
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) setError(e.message);
    }
  }

  async function runImport() {
    setStep(3);
    setImporting(true);
    setError(null);
    try {
      setSummary(await runImportMutation.mutateAsync({ kind, options }));
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e) {
        setError(e.message);
        setStep(2);
      }
    } finally {
      setImporting(false);
    }
  }

  function restart() {
    setStep(0);
    setFile(null);
    setPreview(null);
    setOptions({});
    setSummary(null);
    setError(null);
  }

  return (
    <SectionCard title="Import from another clinic system" data-testid="import-wizard">
      <Stack gap="md" pos="relative">
        <LoadingOverlay visible={busy} zIndex={5} overlayProps={{ blur: 1 }} />
        <Stepper
          active={step}
          size="sm"
          allowNextStepsSelect={false}
          onStepClick={(s) => !importing && setStep(s)}
        >
          <Stepper.Step label="File" description={file ?? "CSV file"} data-testid="import-step-file" />
          <Stepper.Step label="Columns" description="How it was read" data-testid="import-step-columns" />
          <Stepper.Step label="Check" description="Dry run" data-testid="import-step-check" />
          <Stepper.Step label="Import" description="All or nothing" data-testid="import-step-import" />
        </Stepper>
        {error && <ErrorAlert>{error}</ErrorAlert>}

        {step === 0 && (
          <Stack gap="sm" data-testid="import-choose">
            <Text fz="sm" c="dimmed">
              Patients first, then their appointments. The file is read as it is: UTF-8 or UTF-16 with or
              without a byte-order mark, or Windows-1252; commas, semicolons or tabs; with or without a header
              row. Nothing is written until you import.
            </Text>
            <Group>
              <SegmentedControl
                value={kind}
                onChange={(v) => setKind(v as ImportKind)}
                data={[
                  { value: "patients", label: "Patients" },
                  { value: "appointments", label: "Appointments" },
                ]}
                data-testid="import-kind"
              />
              <Button
                leftSection={<IconFileSpreadsheet size={16} />}
                onClick={choose}
                data-testid="import-choose-file"
              >
                Choose file…
              </Button>
            </Group>
          </Stack>
        )}

        {step === 1 && preview && (
          <ImportColumns preview={preview} options={options} onChange={(o) => void refresh(o)} />
        )}
        {step === 2 && preview && (
          <ImportCheck preview={preview} options={options} onChange={(o) => void refresh(o)} />
        )}
        {step === 3 && importing && <DataProgressBar progress={progress} />}
        {step === 3 && summary && <ImportDone summary={summary} />}

        <Group justify="space-between">
          {step > 0 && !importing ? (
            <Button variant="default" onClick={restart} data-testid="import-restart">
              {summary ? "Import another file" : "Start again"}
            </Button>
          ) : (
            <span />
          )}
          {step === 1 && preview && (
            <Button
              onClick={() => setStep(2)}
              disabled={preview.mapping_problems.length > 0}
              data-testid="import-to-check"
            >
              Check the rows
            </Button>
          )}
          {step === 2 && preview && (
            <ImportButton preview={preview} options={options} onImport={() => void runImport()} />
          )}
          {step === 3 && summary && (
            <Alert color="teal" variant="transparent" p={0} icon={<IconCheck size={18} />}>
              Imported
            </Alert>
          )}
        </Group>
      </Stack>
    </SectionCard>
  );
}

function ImportButton({
  preview,
  options,
  onImport,
}: {
  preview: ImportPreview;
  options: ImportOptions;
  onImport: () => void;
}) {
  const blocked = preview.problem_rows > 0 && !options.skip_invalid_rows;
  const n = preview.to_import + preview.to_merge;
  return (
    <Group gap="sm">
      {blocked && (
        <Text fz="xs" c="dimmed">
          Fix the file, or choose to leave out the rows with problems.
        </Text>
      )}
      <Button
        leftSection={<IconUpload size={16} />}
        disabled={blocked || n === 0}
        onClick={onImport}
        data-testid="import-run"
      >
        Import {plural(preview.to_import, preview.kind)}
      </Button>
    </Group>
  );
}
