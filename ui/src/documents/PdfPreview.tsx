import { Badge, Box, Button, Group, Loader, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconDeviceFloppy, IconExternalLink, IconPrinter } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { toApiError } from "../api";
import type { DocumentInfo } from "../bindings/DocumentInfo";
import { ErrorAlert } from "../components/ErrorAlert";
import { useApiErrorHandler } from "../lib/session";
import { queryKeys } from "../query/keys";
import { useQueryError } from "../query/useQueryError";
import { documentsApi, KIND_COLOR, KIND_LABEL, saveDocumentAs } from "./api";
import { openPdf, renderPage } from "./pdfRender";

const PAGE_WIDTH = 760;

/** Shows a generated document's pages inside the app, with Save as…, Open and Print. */
export function PdfPreview({ doc, onClose }: { doc: DocumentInfo | null; onClose: () => void }) {
  return (
    <Modal
      opened={doc !== null}
      onClose={onClose}
      size={PAGE_WIDTH + 80}
      title={doc ? <PreviewTitle doc={doc} /> : null}
      closeButtonProps={{ "aria-label": "Close preview" }}
      data-testid="pdf-preview"
    >
      {doc && <PreviewBody doc={doc} />}
    </Modal>
  );
}

function PreviewTitle({ doc }: { doc: DocumentInfo }) {
  return (
    <Group gap="xs">
      <Badge color={KIND_COLOR[doc.kind]} variant="light">
        {KIND_LABEL[doc.kind]}
      </Badge>
      <Text fw={600}>{doc.title}</Text>
    </Group>
  );
}

export function DocumentActions({ doc, compact = false }: { doc: DocumentInfo; compact?: boolean }) {
  const handleError = useApiErrorHandler();
  const [busy, setBusy] = useState<"save" | "open" | null>(null);
  const run = async (what: "save" | "open", work: () => Promise<void>) => {
    setBusy(what);
    try {
      await work();
    } catch (reason) {
      const e = handleError(toApiError(reason));
      if (e)
        notifications.show({
          color: "red",
          title: "The document could not be opened or saved",
          message: e.message,
        });
    } finally {
      setBusy(null);
    }
  };
  const save = () =>
    run("save", async () => {
      const path = await saveDocumentAs(doc);
      if (path) notifications.show({ color: "teal", title: "PDF saved", message: path });
    });
  const open = () =>
    run("open", async () => {
      await documentsApi.openDocument(doc.id);
      notifications.show({
        color: "blue",
        title: "Opened in your PDF viewer",
        message: "Print from there (Ctrl+P).",
      });
    });
  const size = compact ? "xs" : "sm";
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size={size}
        variant="default"
        leftSection={<IconDeviceFloppy size={16} />}
        loading={busy === "save"}
        onClick={() => void save()}
        data-testid="document-save"
      >
        Save as…
      </Button>
      <Button
        size={size}
        variant="default"
        leftSection={<IconExternalLink size={16} />}
        loading={busy === "open"}
        onClick={() => void open()}
        data-testid="document-open"
      >
        Open
      </Button>
      {!compact && (
        <Button
          size={size}
          leftSection={<IconPrinter size={16} />}
          disabled={busy !== null}
          onClick={() => void open()}
          data-testid="document-print"
        >
          Print…
        </Button>
      )}
    </Group>
  );
}

function PreviewBody({ doc }: { doc: DocumentInfo }) {
  const handleError = useApiErrorHandler();
  const pagesRef = useRef<HTMLDivElement>(null);
  // Every opening reads the PDF (the core audits each read): the bytes leave the cache as soon
  // as the preview closes, and are not read again while it is open.
  const pdfBytes = useQuery({
    queryKey: queryKeys.documentPdf(doc.id),
    queryFn: () => documentsApi.documentPdf(doc.id),
    staleTime: Infinity,
    gcTime: 0,
  });
  const loadError = useQueryError(pdfBytes.error);
  const bytes = pdfBytes.data;
  // How drawing the pages went: "ready" once the first is on screen, or why it failed.
  const [drawn, setDrawn] = useState<"ready" | string | null>(null);
  const state: "loading" | "ready" | string = loadError?.message ?? drawn ?? "loading";

  // Draws the fetched bytes into canvases: DOM work, not fetching.
  useEffect(() => {
    if (!bytes) return;
    let current = true;
    let cleanup: (() => void) | null = null;
    setDrawn(null);
    (async () => {
      // pdf.js takes over the buffer it is given: a copy keeps the cached bytes whole.
      const pdf = await openPdf(bytes.slice());
      cleanup = () => void pdf.destroy();
      // Closed while pdf.js was opening it: nothing will clean up after this run but itself.
      if (!current) return cleanup();
      const host = pagesRef.current;
      if (!host) return;
      host.replaceChildren();
      for (let n = 1; n <= pdf.numPages && current; n += 1) {
        const canvas = document.createElement("canvas");
        canvas.dataset.page = String(n);
        canvas.setAttribute("aria-label", `Page ${n} of ${pdf.numPages}`);
        canvas.style.display = "block";
        canvas.style.margin = "0 auto 16px";
        canvas.style.background = "white";
        canvas.style.boxShadow = "0 1px 4px rgba(0,0,0,0.25)";
        host.appendChild(canvas);
        await renderPage(pdf, n, canvas, PAGE_WIDTH - 40);
        if (n === 1 && current) setDrawn("ready");
      }
    })().catch((reason: unknown) => {
      const e = current ? handleError(toApiError(reason)) : null;
      if (e) setDrawn(e.message);
    });
    return () => {
      current = false;
      cleanup?.();
    };
  }, [bytes, handleError]);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fz="sm" c="dimmed">
          {doc.pages} {doc.pages === 1 ? "page" : "pages"} · {Math.max(1, Math.round(doc.bytes / 1024))} KB ·
          made by {doc.created_by}
        </Text>
        <DocumentActions doc={doc} />
      </Group>
      {state !== "loading" && state !== "ready" && <ErrorAlert>{state}</ErrorAlert>}
      <Box
        bg="gray.2"
        p="md"
        style={{ borderRadius: 6, maxHeight: "70vh", overflowY: "auto" }}
        data-testid="pdf-pages"
        data-state={state === "ready" ? "ready" : state === "loading" ? "loading" : "failed"}
      >
        {state === "loading" && <Loader size="sm" aria-label="Rendering the PDF" />}
        <div ref={pagesRef} />
      </Box>
    </Stack>
  );
}
