import Link from "next/link";
import type { SourceSummary } from "@groundwork/ingest";
import { RunStatusBadge } from "./run-status-badge";
import { SourceActions } from "./source-actions";

/** A moment as the admin pages write it (UTC, to the minute), machine-readable in `dateTime`. */
export function When({ at, empty = "never" }: { at: Date | null; empty?: string }) {
  if (!at) return <span className="muted">{empty}</span>;
  return <time dateTime={at.toISOString()}>{at.toISOString().slice(0, 16).replace("T", " ")} UTC</time>;
}

const COUNT_LABELS = [
  ["added", "added"],
  ["updated", "updated"],
  ["unchanged", "unchanged"],
  ["deleted", "deleted"],
  ["aclUpdated", "access updated"],
] as const;

function RunCounts({ counts }: { counts: Record<string, number> }) {
  const parts = COUNT_LABELS.filter(([k]) => (counts[k] ?? 0) > 0).map(([k, label]) => `${counts[k]} ${label}`);
  return <>{parts.length ? parts.join(", ") : "no changes"}</>;
}

/**
 * One source as a card: what it is, when it runs, how its last run went. The numbers are the
 * server's; the buttons are the one client piece (SourceActions).
 */
export function SourceCard({
  source: s,
  ownPage = false,
}: {
  source: SourceSummary;
  /** On the source's own page: a level-2 heading, no Edit link to itself, and a delete goes back to the list. */
  ownPage?: boolean;
}) {
  const H = ownPage ? "h2" : "h3";
  const headingId = `source-${s.id}-h`;
  const run = s.lastRun;
  const failed = run?.counts.failed ?? 0;
  return (
    <article className="card source-card" aria-labelledby={headingId}>
      <header className="source-card-head">
        <H id={headingId}>{ownPage ? s.name : <Link href={`/admin/sources/${s.id}`}>{s.name}</Link>}</H>
        <span className="badge">{s.label}</span>
        {s.paused && <span className="badge warn">paused</span>}
        {s.failureStreak > 0 && (
          <span className="badge err">
            {s.failureStreak} failed run{s.failureStreak === 1 ? "" : "s"} in a row
          </span>
        )}
      </header>
      <dl className="source-facts">
        <div>
          <dt>Schedule</dt>
          <dd>
            {s.paused ? (
              <>paused{s.schedule ? ` (${s.schedule})` : ""}</>
            ) : (
              (s.schedule ?? <span className="muted">manual</span>)
            )}
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            <When at={s.nextRunAt} empty={s.paused ? "paused" : s.schedule ? "soon" : "manual"} />
          </dd>
        </div>
        <div>
          <dt>Last success</dt>
          <dd>
            <When at={s.lastSuccessAt} />
          </dd>
        </div>
        <div>
          <dt>Documents</dt>
          <dd>
            <Link href={`/admin/documents?source=${s.id}`}>{s.documents}</Link>
          </dd>
        </div>
        <div>
          {/* Only the fallback: access files and connector permissions grant per folder or item (the source page lists them). */}
          <dt>Default access (items without their own rules)</dt>
          <dd>{s.defaultAcl.length ? s.defaultAcl.join(", ") : <span className="muted">admins only</span>}</dd>
        </div>
        <div className="wide">
          <dt>Last run</dt>
          <dd>
            {run ? (
              <>
                <Link href={`/admin/runs/${run.id}`}>
                  <RunStatusBadge status={run.status} />{" "}
                  <When at={run.finishedAt ?? run.startedAt} empty="not started" />
                </Link>{" "}
                <span className="small muted">
                  {run.mode !== "sync" ? `${run.mode}, ` : ""}
                  {run.trigger}
                </span>
                <div className="small">
                  <RunCounts counts={run.counts} />
                  {failed > 0 && (
                    <>
                      {" · "}
                      <Link href={`/admin/runs/${run.id}`} className="error">
                        {failed} failed — see why
                      </Link>
                    </>
                  )}
                </div>
                {run.error && <div className="small error">{run.error}</div>}
              </>
            ) : (
              <span className="muted">never run</span>
            )}
          </dd>
        </div>
      </dl>
      <SourceActions
        id={s.id}
        name={s.name}
        paused={s.paused}
        documents={s.documents}
        showEdit={!ownPage}
        afterDelete={ownPage ? "list" : "refresh"}
      />
    </article>
  );
}
