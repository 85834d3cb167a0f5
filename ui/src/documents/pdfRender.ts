// Renders a PDF's pages to canvases with pdf.js (the legacy build, for older system webviews).
// Loaded on demand so the rest of the app (and its tests) never loads pdf.js.
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

let loaded: Promise<typeof import("pdfjs-dist/legacy/build/pdf.mjs")> | null = null;

async function pdfjs() {
  if (!loaded) {
    loaded = Promise.all([
      import("pdfjs-dist/legacy/build/pdf.mjs"),
      import("pdfjs-dist/legacy/build/pdf.worker.min.mjs?url"),
    ]).then(([lib, worker]) => {
      lib.GlobalWorkerOptions.workerSrc = worker.default;
      return lib;
    });
  }
  return loaded;
}

/** Opens the PDF; the caller destroys it when done. */
export async function openPdf(data: Uint8Array): Promise<PDFDocumentProxy> {
  const lib = await pdfjs();
  // No eval (the CSP forbids it) and nothing fetched: the fonts are embedded in our PDFs.
  return lib.getDocument({ data, isEvalSupported: false, useSystemFonts: false }).promise;
}

/** Draws page `number` (1-based) into `canvas`, `width` CSS pixels wide, sharp on HiDPI. */
export async function renderPage(
  doc: PDFDocumentProxy,
  number: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await doc.getPage(number);
  const base = page.getViewport({ scale: 1 });
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / base.width) * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
}
