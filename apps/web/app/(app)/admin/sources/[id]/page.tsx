import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listGroups } from "@groundwork/auth";
import { folderAccess, listConnectorKinds, listRuns, listSourceSummaries } from "@groundwork/ingest";
import { RunStatusBadge } from "~/components/admin/run-status-badge";
import { SourceCard, When } from "~/components/admin/source-card";
import { SourceForm } from "~/components/admin/source-form";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Source · Admin" };

/** One source: its card, the edit form (the add form, filled in; secrets only as "set") and its runs. */
export default async function SourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePage({ page: "/admin/sources/[id]", next: `/admin/sources/${id}` });
  const db = (await getDb()).db;
  const source = (await listSourceSummaries({ db })).find((s) => s.id === id);
  if (!source) notFound();
  const kind = listConnectorKinds().find((k) => k.kind === source.kind);
  const [runs, groups, folders] = await Promise.all([
    listRuns({ db, sourceId: source.id, limit: 20 }),
    listGroups({ db }),
    folderAccess({ db, sourceId: source.id }),
  ]);
  return (
    <main id="main">
      <p className="small">
        <Link href="/admin/sources">← Sources and runs</Link>
      </p>
      <h1>Source {source.name}</h1>
      <SourceCard source={source} ownPage />
      {kind ? (
        <SourceForm
          kind={kind}
          groups={groups.map((g) => g.name)}
          source={{
            id: source.id,
            name: source.name,
            config: source.config,
            secretFields: source.secretFields,
            defaultAcl: source.defaultAcl,
            schedule: source.schedule,
            pruneSchedule: source.pruneSchedule,
          }}
        />
      ) : (
        <p className="error">This kind of source ({source.kind}) cannot be edited here.</p>
      )}
      <section aria-labelledby="source-access-h">
        <h2 id="source-access-h">Effective access by folder</h2>
        <p className="muted small">
          What search enforces now, read from the indexed documents: access files in a folder (and connector
          permissions) override the default access above. A changed default applies at the next run.
        </p>
        {folders.length === 0 ? (
          <p className="muted small">No active documents yet.</p>
        ) : (
          <TableWrap label="Effective access by folder table">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">Folder</th>
                  <th scope="col">Who can read</th>
                  <th scope="col">Documents</th>
                </tr>
              </thead>
              <tbody>
                {folders.map((f) => (
                  <tr key={`${f.folder}\u0000${f.acl.join(",")}`}>
                    <td>
                      <code>{f.folder ? `${f.folder}/` : "(top level)"}</code>
                    </td>
                    <td>
                      {f.acl.length ? (
                        f.acl.map((a) => (a === "group:everyone" ? "everyone" : a.replace(/^group:/, ""))).join(", ")
                      ) : (
                        <span className="muted">admins only</span>
                      )}
                    </td>
                    <td>
                      <Link
                        href={`/admin/documents?source=${source.id}&q=${encodeURIComponent(f.folder ? `${f.folder}/` : "")}`}
                      >
                        {f.documents}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section aria-labelledby="source-runs-h">
        <h2 id="source-runs-h">Runs</h2>
        <TableWrap label="Runs table">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Mode</th>
                <th scope="col">Status</th>
                <th scope="col">Added / updated / unchanged / deleted / failed</th>
              </tr>
            </thead>
            <tbody>
              {runs.length === 0 && (
                <tr>
                  <td colSpan={5} className="muted">
                    No runs yet.
                  </td>
                </tr>
              )}
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/admin/runs/${r.id}`}>
                      <When at={r.createdAt} />
                    </Link>
                  </td>
                  <td>{r.trigger}</td>
                  <td>{r.mode}</td>
                  <td>
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td>
                    {r.counts.added} / {r.counts.updated} / {r.counts.unchanged} / {r.counts.deleted} /{" "}
                    {r.counts.failed}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </main>
  );
}
