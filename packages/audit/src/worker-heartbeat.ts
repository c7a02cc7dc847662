import os from "node:os";
import { randomUUID } from "node:crypto";
import { desc, eq, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { workerHeartbeats } from "@groundwork/db/schema";
import { log } from "@groundwork/core/logger";

export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;

/**
 * Background workers call this once at start: the row is upserted every `intervalMs` and
 * removed on a clean stop, so `/api/ready` can tell whether some worker is alive anywhere.
 */
export function startWorkerHeartbeat({
  db,
  kind,
  intervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS,
}: {
  db: Database;
  kind: string;
  intervalMs?: number;
}): { id: string; beat(): Promise<void>; stop(): Promise<void> } {
  const id = `${kind}:${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const beat = async () => {
    try {
      await db
        .insert(workerHeartbeats)
        .values({ id, kind, host: os.hostname(), pid: process.pid })
        .onConflictDoUpdate({ target: workerHeartbeats.id, set: { beatAt: sql`now()` } });
    } catch (error) {
      // The database may be restarting; the next beat retries.
      log.warn("worker heartbeat failed", { kind, error: (error as Error).message });
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return {
    id,
    beat,
    async stop() {
      clearInterval(timer);
      await db.delete(workerHeartbeats).where(eq(workerHeartbeats.id, id)).catch(() => undefined);
    },
  };
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
