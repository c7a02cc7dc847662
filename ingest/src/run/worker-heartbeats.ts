import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { workerHeartbeats } from "@groundwork/db/schema";

/**
 * `worker_heartbeats`, owned here beside the runs the workers execute: the worker process
 * (apps/worker) records a beat every few seconds and clears it on a clean stop; `/api/ready`
 * reads liveness through `readWorkerLiveness`. Nothing else touches the table.
 */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;

/** Upserts a worker's row with the database's `now()`. */
export async function recordWorkerBeat({
  db,
  id,
  kind,
  host,
  pid,
}: {
  db: Database;
  id: string;
  kind: string;
  host: string;
  pid: number;
}): Promise<void> {
  await db
    .insert(workerHeartbeats)
    .values({ id, kind, host, pid })
    .onConflictDoUpdate({ target: workerHeartbeats.id, set: { beatAt: sql`now()` } });
}

/** Removes a worker's row (a clean stop: readiness stops counting it at once). */
export async function clearWorkerBeat({ db, id }: { db: Database; id: string }): Promise<void> {
  await db.delete(workerHeartbeats).where(eq(workerHeartbeats.id, id));
}

/** The freshest heartbeat of a kind, judged by the database clock so host clock skew cannot lie. */
export async function readWorkerLiveness({
  db,
  kind,
  maxAgeMs = 3 * DEFAULT_HEARTBEAT_INTERVAL_MS,
}: {
  db: Database;
  kind: string;
  maxAgeMs?: number;
}): Promise<{ alive: boolean; workers: number; lastBeatAgeMs: number | null }> {
  const rows = await db
    .select({ ageMs: sql<number>`(extract(epoch from (now() - ${workerHeartbeats.beatAt})) * 1000)::float8` })
    .from(workerHeartbeats)
    .where(eq(workerHeartbeats.kind, kind))
    .orderBy(desc(workerHeartbeats.beatAt));
  const fresh = rows.filter((r) => r.ageMs <= maxAgeMs);
  return { alive: fresh.length > 0, workers: fresh.length, lastBeatAgeMs: rows[0] ? Math.round(rows[0].ageMs) : null };
}
