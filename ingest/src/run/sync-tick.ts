import { and, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { isGroundworkError } from "@groundwork/core/errors";
import { log } from "@groundwork/core/logger";
import { sources } from "@groundwork/db/schema";
import { expireStaleRuns, requestRun } from "./runs";
import { nextRunAfter, parseSchedule, pruneDue } from "./schedule-state";

/**
 * One scheduler tick (pg-boss fires it once a minute across all workers, see start-ingest-worker):
 * runs whose worker died are expired and their sources queued again at once — the new run
 * continues from the checkpoint — then every unpaused source that is due is queued (a scheduled
 * one by its schedule; one run by hand only when a worker shutdown stopped its run midway),
 * as a prune run when its prune cadence is due too. The one-active-run index makes a source
 * that is still running a no-op; a source is booked for its regular next run as it is queued,
 * so a slow queue never double-books it.
 */
export async function runSyncTick({
  db,
  now = new Date(),
  staleAfterMs,
}: {
  db: Database;
  now?: Date;
  staleAfterMs?: number;
}): Promise<{ queued: string[]; resumed: string[] }> {
  const expired = await expireStaleRuns({ db, ...(staleAfterMs !== undefined ? { staleAfterMs } : {}) });
  const resumed: string[] = [];
  for (const run of expired) {
    const [row] = await db.select().from(sources).where(eq(sources.id, run.sourceId));
    if (!row || row.paused) continue;
    if (await queue({ db, source: row.id, trigger: run.trigger, mode: run.mode })) resumed.push(row.name);
  }
  const due = await db
    .select()
    .from(sources)
    .where(
      and(
        eq(sources.paused, false),
        or(
          and(isNotNull(sources.schedule), isNull(sources.nextRunAt)),
          // A source with no schedule has a next run only when a run stopped at a worker
          // shutdown asked to be continued from its checkpoint.
          lte(sources.nextRunAt, sql`${now.toISOString()}::timestamptz`),
        ),
      ),
    );
  const queued: string[] = [];
  for (const row of due) {
    let next: Date | null = null;
    try {
      if (row.schedule) next = nextRunAfter({ schedule: parseSchedule(row.schedule), from: now });
    } catch (error) {
      log.warn("source has an invalid schedule", { source: row.name, error: (error as Error).message });
      continue;
    }
    await db.update(sources).set({ nextRunAt: next }).where(eq(sources.id, row.id));
    const mode = row.schedule && pruneDue({ row, now }) ? "prune" : "sync";
    if (await queue({ db, source: row.id, trigger: "schedule", mode })) queued.push(row.name);
  }
  return { queued, resumed };
}

async function queue({
  db,
  source,
  trigger,
  mode,
}: {
  db: Database;
  source: string;
  trigger: "user" | "cli" | "schedule" | "webhook" | "push";
  mode: "sync" | "prune" | "acl";
}): Promise<boolean> {
  try {
    await requestRun({ db, source, trigger, mode });
    return true;
  } catch (error) {
    if (isGroundworkError(error) && error.code === "conflict") return false;
    throw error;
  }
}
