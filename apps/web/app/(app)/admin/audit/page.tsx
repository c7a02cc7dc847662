import type { Metadata } from "next";
import Link from "next/link";
import { auditFilterSchema, listAuditEvents, recordAuditEvent, type AuditFilter } from "@groundwork/audit";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Audit log · Admin" };

type Search = Record<string, string | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await requirePage({ page: "/admin/audit" });
  const sp = await searchParams;
  const parsed = auditFilterSchema.safeParse(Object.fromEntries(Object.entries(sp).filter(([, v]) => v)));
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const before = sp.before && /^\d+$/.test(sp.before) ? Number(sp.before) : undefined;
  const db = (await getDb()).db;
  const page = await listAuditEvents({ db, filter, limit: 100, before });
  await recordAuditEvent({
    db,
    actor: { userId: session.principal.userId, username: session.principal.username },
    action: "audit.view",
    detail: { filter, returned: page.events.length, via: "admin-page" },
  });
  const query = new URLSearchParams(
    Object.entries({ action: filter.action, actor: filter.actor, outcome: filter.outcome }).filter(
      (e): e is [string, string] => Boolean(e[1]),
    ),
  );
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([...query, ["format", format]])}`;
  return (
    <main id="main">
      <h1>Audit log</h1>
      <form method="get" className="row" aria-label="Filter audit events">
        <label>
          Action (prefix with *)
          <input name="action" defaultValue={filter.action ?? ""} placeholder="document.*" />
        </label>
        <label>
          Actor
          <input name="actor" defaultValue={filter.actor ?? ""} placeholder="username" />
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={filter.outcome ?? ""}>
            <option value="">Any</option>
            {["ok", "denied", "error", "abstained"].map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <button className="button secondary small" style={{ alignSelf: "flex-end" }}>
          Filter
        </button>
        <a className="button secondary small" style={{ alignSelf: "flex-end" }} href={exportHref("csv")}>
          Export CSV
        </a>
        <a className="button secondary small" style={{ alignSelf: "flex-end" }} href={exportHref("json")}>
          Export JSON
        </a>
      </form>
      {!parsed.success && <p className="error small">Some filters were invalid and were ignored.</p>}
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Outcome</th>
              <th scope="col">Latency</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((e) => (
              <tr key={e.id}>
                <td className="small">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                <td>{e.actorUsername ?? "—"}</td>
                <td>{e.action}</td>
                <td className="small">{e.target ?? ""}</td>
                <td>
                  <span
                    className={`badge ${e.outcome === "ok" ? "ok" : e.outcome === "error" ? "err" : e.outcome === "denied" ? "warn" : ""}`}
                  >
                    {e.outcome}
                  </span>
                </td>
                <td className="small">{e.latencyMs != null ? `${Math.round(e.latencyMs)} ms` : ""}</td>
                <td>
                  <details>
                    <summary className="small">show</summary>
                    <pre className="detail">{JSON.stringify(e.detail, null, 2)}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {page.nextBefore && (
        <Link href={`/admin/audit?${new URLSearchParams([...query, ["before", String(page.nextBefore)]])}`}>
          Older events →
        </Link>
      )}
    </main>
  );
}
