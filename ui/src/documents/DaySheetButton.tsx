import { ActionIcon, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { toApiError } from "../api";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import { useApiErrorHandler, useCan } from "../lib/session";
import { documentsApi } from "./api";
import { PdfPreview } from "./PdfPreview";
import { useGenerateDocument } from "./queries";

/** The reception's day sheet for the day shown on the schedule: made, then previewed. */
export function DaySheetButton({ date }: { date: string }) {
  const can = useCan();
  const handleError = useApiErrorHandler();
  const generateDocument = useGenerateDocument();
  const [busy, setBusy] = useState(false);
  const [doc, setDoc] = useState<DocumentInfo | null>(null);
  if (!can("print_billing_documents")) return null;
  const make = async () => {
    setBusy(true);
    try {
      setDoc(await generateDocument.mutateAsync(() => documentsApi.generateDaySheet(date)));
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e)
        notifications.show({ color: "red", title: "The day sheet could not be made", message: e.message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Tooltip label="Print the day sheet for this day">
        <ActionIcon
          variant="default"
          size={36}
          aria-label="Day sheet"
          loading={busy}
          onClick={() => void make()}
          data-testid="schedule-day-sheet"
        >
          <IconPrinter size={18} />
        </ActionIcon>
      </Tooltip>
      <PdfPreview doc={doc} onClose={() => setDoc(null)} />
    </>
  );
}
