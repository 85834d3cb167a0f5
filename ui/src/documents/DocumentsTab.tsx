import { ActionIcon, Badge, Button, Group, Loader, Stack, Table, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconEye, IconFileText, IconNotes, IconReceipt, IconReportMedical } from "@tabler/icons-react";
import { useState } from "react";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import type { PatientId } from "../bindings/PatientId";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDate, formatDateTime } from "../lib/dates";
import { useCan, useDateFormat } from "../lib/session";
import { useQueryError } from "../query/useQueryError";
import { EmptyTab } from "../patients/profile/EmptyTab";
import { KIND_COLOR, KIND_LABEL } from "./api";
import { PdfPreview } from "./PdfPreview";
import { usePatientDocuments } from "./queries";
import { SummaryDialog } from "./SummaryDialog";
import { SuperbillDialog, VisitNoteDialog } from "./GenerateDialogs";

/** "2026-03-02 – 2026-04-20" or "2026-03-02" from a document's title, in the clinic's order. */
function periodOf(doc: DocumentInfo, fmt: ReturnType<typeof useDateFormat>): string {
  const dates = doc.title.match(/\d{4}-\d{2}-\d{2}/g) ?? [];
  return dates.map((d) => formatDate(d, fmt)).join(" – ") || "—";
}

/** The patient's generated documents, newest first, and the buttons that make new ones. */
export function DocumentsTab({ patientId }: { patientId: PatientId }) {
  const can = useCan();
  const fmt = useDateFormat();
  const documents = usePatientDocuments(patientId);
  const docs = documents.data ?? null;
  const error = useQueryError(documents.error)?.message ?? null;
  const [dialog, setDialog] = useState<"summary" | "superbill" | "note" | null>(null);
  const [preview, setPreview] = useState<DocumentInfo | null>(null);
  const clinical = can("print_clinical_documents");
  const billing = can("print_billing_documents");

  const generated = (doc: DocumentInfo) => {
    setDialog(null);
    notifications.show({ color: "teal", title: `${KIND_LABEL[doc.kind]} ready`, message: doc.title });
    setPreview(doc);
  };

  const canOpen = (doc: DocumentInfo) =>
    doc.kind === "summary" || doc.kind === "visit_note" ? clinical : billing;

  return (
    <Stack gap="md" data-testid="patient-documents">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          Every document made for this patient is kept here, with who made it and when.
        </Text>
        <Group gap="xs">
          {clinical && (
            <Button
              leftSection={<IconReportMedical size={16} />}
              onClick={() => setDialog("summary")}
              data-testid="new-summary"
            >
              Treatment summary…
            </Button>
          )}
          {clinical && (
            <Button
              variant="default"
              leftSection={<IconNotes size={16} />}
              onClick={() => setDialog("note")}
              data-testid="new-visit-note"
            >
              Visit note…
            </Button>
          )}
          {billing && (
            <Button
              variant="default"
              leftSection={<IconReceipt size={16} />}
              onClick={() => setDialog("superbill")}
              data-testid="new-superbill"
            >
              Superbill…
            </Button>
          )}
        </Group>
      </Group>

      {error && <ErrorAlert>{error}</ErrorAlert>}
      {docs === null && !error && <Loader size="sm" aria-label="Loading documents" />}
      {docs !== null && docs.length === 0 && (
        <EmptyTab
          icon={<IconFileText size={22} />}
          message="No documents yet."
          hint={
            clinical
              ? "Make a treatment summary for the patient to take home, a visit note for a referral, or a superbill."
              : "Superbills and receipts you print for this patient will be listed here."
          }
          data-testid="documents-empty"
        />
      )}
      {docs !== null && docs.length > 0 && (
        <Table verticalSpacing="sm" highlightOnHover data-testid="documents-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Document</Table.Th>
              <Table.Th>Period</Table.Th>
              <Table.Th>Pages</Table.Th>
              <Table.Th>Made by</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {docs.map((d) => (
              <Table.Tr key={d.id} data-testid="document-row" data-kind={d.kind} data-document-id={d.id}>
                <Table.Td>
                  <Badge color={KIND_COLOR[d.kind]} variant="light">
                    {KIND_LABEL[d.kind]}
                  </Badge>
                </Table.Td>
                <Table.Td>{periodOf(d, fmt)}</Table.Td>
                <Table.Td>{d.pages}</Table.Td>
                <Table.Td>{d.created_by}</Table.Td>
                <Table.Td>{formatDateTime(d.created_at, fmt)}</Table.Td>
                <Table.Td>
                  {canOpen(d) ? (
                    <Tooltip label="Preview, save or print">
                      <ActionIcon
                        variant="subtle"
                        aria-label={`Preview ${KIND_LABEL[d.kind]}`}
                        onClick={() => setPreview(d)}
                        data-testid="document-preview"
                      >
                        <IconEye size={18} />
                      </ActionIcon>
                    </Tooltip>
                  ) : (
                    <Text fz="xs" c="dimmed">
                      Clinical staff only
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {clinical && (
        <SummaryDialog
          patientId={patientId}
          opened={dialog === "summary"}
          onClose={() => setDialog(null)}
          onGenerated={generated}
        />
      )}
      {clinical && (
        <VisitNoteDialog
          patientId={patientId}
          opened={dialog === "note"}
          onClose={() => setDialog(null)}
          onGenerated={generated}
        />
      )}
      {billing && (
        <SuperbillDialog
          patientId={patientId}
          opened={dialog === "superbill"}
          onClose={() => setDialog(null)}
          onGenerated={generated}
        />
      )}
      <PdfPreview doc={preview} onClose={() => setPreview(null)} />
    </Stack>
  );
}
