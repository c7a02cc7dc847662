"use client";

import dynamic from "next/dynamic";
import { useState, useSyncExternalStore, type ReactNode } from "react";

// Its own chunk: pdf.js is requested only when a PDF's page view is first shown.
const PdfPageView = dynamic(() => import("./pdf-page-view").then((m) => m.PdfPageView), { ssr: false });

/** Wide enough for the page and the text side by side (viewer.css uses the same width). */
const SIDE_BY_SIDE = "(min-width: 1100px)";

function useSideBySide(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const query = window.matchMedia(SIDE_BY_SIDE);
      query.addEventListener("change", notify);
      return () => query.removeEventListener("change", notify);
    },
    () => window.matchMedia(SIDE_BY_SIDE).matches,
    () => false,
  );
}

/**
 * A PDF's pages as printed beside its text: side by side on a wide screen, a tab switch on a
 * narrow one, where the text comes first (a printed page at phone width is small print) and the
 * page view — pdf.js and the download — is fetched only once its tab is opened.
 */
export function DocumentViews({
  pdf,
  children,
}: {
  pdf: { documentId: string; citedPage: number | null; quote: string | null };
  /** The text view. */
  children: ReactNode;
}) {
  const sideBySide = useSideBySide();
  const [view, setView] = useState<"text" | "page">("text");
  const [pageOpened, setPageOpened] = useState(false);
  const show = (v: "text" | "page") => {
    setView(v);
    if (v === "page") setPageOpened(true);
  };
  const tab = (v: "text" | "page", label: string) => (
    <button
      type="button"
      role="tab"
      id={`view-tab-${v}`}
      aria-controls={`view-panel-${v}`}
      aria-selected={view === v}
      tabIndex={view === v ? 0 : -1}
      className="view-tab"
      onClick={() => show(v)}
      onKeyDown={(e) => {
        if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
        const other = v === "text" ? "page" : "text";
        show(other);
        document.getElementById(`view-tab-${other}`)?.focus();
      }}
    >
      {label}
    </button>
  );
  return (
    <div className="document-views" data-view={view}>
      <div className="view-tabs" role="tablist" aria-label="Document view">
        {tab("text", "Text")}
        {tab("page", "Original pages")}
      </div>
      <div className="view-panels">
        <div
          className="pdf-pane"
          id="view-panel-page"
          role={sideBySide ? "region" : "tabpanel"}
          aria-labelledby={sideBySide ? undefined : "view-tab-page"}
          aria-label={sideBySide ? "Original pages" : undefined}
        >
          {(sideBySide || pageOpened) && <PdfPageView {...pdf} />}
        </div>
        <div
          className="text-pane"
          id="view-panel-text"
          role={sideBySide ? undefined : "tabpanel"}
          aria-labelledby={sideBySide ? undefined : "view-tab-text"}
        >
          {children}
        </div>
      </div>
    </div>
  );
}
