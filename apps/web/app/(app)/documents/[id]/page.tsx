import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { recordAuditEvent } from "@groundwork/audit";
import { mimeKind } from "@groundwork/ingest/formats";
import { readOutline } from "@groundwork/ingest/outline";
import { listChunkSpans, readDocument } from "@groundwork/retrieval";
import { DocumentBody, PageNav } from "~/components/document-body";
import { DocumentViews } from "~/components/document-views";
import { ReturnLink } from "~/components/return-link";
import { ScrollToPassage } from "~/components/scroll-to-passage";
import { requirePage } from "~/lib/server/auth/require-page";
import { buildViewerDocument, clampRange, inferOutline, markedPage } from "~/lib/client/viewer-document";
import { getDb } from "~/lib/server/db";
import { auditOutcomeFor, errorCodeOf } from "~/lib/server/http/route";
import "./viewer.css";

export const metadata: Metadata = { title: "Document" };

type Search = { chunk?: string; start?: string; end?: string };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Milliseconds since the call, to two decimals (the audit row's latency). The page is a server component that renders
 * once per request, so reading the clock is fine; it sits out here because the React purity rule cannot tell.
 */
function stopwatch(): () => number {
  const started = performance.now();
  return () => Math.round((performance.now() - started) * 100) / 100;
}

export default async function DocumentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Search>;
}) {
  const { id } = await params;
  const search = await searchParams;
  const qs = new URLSearchParams(
    Object.entries(search).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  const session = await requirePage({ page: "/documents/[id]", next: `/documents/${id}${qs ? `?${qs}` : ""}` });
  const db = (await getDb()).db;
  const elapsedMs = stopwatch();
  const view = ({ outcome, code }: { outcome: string; code?: string }) =>
    recordAuditEvent({
      db,
      actor: { userId: session.principal.userId, username: session.principal.username },
      action: "document.view",
      target: id.slice(0, 200),
      outcome,
      latencyMs: elapsedMs(),
      detail: { chunk: search.chunk ?? null, ...(code ? { code } : {}) },
    });
  let doc: Awaited<ReturnType<typeof readDocument>>;
  try {
    doc = await readDocument({ db, principal: session.principal, documentId: id });
  } catch (error) {
    // Only the code reaches the row; the page's error boundary shows the failure.
    const code = errorCodeOf(error);
    await view({ outcome: auditOutcomeFor(code), code });
    throw error;
  }
  await view({ outcome: doc ? "ok" : "denied" });
  // Missing and forbidden are the same 404.
  if (!doc) notFound();

  const spans = await listChunkSpans({ db, principal: session.principal, documentId: doc.id });
  const cited = search.chunk ? spans.find((s) => s.id === search.chunk) : undefined;
  const textLength = doc.normalizedText.length;
  const range = clampRange({
    start: search.start != null ? Number(search.start) : null,
    end: search.end != null ? Number(search.end) : null,
    textLength,
  });
  // The chunk the citation names, else the one the cited range starts in: shown softly around the
  // cited sentence(s), which alone are marked.
  const citedSpan =
    cited ?? (range ? spans.find((s) => s.charStart <= range.start && s.charEnd > range.start) : undefined);
  const passage = citedSpan ? clampRange({ start: citedSpan.charStart, end: citedSpan.charEnd, textLength }) : null;
  const outline =
    readOutline({ metadata: doc.metadata, textLength }) ?? inferOutline({ text: doc.normalizedText, spans });
  const pages = buildViewerDocument({ text: doc.normalizedText, outline, passage, cited: range });
  const highlighted = range ?? passage;
  const highlightedPage = highlighted ? markedPage(pages) : null;
  // A PDF with its original kept is also shown as its pages; what is quoted there is the cited
  // text (capped: a citation is a sentence or a few, the matcher needs no more).
  const pdfPages = doc.hasFile && mimeKind(doc.mime) === "pdf";
  const quote = highlighted ? doc.normalizedText.slice(highlighted.start, highlighted.end).slice(0, 2000) : null;
  const folders = doc.path.split("/").slice(0, -1);
  // Where a connector's document lives (the web page, the file at its commit); only http(s), so
  // a stored value can never become a script link.
  const sourceUrl =
    typeof doc.metadata.sourceUrl === "string" && /^https?:\/\//i.test(doc.metadata.sourceUrl)
      ? doc.metadata.sourceUrl
      : null;

  return (
    <main id="main" className="wide viewer">
      <ReturnLink />
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>{doc.sourceName}</li>
          {folders.map((f, i) => (
            <li key={i}>{f}</li>
          ))}
          <li aria-current="page">{doc.title}</li>
        </ol>
      </nav>
      {(doc.status === "superseded" || doc.supersededBy) && (
        <div className="banner warning" role="note">
          Superseded: this version (v{doc.version}) has been replaced.{" "}
          {doc.current ? (
            <Link href={`/documents/${doc.current.id}`}>Open the current version (v{doc.current.version})</Link>
          ) : doc.supersededBy ? (
            <Link href={`/documents/${doc.supersededBy}`}>Open the current version</Link>
          ) : (
            "The current version is not available to you."
          )}
        </div>
      )}
      <header className="doc-header">
        <h1>{doc.title}</h1>
        <dl className="doc-meta">
          <div>
            <dt>Version</dt>
            <dd>v{doc.version}</dd>
          </div>
          <div>
            <dt>Effective</dt>
            <dd>{doc.effectiveDate ?? "—"}</dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd>{mimeKind(doc.mime).toUpperCase()}</dd>
          </div>
          {doc.pageCount != null && (
            <div>
              <dt>Pages</dt>
              <dd>{doc.pageCount}</dd>
            </div>
          )}
          {doc.owner && (
            <div>
              <dt>Owner</dt>
              <dd>{doc.owner}</dd>
            </div>
          )}
          <div>
            <dt>Updated</dt>
            <dd>{doc.updatedAt.slice(0, 10)}</dd>
          </div>
        </dl>
        {doc.tags.length > 0 && (
          <ul className="tags" aria-label="Tags">
            {doc.tags.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        )}
        {doc.hasFile && (
          <a className="button secondary small" href={`/api/documents/${doc.id}/file`} download>
            Download original ({formatBytes(doc.byteSize)})
          </a>
        )}
        {sourceUrl && (
          <a className="button secondary small" href={sourceUrl} rel="noopener noreferrer" target="_blank">
            Open at source
          </a>
        )}
      </header>
      <PageNav pages={pages} />
      {highlighted && (
        <p className="muted small" role="status">
          Cited passage highlighted{highlightedPage != null ? ` on page ${highlightedPage}` : ""}
          {citedSpan?.headings.length ? ` — ${citedSpan.headings.join(" › ")}` : ""}.
        </p>
      )}
      {pdfPages ? (
        <DocumentViews pdf={{ documentId: doc.id, citedPage: highlightedPage, quote }}>
          <article className="doc-text" aria-label="Document text">
            <DocumentBody pages={pages} pageCount={doc.pageCount} />
          </article>
        </DocumentViews>
      ) : (
        <article className="doc-text" aria-label="Document text">
          <DocumentBody pages={pages} pageCount={doc.pageCount} />
        </article>
      )}
      {highlighted && <ScrollToPassage />}
    </main>
  );
}
