import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { listGroups } from "@groundwork/auth";
import { listConnectorKinds, listRuns, listSourceSummaries } from "@groundwork/ingest";
import { AutoRefresh } from "~/components/admin/auto-refresh";
import { RunStatusBadge } from "~/components/admin/run-status-badge";
import { SourceCard, When } from "~/components/admin/source-card";
import { SourceForm } from "~/components/admin/source-form";
import { UploadForm } from "~/components/admin/upload-form";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Sources · Admin" };

/**
 * The connectors console: every source as a card, the add-source form (kind first, then that
 * kind's generated form), uploads and recent runs. Choosing a kind is a GET (`?add=web`), so the
 * form is rendered on the server and the page reads the same with or without JavaScript.
 */
export default async function SourcesPage({ searchParams }: { searchParams: Promise<{ add?: string | string[] }> }) {
  await requirePage({ page: "/admin/sources" });
  const db = (await getDb()).db;
  const sp = await searchParams;
  const [sources, runs, groups] = await Promise.all([
    listSourceSummaries({ db }),
    listRuns({ db, limit: 25 }),
    listGroups({ db }),
  ]);
  const kinds = listConnectorKinds();
  const adding = kinds.find((k) => k.kind === (Array.isArray(sp.add) ? sp.add[0] : sp.add));
  const nameById = new Map(sources.map((s) => [s.id, s.name]));
  const active = runs.some((r) => r.status === "queued" || r.status === "running");
  return (
    <main id="main">
      <h1>Sources and ingestion</h1>
      <AutoRefresh active={active} />
      <section aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        {sources.length === 0 ? (
          <p className="muted">No sources yet. Add one below.</p>
        ) : (
          <ul className="source-cards">
            {sources.map((s) => (
              <li key={s.id}>
                <SourceCard source={s} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-source-h" id="add-source">
        <h2 id="add-source-h">Add a source</h2>
        <Form action="/admin/sources" className="row card" aria-label="Choose a kind of source">
          <label className="inline">
            Kind{" "}
            <select name="add" defaultValue={adding?.kind ?? kinds[0]?.kind}>
              {kinds.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button secondary">
            {adding ? "Switch kind" : "Continue"}
          </button>
          {adding && (
            <Link href="/admin/sources" className="small">
              Cancel
            </Link>
          )}
        </Form>
        {adding && <SourceForm key={adding.kind} kind={adding} groups={groups.map((g) => g.name)} />}
      </section>
      <div className="grid-2">
        <UploadForm
          uploadSources={sources.filter((s) => s.kind === "upload").map((s) => s.name)}
          groups={groups.map((g) => g.name)}
        />
      </div>
      <section aria-labelledby="runs-h">
        <h2 id="runs-h">Recent runs</h2>
        <TableWrap label="Recent runs table">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Source</th>
                <th scope="col">Trigger</th>
                <th scope="col">Mode</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Added / updated / unchanged / deleted / failed</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/admin/runs/${r.id}`}>
                      <When at={r.createdAt} />
                    </Link>
                  </td>
                  <td>{nameById.get(r.sourceId) ?? r.sourceId}</td>
                  <td>{r.trigger}</td>
                  <td>{r.mode}</td>
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
        </TableWrap>
      </section>
    </main>
  );
}
