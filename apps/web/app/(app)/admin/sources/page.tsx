import type { Metadata } from "next";
import Link from "next/link";
import { listGroups } from "@groundwork/auth";
import { listRuns, listSources } from "@groundwork/ingest";
import { AddSourceForm } from "~/components/admin/add-source-form";
import { AutoRefresh } from "~/components/admin/auto-refresh";
import { RunSourceButton } from "~/components/admin/run-source-button";
import { RunStatusBadge } from "~/components/admin/run-status-badge";
import { UploadForm } from "~/components/admin/upload-form";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Sources · Admin" };

export default async function SourcesPage() {
  await requirePage({ page: "/admin/sources" });
  const db = (await getDb()).db;
  const [sources, runs, groups] = await Promise.all([
    listSources({ db }),
    listRuns({ db, limit: 25 }),
    listGroups({ db }),
  ]);
  const nameById = new Map(sources.map((s) => [s.id, s.name]));
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  return (
    <main id="main">
      <h1>Sources and ingestion</h1>
      <AutoRefresh active={active} />
      <section aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Location</th>
                <th scope="col">Default access</th>
                <th scope="col">Last run</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sources.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    No sources yet.
                  </td>
                </tr>
              )}
              {sources.map((s) => {
                const last = runs.find((r) => r.sourceId === s.id);
                return (
                  <tr key={s.id}>
                    <td>
                      <Link href={`/admin/documents?source=${s.id}`}>{s.name}</Link>
                    </td>
                    <td>{s.kind}</td>
                    <td className="small">{String((s.config as { path?: string }).path ?? "")}</td>
                    <td>
                      {s.defaultAcl.length ? s.defaultAcl.join(", ") : <span className="muted">admins only</span>}
                    </td>
                    <td>
                      {last ? (
                        <Link href={`/admin/runs/${last.id}`}>
                          <RunStatusBadge status={last.status} />{" "}
                          {last.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                        </Link>
                      ) : (
                        <span className="muted">never</span>
                      )}
                    </td>
                    <td>
                      <RunSourceButton source={s.name} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <div className="grid-2">
        <UploadForm
          uploadSources={sources.filter((s) => s.kind === "upload").map((s) => s.name)}
          groups={groups.map((g) => g.name)}
        />
        <AddSourceForm />
      </div>
      <section aria-labelledby="runs-h">
        <h2 id="runs-h">Recent runs</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Source</th>
                <th scope="col">Trigger</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Added / updated / unchanged / deleted / failed</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/admin/runs/${r.id}`}>{r.createdAt.toISOString().slice(0, 19).replace("T", " ")}</Link>
                  </td>
                  <td>{nameById.get(r.sourceId) ?? r.sourceId}</td>
                  <td>{r.trigger}</td>
                  <td>
                    <RunStatusBadge status={r.status} />
                  </td>
                  <td>
                    {r.progressDone} / {r.progressTotal}
                  </td>
                  <td>
                    {r.counts.added} / {r.counts.updated} / {r.counts.unchanged} / {r.counts.deleted} /{" "}
                    {r.counts.failed}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}
