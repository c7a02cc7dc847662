import { eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { isGroundworkError } from "@groundwork/core/errors";
import { sources } from "@groundwork/db/schema";
import { requestRun, type RunTrigger } from "./runs";

export type Changes = { ids: string[] | null; aclOnly: boolean };

/** Two notifications as one: any incremental one makes the union incremental; content beats permissions-only. */
export function mergeChanges(a: Changes | null, b: Changes): Changes {
  if (!a) return b;
  const ids = a.ids === null || b.ids === null ? null : [...new Set([...a.ids, ...b.ids])].sort();
  return { ids, aclOnly: a.aclOnly && b.aclOnly };
}

/**
 * A change notification's targeted run, queued at once on the pg-boss queue: an acl run over
 * the ids when only their permissions changed, else a sync of them (null ids: an incremental
 * sync). While another run of the source is active the changes are kept on the source and run
 * as soon as it ends (`runPendingChanges`), so a notification is never dropped.
 */
export async function queueChanges({
  db,
  sourceId,
  changes,
  trigger = "webhook",
}: {
  db: Database;
  sourceId: string;
  changes: Changes;
  trigger?: RunTrigger;
}): Promise<{ queued: boolean; runId?: string }> {
  try {
    const { runId } = await requestRun({
      db,
      source: sourceId,
      trigger,
      mode: changes.aclOnly ? "acl" : "sync",
      targetIds: changes.ids,
    });
    return { queued: true, runId };
  } catch (error) {
    if (!(isGroundworkError(error) && error.code === "conflict")) throw error;
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ pending: sources.pendingChanges })
        .from(sources)
        .where(eq(sources.id, sourceId))
        .for("update");
      await tx
        .update(sources)
        .set({ pendingChanges: mergeChanges(row?.pending ?? null, changes) })
        .where(eq(sources.id, sourceId));
    });
    return { queued: false };
  }
}

/** After a run ends: the notifications that arrived during it, queued now (and cleared). */
export async function runPendingChanges({ db, sourceId }: { db: Database; sourceId: string }): Promise<void> {
  const pending = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ pending: sources.pendingChanges, paused: sources.paused })
      .from(sources)
      .where(eq(sources.id, sourceId))
      .for("update");
    if (!row?.pending) return null;
    await tx.update(sources).set({ pendingChanges: null }).where(eq(sources.id, sourceId));
    return row.paused ? null : row.pending;
  });
  if (pending) await queueChanges({ db, sourceId, changes: pending });
}
