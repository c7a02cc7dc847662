import type { Metadata } from "next";
import Link from "next/link";
import { listSources, pageDocuments } from "@groundwork/ingest";
import { mimeKind } from "@groundwork/ingest/formats";
import { AclEditor } from "~/components/admin/acl-editor";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Documents · Admin" };

const STATUSES = ["active", "superseded", "deleted"] as const;
const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;

export default async function AdminDocumentsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; source?: string; q?: string; page?: string; size?: string }>;
}) {
  await requirePage({ page: "/admin/documents" });
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  const sourceId = sp.source && /^[0-9a-f-]{36}$/i.test(sp.source) ? sp.source : undefined;
  const q = (sp.q ?? "").trim().slice(0, 200);
  const requested = Number.parseInt(sp.page ?? "1", 10);
  const size = PAGE_SIZES.find((n) => String(n) === sp.size) ?? DEFAULT_PAGE_SIZE;
  const db = (await getDb()).db;
  const [result, sources] = await Promise.all([
    pageDocuments({ db, status, sourceId, q, page: Number.isFinite(requested) ? requested : 1, pageSize: size }),
    listSources({ db }),
  ]);
  const docs = result.documents;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  // Links keep the filters: the URL is the list's whole state (Back and shared links restore it).
  const hrefFor = (page: number) => {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (status) u.set("status", status);
    if (sourceId) u.set("source", sourceId);
    if (size !== DEFAULT_PAGE_SIZE) u.set("size", String(size));
    if (page > 1) u.set("page", String(page));
    const s = u.toString();
    return s ? `/admin/documents?${s}` : "/admin/documents";
  };
  const first = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  const last = (result.page - 1) * result.pageSize + docs.length;
  return (
    <main id="main">
      <h1>Documents</h1>
      <form className="row" method="get" role="search" aria-label="Filter documents">
        <label>
          Title or path
          <input type="search" name="q" defaultValue={q} maxLength={200} />
        </label>
        <label>
          Status
          <select name="status" defaultValue={status ?? ""}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Source
          <select name="source" defaultValue={sourceId ?? ""}>
            <option value="">Any</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Per page
          <select name="size" defaultValue={String(size)}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button className="button secondary small" style={{ alignSelf: "flex-end" }}>
          Apply
        </button>
      </form>
      <p className="muted small">
        <span role="status">
          {result.total === 0
            ? "No documents match."
            : `${first}–${last} of ${result.total} document version${result.total === 1 ? "" : "s"}.`}
        </span>{" "}
        Access entries are group names or user:&lt;id&gt;; an empty list means admins only. Changes apply at the next
        query.
      </p>
      <TableWrap label="Documents table">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Title</th>
              <th scope="col">Source / path</th>
              <th scope="col">Type</th>
              <th scope="col">Version</th>
              <th scope="col">Status</th>
              <th scope="col">Access</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.status === "deleted" ? d.title : <Link href={`/documents/${d.id}`}>{d.title}</Link>}{" "}
                  {/* The visible word starts the link's name (axe label-content-name-mismatch: voice users say what they see). */}
                  <Link className="small" href={`/admin/documents/${d.id}`}>
                    access<span className="sr-only">: who can see {d.title}</span>
                  </Link>
                </td>
                <td className="small">
                  {d.sourceName} / {d.path}
                </td>
                <td>{mimeKind(d.mime)}</td>
                <td>
                  v{d.version}
                  {d.effectiveDate ? <span className="muted small"> · {d.effectiveDate}</span> : null}
                </td>
                <td>
                  <span className={`badge ${d.status === "active" ? "ok" : d.status === "deleted" ? "err" : ""}`}>
                    {d.status}
                  </span>
                </td>
                <td>
                  {d.status === "deleted" ? (
                    d.acl.join(", ")
                  ) : (
                    <AclEditor documentId={d.id} title={d.title} acl={d.acl.map((a) => a.replace(/^group:/, ""))} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      {pages > 1 && (
        <nav className="row" aria-label="Pages">
          {result.page > 1 ? (
            <Link className="button secondary small" href={hrefFor(result.page - 1)} rel="prev">
              ← Previous
            </Link>
          ) : null}
          <span className="small">
            Page {result.page} of {pages}
          </span>
          {result.page < pages ? (
            <Link className="button secondary small" href={hrefFor(result.page + 1)} rel="next">
              Next →
            </Link>
          ) : null}
        </nav>
      )}
    </main>
  );
}
