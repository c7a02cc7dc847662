import PgBoss from "pg-boss";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { log as logger } from "@groundwork/core/logger";
import type { Database, DbHandle } from "@groundwork/db/client";
import { schema } from "@groundwork/db/client";
import { createEmbedder, type Embedder } from "@groundwork/models/embeddings";
import { ensureQueue, ensureTickQueue, INGEST_QUEUE, poolAdapter, SYNC_TICK_QUEUE, type RunJobData } from "./boss";
import { runSyncTick } from "./sync-tick";
import { readIngestEnv, type IngestEnv } from "../env";
import { createPhaseTimings, type PhaseTimings, type RunCounts } from "../run-model";
import { executeRun } from "./execute-run";

export type IngestWorker = { stop(): Promise<void> };

export type StartIngestWorkerOptions = {
  /** Reuse a process's open database (npm start, CLI)… */
  handle?: Pick<DbHandle, "db" | "pool">;
  /** …or connect to a Postgres URL (a worker machine, the embedded socket). */
  url?: string;
  embedder?: Embedder;
  env?: IngestEnv;
  pollingIntervalSeconds?: number;
  batchSize?: number;
  fileDelayMs?: number;
  /** Where progress lines go; by default the shared JSON logger at info. */
  log?: (line: string) => void;
  /**
   * Also run the scheduler: pg-boss fires the sync tick once a minute across every worker that
   * has it on (its cron monitor takes a lock, so two workers never both fire a minute), and the
   * tick queues the scheduled sources that are due. Worker processes turn it on; the CLI's
   * one-off worker and the tests leave it off.
   */
  scheduler?: boolean;
  /** Called after each run this worker executed, with its counts and where its time went (benchmarks). */
  onRunDone?: (result: { runId: string; counts: RunCounts; timings: PhaseTimings }) => void;
};

/**
 * A pg-boss consumer of ingestion runs. Any number of these may run, in any processes or
 * machines, against one Postgres: a run is claimed by exactly one of them (pg-boss locks the
 * job, the run row is claimed with a conditional update).
 */
export async function startIngestWorker(options: StartIngestWorkerOptions): Promise<IngestWorker> {
  const {
    url,
    handle,
    pollingIntervalSeconds = 1,
    batchSize,
    fileDelayMs,
    log = (line) => logger.info(line),
  } = options;
  if (!handle && !url) throw new Error("startIngestWorker needs a handle or a url");
  let ownPool: pg.Pool | undefined;
  let pool: pg.Pool;
  let db: Database;
  if (handle) {
    pool = handle.pool;
    db = handle.db;
  } else {
    // pg-boss polls while a run holds connections: a pool of one would deadlock.
    ownPool = new pg.Pool({ connectionString: url, max: 4 });
    ownPool.on("error", () => undefined);
    pool = ownPool;
    db = drizzle<typeof schema, pg.Pool>(ownPool, { schema });
  }
  const env = options.env ?? readIngestEnv();
  const embedder = options.embedder ?? createEmbedder();
  const boss = new PgBoss({
    db: poolAdapter(pool),
    schedule: options.scheduler === true,
    supervise: true,
    migrate: true,
  });
  boss.on("error", (error) => log(`[ingest] pg-boss: ${error.message}`));
  await boss.start();
  await ensureQueue(boss);
  if (options.scheduler) {
    await ensureTickQueue(boss);
    await boss.schedule(SYNC_TICK_QUEUE, "* * * * *");
    await boss.work(SYNC_TICK_QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      if (stopping) return;
      const { queued, resumed } = await runSyncTick({ db, staleAfterMs: env.staleAfterMs });
      if (queued.length || resumed.length) log(`[ingest] scheduler queued ${JSON.stringify({ queued, resumed })}`);
    });
  }
  let stopping = false;
  const active = new Set<Promise<unknown>>();
  await boss.work<RunJobData>(INGEST_QUEUE, { pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) {
      const timings = createPhaseTimings();
      const work = executeRun({
        db,
        runId: job.data.runId,
        embedder,
        env,
        ...(batchSize ? { batchSize } : {}),
        ...(fileDelayMs ? { fileDelayMs } : {}),
        shouldStop: () => stopping,
        timings,
      });
      active.add(work);
      try {
        const counts = await work;
        if (counts) log(`[ingest] run ${job.data.runId} done: ${JSON.stringify(counts)}`);
        if (counts) options.onRunDone?.({ runId: job.data.runId, counts, timings });
      } finally {
        active.delete(work);
      }
    }
  });
  return {
    async stop() {
      if (stopping) return;
      stopping = true;
      await Promise.allSettled([...active]);
      await boss.stop({ graceful: true, close: !ownPool, timeout: 10_000 }).catch(() => undefined);
      await ownPool?.end().catch(() => undefined);
    },
  };
}
