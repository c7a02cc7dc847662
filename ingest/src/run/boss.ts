import PgBoss from "pg-boss";
import type pg from "pg";
import { log } from "@groundwork/core/logger";

export const INGEST_QUEUE = "groundwork-ingest-run";
/** The scheduler's once-a-minute tick (run/sync-tick.ts). */
export const SYNC_TICK_QUEUE = "groundwork-sync-tick";

export type RunJobData = { runId: string };

/** pg-boss over an existing node-postgres pool, so it shares the process's connections and mode. */
export function poolAdapter(pool: pg.Pool): PgBoss.Db {
  return {
    async executeSql(text: string, values: unknown[]) {
      const result = await pool.query(text, values);
      return { rows: result.rows };
    },
  };
}

const started = new WeakMap<pg.Pool, Promise<PgBoss>>();

/**
 * A send-only pg-boss bound to a pool (installs pg-boss's schema on first use). Maintenance and
 * scheduling stay with the workers; this instance only enqueues and cancels.
 */
export function senderFor(pool: pg.Pool): Promise<PgBoss> {
  let boss = started.get(pool);
  if (!boss) {
    boss = (async () => {
      const b = new PgBoss({ db: poolAdapter(pool), supervise: false, schedule: false, migrate: true });
      b.on("error", (error) => log.error("pg-boss error", { error: error.message }));
      await b.start();
      await ensureQueue(b);
      return b;
    })();
    started.set(pool, boss);
    boss.catch(() => started.delete(pool));
  }
  return boss;
}

/**
 * createQueue once across processes: two workers starting together both find no queue and both
 * create it; pg-boss 10's create_queue then deadlocks (40P01) or hits the unique name (23505) in
 * one of them, which killed that worker at start. The loser waits a moment and finds the queue.
 */
async function createQueueOnce(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, options);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= 5 || (code !== "40P01" && code !== "23505")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(Math.random() * 200)));
    }
  }
}

export async function ensureQueue(boss: PgBoss): Promise<void> {
  await createQueueOnce(boss, INGEST_QUEUE, {
    name: INGEST_QUEUE,
    // A run is resumable by design (unchanged files are skipped), so a lost worker's job is
    // simply retried once by another worker after it expires.
    retryLimit: 1,
    retryDelay: 5,
    expireInSeconds: 4 * 3600,
  });
}

export async function ensureTickQueue(boss: PgBoss): Promise<void> {
  // A missed tick is simply the next minute's work: no retries, and a tick older than a few minutes is dropped.
  await createQueueOnce(boss, SYNC_TICK_QUEUE, {
    name: SYNC_TICK_QUEUE,
    retryLimit: 0,
    expireInSeconds: 300,
    policy: "singleton",
  });
}
