import type { Database } from "@groundwork/db/client";
import { isConnectionError } from "@groundwork/core/pg-errors";
import { isGroundworkError } from "@groundwork/core/errors";
import { auditEvents } from "@groundwork/db/schema";
import { log } from "@groundwork/core/logger";

export type AuditActor = { userId: string | null; username: string | null };

export type AuditEventInput = {
  db: Database;
  actor: AuditActor;
  /** e.g. search, chat, document.view, document.download, conversation.view, source.create, run.request, acl.update, user.update */
  action: string;
  target?: string | null;
  /** ok, abstained, denied, not_found, invalid, rate_limited, cancelled, partial or error. */
  outcome?: string;
  latencyMs?: number | null;
  requestId?: string | null;
  /** Question text, retrieved/cited chunk ids, model ids, error codes… stored in the audit table, never logged. */
  detail?: Record<string, unknown>;
};

type AuditRow = typeof auditEvents.$inferInsert;

// Rows that could not be written while the database was unreachable. Bounded: an outage of
// hours must not grow the web process without limit; what is dropped is logged.
export const MAX_PENDING_AUDIT_EVENTS = 1_000;
const pending: AuditRow[] = [];
let dropped = 0;
let flushing: Promise<void> | null = null;

function unreachable(error: unknown): boolean {
  return (
    isConnectionError(error) ||
    (isGroundworkError(error) && (error.code === "db_unavailable" || error.code === "db_locked"))
  );
}

function hold({ rows, first = false }: { rows: AuditRow[]; first?: boolean }): void {
  if (first) pending.unshift(...rows);
  else pending.push(...rows);
  // Over the bound the oldest rows go: the newest describe the outage as it ends.
  const over = pending.length - MAX_PENDING_AUDIT_EVENTS;
  if (over > 0) {
    pending.splice(0, over);
    // Once per outage, not once per request: an outage must not also flood the log.
    if (dropped === 0) log.error("audit rows dropping: database unavailable too long", { held: pending.length });
    dropped += over;
  }
}

/** Rows held back while the database was down, waiting for the next successful write. */
export function pendingAuditEventCount(): number {
  return pending.length;
}

/** Writes the held-back rows (each keeps the time of its event); while the database stays unreachable they stay held. */
export async function flushPendingAuditEvents({ db }: { db: Database }): Promise<void> {
  if (flushing) return flushing;
  if (pending.length === 0) return;
  const batch = pending.splice(0, pending.length);
  flushing = (async () => {
    try {
      await db.insert(auditEvents).values(batch);
      log.warn("deferred audit rows written", { rows: batch.length, dropped });
      dropped = 0;
    } catch (error) {
      // Down again: keep them. Anything else would fail the same way on every retry.
      if (unreachable(error)) hold({ rows: batch, first: true });
      else
        log.error("deferred audit rows dropped: write failed", { rows: batch.length, error: (error as Error).message });
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/**
 * Audit rows are written by the owner role (not under RLS) and read only through the admin
 * audit views. A failed audit write is logged loudly but does not fail the user's request;
 * when the database is unreachable the row is held in memory and written with the next
 * successful one, so a request that failed because the database was down is still audited.
 */
export async function recordAuditEvent({
  db,
  actor,
  action,
  target = null,
  outcome = "ok",
  latencyMs = null,
  requestId = null,
  detail = {},
}: AuditEventInput): Promise<void> {
  const row: AuditRow = {
    actorId: actor.userId,
    actorUsername: actor.username,
    action,
    target,
    outcome,
    latencyMs,
    requestId,
    detail,
  };
  try {
    await db.insert(auditEvents).values(row);
  } catch (error) {
    if (unreachable(error)) {
      hold({ rows: [{ ...row, at: new Date() }] });
      if (pending.length === 1) log.warn("audit writes deferred: database unavailable", { action, requestId });
    } else {
      log.error("audit write failed", { action, requestId, error: (error as Error).message });
    }
    return;
  }
  if (pending.length) await flushPendingAuditEvents({ db });
}
