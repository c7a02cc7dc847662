import type { Metadata } from "next";
import Link from "next/link";
import { listDocuments, listSources } from "@groundwork/ingest";
import { mimeKind } from "@groundwork/ingest/formats";
import { AclEditor } from "~/components/admin/acl-editor";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Documents · Admin" };

const STATUSES = ["active", "superseded", "deleted"] as const;

export default async function AdminDocumentsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; source?: string }>;
}) {
  await requirePage({ page: "/admin/documents" });
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  const sourceId = sp.source && /^[0-9a-f-]{36}$/i.test(sp.source) ? sp.source : undefined;
  const db = (await getDb()).db;
  const [docs, sources] = await Promise.all([listDocuments({ db, status, sourceId }), listSources({ db })]);
  return (
    <main id="main">
      <h1>Documents</h1>
      <form className="row" method="get" aria-label="Filter documents">
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
        <button className="button secondary small" style={{ alignSelf: "flex-end" }}>
          Apply
        </button>
      </form>
      <p className="muted small">
        {docs.length} document{docs.length === 1 ? "" : "s"}. Access entries are group names or user:&lt;id&gt;; an
        empty list means admins only. Changes apply at the next query.
      </p>
      <div className="table-wrap">
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
                  <Link className="small" href={`/admin/documents/${d.id}`} aria-label={`Who can see ${d.title}`}>
                    access
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
      </div>
    </main>
  );
}
