import type { Database } from "@groundwork/db/client";
import { auditEvents } from "@groundwork/db/schema";
import { log } from "./log";

export type AuditActor = { userId: string | null; username: string | null };

export type AuditEventInput = {
  db: Database;
  actor: AuditActor;
  /** e.g. search, chat, document.view, document.download, source.create, run.request, acl.update, user.update */
  action: string;
  target?: string | null;
  outcome?: "ok" | "denied" | "error" | "abstained" | string;
  latencyMs?: number | null;
  requestId?: string | null;
  /** Question text, retrieved/cited chunk ids, model ids… stored in the audit table, never logged. */
  detail?: Record<string, unknown>;
};

/**
 * Audit rows are written by the owner role (not under RLS) and read only through the admin
 * audit views. A failed audit write is logged loudly but does not fail the user's request.
 */
export async function recordAuditEvent({ db, actor, action, target = null, outcome = "ok", latencyMs = null, requestId = null, detail = {} }: AuditEventInput): Promise<void> {
  try {
    await db.insert(auditEvents).values({
      actorId: actor.userId,
      actorUsername: actor.username,
      action,
      target,
      outcome,
      latencyMs,
      requestId,
      detail,
    });
  } catch (error) {
    log.error("audit write failed", { action, requestId, error: (error as Error).message });
  }
}
