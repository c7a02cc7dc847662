import type { Metadata } from "next";
import Link from "next/link";
import {
  auditChanges,
  auditFilterSchema,
  describeAuditTarget,
  listAuditEvents,
  recordAuditEvent,
  type AuditChange,
  type AuditFilter,
} from "@groundwork/audit";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { resolveAuditLabels } from "~/lib/server/audit/resolve-audit-labels";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Audit log · Admin" };

type Search = Record<string, string | string[] | undefined>;

const PAGE_SIZES = [50, 100, 200] as const;
const OUTCOMES = ["ok", "denied", "error", "abstained"] as const;
// Suggestions for the action box (free text still works: any action, or a prefix with *).
const ACTION_HINTS = [
  "acl.update",
  "audit.*",
  "auth.*",
  "chat",
  "conversation.*",
  "document.*",
  "feedback*",
  "group.*",
  "run.*",
  "search",
  "source.*",
  "token.*",
  "user.*",
];

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function shown(v: unknown): string {
  if (v === undefined) return "(none)";
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

function ChangeList({ changes }: { changes: AuditChange[] }) {
  if (!changes.length) return <span className="muted small">no change</span>;
  return (
    <ul className="audit-changes">
      {changes.map((c) => (
        <li key={c.field}>
          <span className="audit-field">{c.field}</span>{" "}
          {c.added || c.removed ? (
            <>
              {c.removed?.map((v) => (
                <del key={`-${v}`} aria-label={`removed ${v}`}>
                  {v}
                </del>
              ))}
              {c.added?.map((v) => (
                <ins key={`+${v}`} aria-label={`added ${v}`}>
                  {v}
                </ins>
              ))}
              {!c.added?.length && !c.removed?.length && <span className="muted">reordered</span>}
            </>
          ) : (
            <>
              <del aria-label={`before: ${shown(c.before)}`}>{shown(c.before)}</del>
              <span aria-hidden="true"> → </span>
              <ins aria-label={`after: ${shown(c.after)}`}>{shown(c.after)}</ins>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await requirePage({ page: "/admin/audit" });
  const sp = Object.fromEntries(
    Object.entries(await searchParams)
      .map(([k, v]) => [k, first(v)?.trim()] as const)
      .filter((e): e is readonly [string, string] => Boolean(e[1])),
  );
  const parsed = auditFilterSchema.safeParse(sp);
  const filter: AuditFilter = parsed.success ? parsed.data : {};
  const before = sp.before && /^\d{1,15}$/.test(sp.before) ? Number(sp.before) : undefined;
  const size = PAGE_SIZES.find((s) => String(s) === sp.size) ?? PAGE_SIZES[0];
  const db = (await getDb()).db;
  const page = await listAuditEvents({ db, filter, limit: size, before });
  const { labels, actors } = await resolveAuditLabels({ db, events: page.events });
  await recordAuditEvent({
    db,
    actor: { userId: session.principal.userId, username: session.principal.username },
    action: "audit.view",
    detail: { filter, returned: page.events.length, via: "admin-page" },
  });
  // The filter as the URL carries it (dates as typed), so paging, export and a shared link keep it.
  const kept = Object.entries({
    action: sp.action,
    actor: sp.actor,
    outcome: sp.outcome,
    target: sp.target,
    from: sp.from,
    to: sp.to,
  }).filter((e): e is [string, string] => Boolean(e[1]) && parsed.success);
  const query = new URLSearchParams(kept);
  const withSize = size === PAGE_SIZES[0] ? [...query] : [...query, ["size", String(size)]];
  const exportHref = (format: string) => `/api/audit/export?${new URLSearchParams([...query, ["format", format]])}`;
  const dateValue = (key: "from" | "to") => (sp[key] && /^\d{4}-\d{2}-\d{2}$/.test(sp[key]) ? sp[key] : "");
  return (
    <main id="main">
      <h1>Audit log</h1>
      <form method="get" className="audit-filters" aria-label="Filter audit events">
        <label>
          Action (prefix with *)
          <input name="action" defaultValue={sp.action ?? ""} placeholder="document.*" list="audit-actions" />
          <datalist id="audit-actions">
            {ACTION_HINTS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label>
          Actor (username)
          <input name="actor" defaultValue={sp.actor ?? ""} placeholder="username" />
        </label>
        <label>
          Outcome
          <select name="outcome" defaultValue={sp.outcome ?? ""}>
            <option value="">Any</option>
            {OUTCOMES.map((o) => (
              <option key={o}>{o}</option>
            ))}
          </select>
        </label>
        <label>
          From (UTC)
          <input type="date" name="from" defaultValue={dateValue("from")} />
        </label>
        <label>
          To (UTC, inclusive)
          <input type="date" name="to" defaultValue={dateValue("to")} />
        </label>
        <label>
          Per page
          <select name="size" defaultValue={String(size)}>
            {PAGE_SIZES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {sp.target && <input type="hidden" name="target" value={sp.target} />}
        <div className="row audit-filter-actions">
          <button className="button secondary small">Filter</button>
          {kept.length > 0 && (
            <Link className="button secondary small" href="/admin/audit">
              Clear
            </Link>
          )}
          <a className="button secondary small" href={exportHref("csv")}>
            Export CSV
          </a>
          <a className="button secondary small" href={exportHref("json")}>
            Export JSON
          </a>
        </div>
      </form>
      {!parsed.success && <p className="error small">Some filters were invalid and were ignored.</p>}
      {sp.target && (
        <p className="small">
          Events about one target only.{" "}
          <Link href={`/admin/audit?${new URLSearchParams(kept.filter(([k]) => k !== "target"))}`}>Show all</Link>
        </p>
      )}
      <p className="muted small" role="status">
        {page.events.length === 0
          ? "No events match."
          : `${page.events.length} event${page.events.length === 1 ? "" : "s"}${before ? " (older page)" : ""}, newest first.`}
      </p>
      <TableWrap label="Audit events table">
        <table className="data audit-table">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Outcome</th>
              <th scope="col">Change</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {page.events.map((e) => {
              const target = describeAuditTarget({ event: e, labels });
              const changes = auditChanges(e.detail);
              const actor = e.actorId ? actors.get(e.actorId) : undefined;
              return (
                <tr key={e.id}>
                  <td className="small nowrap">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td>
                    {e.actorUsername ? (
                      <Link href={`/admin/audit?${new URLSearchParams([["actor", e.actorUsername]])}`}>
                        {actor ?? e.actorUsername}
                      </Link>
                    ) : (
                      "—"
                    )}
                    {e.actorId && !actor && <div className="muted small">deleted user</div>}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td className="small audit-target">
                    {target &&
                      (target.href ? (
                        <Link href={target.href}>{target.text}</Link>
                      ) : (
                        <span className={target.deleted ? "muted" : undefined}>{target.text}</span>
                      ))}
                    {e.target && (
                      <div>
                        {/* The visible word starts the name (axe label-content-name-mismatch: voice users say what they see). */}
                        <Link className="muted" href={`/admin/audit?${new URLSearchParams([["target", e.target]])}`}>
                          history<span className="sr-only">: all events about {target?.text ?? e.target}</span>
                        </Link>
                      </div>
                    )}
                  </td>
                  <td>
                    <span
                      className={`badge ${e.outcome === "ok" ? "ok" : e.outcome === "error" ? "err" : e.outcome === "denied" ? "warn" : ""}`}
                    >
                      {e.outcome}
                    </span>
                    {e.latencyMs != null && <div className="muted small">{Math.round(e.latencyMs)} ms</div>}
                  </td>
                  <td className="small">{changes && <ChangeList changes={changes} />}</td>
                  <td>
                    <details>
                      <summary className="small">show</summary>
                      <pre className="detail">{JSON.stringify(e.detail, null, 2)}</pre>
                    </details>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <nav className="row" aria-label="Audit pages">
        {before !== undefined && <Link href={`/admin/audit?${new URLSearchParams(withSize)}`}>← Newest</Link>}
        {page.nextBefore && (
          <Link href={`/admin/audit?${new URLSearchParams([...withSize, ["before", String(page.nextBefore)]])}`}>
            Older events →
          </Link>
        )}
      </nav>
    </main>
  );
}
