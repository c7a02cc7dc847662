import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "@groundwork/db/client";
import { repoRoot } from "@groundwork/db/paths";
import { isConnectionError } from "@groundwork/core/pg-errors";
import { isGroundworkError } from "@groundwork/core/errors";
import { auditEvents } from "@groundwork/db/schema";
import { log } from "@groundwork/core/logger";
import { createAuditSpool, type AuditSpool } from "./audit-spool";
import { readAuditEnv } from "./env";

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

let spool: AuditSpool | null = null;
let spooledHere = false;
let overflowLogged = false;
let replaying: Promise<number> | null = null;
let retryTimer: NodeJS.Timeout | null = null;
let lastDb: Database | null = null;

const spoolMaxBytes = () => readAuditEnv().GROUNDWORK_AUDIT_SPOOL_MAX_MB * 1024 * 1024;

function auditSpool(): AuditSpool {
  spool ??= createAuditSpool({
    dir: path.resolve(readAuditEnv().GROUNDWORK_AUDIT_SPOOL_DIR ?? path.join(repoRoot(), ".groundwork", "audit-spool")),
    maxBytes: spoolMaxBytes(),
  });
  return spool;
}

/** Tests: a spool in another folder (as a new process would open it), optionally with a small cap. */
export function useAuditSpool({ dir, maxBytes }: { dir: string; maxBytes?: number }): void {
  spool = createAuditSpool({ dir, maxBytes: maxBytes ?? spoolMaxBytes() });
  spooledHere = false;
  overflowLogged = false;
}

function unreachable(error: unknown): boolean {
  return (
    isConnectionError(error) ||
    (isGroundworkError(error) && (error.code === "db_unavailable" || error.code === "db_locked"))
  );
}

/** Rows spooled to disk and not yet in the database (this process's and dead processes' on this host). */
export function pendingAuditEventCount(): number {
  return auditSpool().pendingCount();
}

const REPLAY_BATCH = 500;

/**
 * Writes spooled rows (each keeps the time of its event) and deletes their files. Idempotent by
 * event id, so a replay cut off by a crash, or two processes replaying, never writes a row twice.
 * While the database stays unreachable the files stay. Returns the rows inserted now.
 */
export async function replayAuditSpool({
  db,
  orphans = false,
}: {
  db: Database;
  /**
   * Also dead processes' files on this host: only a process that serves the deployment's database
   * at start (startAuditRetention) claims those — a short-lived process (a CLI, a test) pointed at
   * another database must not take rows that belong to the deployment's.
   */
  orphans?: boolean;
}): Promise<number> {
  if (replaying) return replaying;
  replaying = (async () => {
    const s = auditSpool();
    let inserted = 0;
    for (const file of s.claim({ orphans })) {
      const rows = s.read(file);
      try {
        for (let i = 0; i < rows.length; i += REPLAY_BATCH) {
          const written = await db
            .insert(auditEvents)
            .values(rows.slice(i, i + REPLAY_BATCH))
            .onConflictDoNothing({ target: auditEvents.eventId })
            .returning({ id: auditEvents.id });
          inserted += written.length;
        }
      } catch (error) {
        // Down again: the claimed file stays and is replayed next time.
        if (unreachable(error)) return inserted;
        // Anything else would fail the same way on every retry: set the file aside for an operator.
        log.error("spooled audit rows rejected", { file, rows: rows.length, error: (error as Error).message });
        fs.renameSync(file, `${file}.rejected`);
        continue;
      }
      s.done(file);
    }
    // Rows the full spool could not hold: one event per tally says how many and when.
    for (const { file, overflow } of s.claimOverflows({ orphans })) {
      try {
        await db
          .insert(auditEvents)
          .values({
            eventId: overflow.eventId,
            at: new Date(overflow.first),
            actorId: null,
            actorUsername: "system",
            action: "audit.spool_overflow",
            outcome: "error",
            detail: {
              dropped: overflow.dropped,
              first: overflow.first,
              last: overflow.last,
              host: overflow.host,
              pid: overflow.pid,
            },
          })
          .onConflictDoNothing({ target: auditEvents.eventId });
      } catch (error) {
        if (unreachable(error)) return inserted;
        log.error("audit overflow tally rejected", { file, error: (error as Error).message });
        fs.renameSync(file, `${file}.rejected`);
        continue;
      }
      log.error("audit rows were dropped while the spool was full", {
        rows: overflow.dropped,
        from: overflow.first,
        to: overflow.last,
      });
      s.done(file);
    }
    overflowLogged = false;
    spooledHere = false;
    if (retryTimer) clearInterval(retryTimer);
    retryTimer = null;
    if (inserted) log.warn("spooled audit rows written", { rows: inserted });
    return inserted;
  })().finally(() => {
    replaying = null;
  });
  return replaying;
}

function spoolRow(row: AuditRow & { eventId: string }): void {
  const first = !spooledHere;
  const kept = auditSpool().append({ ...row, at: new Date() });
  spooledHere = true;
  if (!kept && !overflowLogged) {
    overflowLogged = true;
    log.error("audit spool full: further rows are counted, not kept, until the database is back", {
      dir: auditSpool().dir,
      maxMb: readAuditEnv().GROUNDWORK_AUDIT_SPOOL_MAX_MB,
    });
  }
  // Once per outage, not once per request.
  if (first) log.warn("audit writes spooled to disk: database unavailable", { dir: auditSpool().dir });
  // Reconnect without waiting for the next request's audit write.
  if (!retryTimer && lastDb) {
    const db = lastDb;
    retryTimer = setInterval(
      () => void replayAuditSpool({ db }).catch(() => undefined),
      readAuditEnv().GROUNDWORK_AUDIT_SPOOL_RETRY_MS,
    );
    retryTimer.unref();
  }
}

/**
 * Audit rows are written by the owner role (not under RLS) and read only through the admin
 * audit views. A failed audit write is logged loudly but does not fail the user's request;
 * when the database is unreachable the row is appended to the local spool file and fsync'd
 * before this returns (write-ahead: never only in memory), and replayed — at start, with the
 * next successful write, or by the retry timer — so a request that failed because the
 * database was down is still audited, even if the process is killed meanwhile.
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
  const row: AuditRow & { eventId: string } = {
    eventId: randomUUID(),
    actorId: actor.userId,
    actorUsername: actor.username,
    action,
    target,
    outcome,
    latencyMs,
    requestId,
    detail,
  };
  lastDb = db;
  try {
    await db.insert(auditEvents).values(row);
  } catch (error) {
    if (unreachable(error)) spoolRow(row);
    else log.error("audit write failed", { action, requestId, error: (error as Error).message });
    return;
  }
  // Reconnected after an outage: this process's own spooled rows.
  if (spooledHere)
    await replayAuditSpool({ db }).catch((error: Error) =>
      log.error("audit spool replay failed", { error: error.message }),
    );
}
