"use client";

import { useEffect, useRef, useState } from "react";
import type * as PdfJsModule from "pdfjs-dist";
import type { PDFDocumentProxy } from "pdfjs-dist";
import { matchQuoteOnPage } from "~/lib/client/match-quote-on-page";

type PdfJs = typeof PdfJsModule;

/**
 * pdf.js itself, loaded on first use only: this module is imported by the viewer alone, and the
 * library (and its worker, a file of this app's own build, so the page CSP's `worker-src 'self'`
 * covers it) arrive in their own chunks when a PDF is first shown, never with chat or lookup.
 */
let pdfjsLoading: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsLoading ??= import("pdfjs-dist").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdfjs-dist/build/pdf.worker.min.mjs", import.meta.url).toString();
    return pdfjs;
  });
  return pdfjsLoading;
}

const pageFromHash = () => {
  const m = /^#page-(\d+)$/.exec(window.location.hash);
  return m ? Number(m[1]) : null;
};

/**
 * A PDF document's pages as the PDF draws them (one page at a time, fitted to the pane's width),
 * from the same permission-checked download the "Download original" link uses, with pdf.js's text
 * layer over the canvas and the cited sentence marked in it on the cited page.
 */
export function PdfPageView({
  documentId,
  citedPage,
  quote,
}: {
  documentId: string;
  /** The page the citation points at (where the view opens); null: page 1. */
  citedPage: number | null;
  /** The cited sentence(s) as stored text; null when nothing is cited. */
  quote: string | null;
}) {
  const [doc, setDoc] = useState<{ pdfjs: PdfJs; pdf: PDFDocumentProxy } | null>(null);
  const [failed, setFailed] = useState(false);
  const [page, setPage] = useState(citedPage ?? 1);
  const [width, setWidth] = useState(0);
  const [ready, setReady] = useState(false);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const textLayer = useRef<HTMLDivElement>(null);

  // The document: fetched as the signed-in reader (cookies), so a reader who may not read it gets the same 404.
  useEffect(() => {
    let pdf: PDFDocumentProxy | null = null;
    let cancelled = false;
    (async () => {
      const pdfjs = await loadPdfJs();
      const res = await fetch(`/api/documents/${encodeURIComponent(documentId)}/file`, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`download ${res.status}`);
      const data = new Uint8Array(await res.arrayBuffer());
      // No eval (the page CSP forbids it), no scripting, fonts the PDF lacks from the system.
      pdf = await pdfjs.getDocument({ data, isEvalSupported: false, enableXfa: false, useSystemFonts: true }).promise;
      if (cancelled) await pdf.destroy();
      else setDoc({ pdfjs, pdf });
    })().catch(() => {
      if (!cancelled) setFailed(true);
    });
    return () => {
      cancelled = true;
      void pdf?.destroy();
    };
  }, [documentId]);

  // The page links of the text view (#page-n) move this view too.
  useEffect(() => {
    const follow = () => {
      const n = pageFromHash();
      if (n != null) setPage(n);
    };
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry!.contentRect.width);
      setWidth((old) => (Math.abs(old - w) > 1 ? w : old));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const pageCount = doc?.pdf.numPages ?? null;
  const shown = pageCount != null ? Math.min(Math.max(1, page), pageCount) : page;

  useEffect(() => {
    if (!doc || !width || !canvas.current || !textLayer.current) return;
    const { pdfjs, pdf } = doc;
    const [cv, layer] = [canvas.current, textLayer.current];
    let cancelled = false;
    let cancelRender: (() => void) | null = null;
    setReady(false);
    (async () => {
      const p = await pdf.getPage(shown);
      if (cancelled) return;
      const scale = width / p.getViewport({ scale: 1 }).width;
      const viewport = p.getViewport({ scale });
      const ratio = window.devicePixelRatio || 1;
      cv.width = Math.floor(viewport.width * ratio);
      cv.height = Math.floor(viewport.height * ratio);
      cv.style.width = `${Math.floor(viewport.width)}px`;
      cv.style.height = `${Math.floor(viewport.height)}px`;
      const task = p.render({
        canvas: cv,
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined,
      });
      cancelRender = () => task.cancel();
      await task.promise;
      if (cancelled) return;
      layer.replaceChildren();
      layer.style.setProperty("--total-scale-factor", String(scale));
      const text = new pdfjs.TextLayer({ textContentSource: p.streamTextContent(), container: layer, viewport });
      cancelRender = () => text.cancel();
      await text.render();
      if (cancelled) return;
      if (quote && shown === (citedPage ?? 1))
        markQuote({ divs: text.textDivs, items: text.textContentItemsStr, quote });
      setReady(true);
    })().catch((error: unknown) => {
      // A render cancelled by the next page or width is not a failure.
      if (!cancelled && (error as { name?: string })?.name !== "RenderingCancelledException") setFailed(true);
    });
    return () => {
      cancelled = true;
      cancelRender?.();
    };
  }, [doc, shown, width, quote, citedPage]);

  // Once the cited page is drawn, its mark comes into view: inside the pane when the pane scrolls, else in the window.
  useEffect(() => {
    if (!ready || !frame.current) return;
    const mark = frame.current.querySelector<HTMLElement>("mark.pdf-cite");
    if (!mark) return;
    const pane = frame.current.closest<HTMLElement>(".pdf-pane");
    if (pane && pane.scrollHeight > pane.clientHeight + 1 && getComputedStyle(pane).overflowY !== "visible") {
      const offset = mark.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollTop += offset - pane.clientHeight / 3;
    } else mark.scrollIntoView({ block: "center" });
  }, [ready]);

  return (
    <div className="pdf-view">
      <div className="pdf-toolbar">
        <button
          type="button"
          className="button secondary small"
          onClick={() => setPage(shown - 1)}
          disabled={shown <= 1 || !doc}
        >
          Previous page
        </button>
        <span className="muted small" aria-live="polite">
          {pageCount != null ? `${shown} / ${pageCount}` : failed ? "" : "Loading…"}
        </span>
        <button
          type="button"
          className="button secondary small"
          onClick={() => setPage(shown + 1)}
          disabled={pageCount == null || shown >= pageCount}
        >
          Next page
        </button>
      </div>
      {failed ? (
        <p className="muted small">This PDF could not be drawn here; the text view shows the whole document.</p>
      ) : (
        <div
          ref={frame}
          className="pdf-frame"
          data-pdf-page={doc ? shown : undefined}
          data-pdf-ready={ready ? "true" : undefined}
        >
          <canvas ref={canvas} className="pdf-canvas" aria-label={`Page ${shown} as printed`} role="img" />
          {/* The text view beside this one is what assistive technology reads; this layer is for the eye (and selection). */}
          <div ref={textLayer} className="pdf-text-layer" aria-hidden="true" />
        </div>
      )}
    </div>
  );
}

/** Wraps the quote's pieces of the text layer's spans in <mark>s (the spans' text is transparent; the mark's colour shows). */
function markQuote({ divs, items, quote }: { divs: HTMLElement[]; items: string[]; quote: string }) {
  const { ranges } = matchQuoteOnPage({ items, quote });
  for (const { item, start, end } of ranges) {
    const div = divs[item];
    if (!div) continue;
    const s = items[item]!;
    const mark = document.createElement("mark");
    mark.className = "pdf-cite";
    mark.textContent = s.slice(start, end);
    div.replaceChildren(s.slice(0, start), mark, s.slice(end));
  }
}
