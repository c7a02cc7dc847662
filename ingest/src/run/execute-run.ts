import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import type { IngestEnv } from "../env";
import { planRun } from "../plan/plan-run";
import { sharedParsePool, type ParsePool } from "../prepare/parse-pool";
import { prepareBatch } from "../prepare/prepare-batch";
import { createPhaseTimings, emptyProgress, shortError, type PhaseTimings, type RunCounts } from "../run-model";
import { applySupersedes } from "../store/apply-supersedes";
import { deleteVanished } from "../store/delete-vanished";
import { defaultStoreConcurrency } from "../store/store-concurrency";
import { upkeepAfterRun } from "../store/upkeep-after-run";
import { processBatches } from "./process-batches";
import { claimRun, finishRun, setProgressTotal, startHeartbeat, type RunStatus } from "./run-record";

export type ExecuteRunOptions = {
  db: Database;
  runId: string;
  embedder: Embedder;
  env: IngestEnv;
  /** Files per transaction; a batch is also the cancel/heartbeat checkpoint. */
  batchSize?: number;
  /** Batches committing at once (1 = strictly sequential); default 2 on a server, 1 on PGlite. */
  storeConcurrency?: number;
  /** Test hook for crash tests: slows each file so a run can be killed midway. */
  fileDelayMs?: number;
  /** Set by the worker on shutdown: the run stops at its next checkpoint. */
  shouldStop?: () => boolean;
  /** Where files are parsed; default the process's shared worker-thread pool. */
  parsePool?: ParsePool;
  /** Milliseconds per phase are added here (a benchmark passes its own object and reads it afterwards). */
  timings?: PhaseTimings;
};

/**
 * Executes one ingestion run: claim → plan (list the source, hash, compare with stored versions,
 * cut batches) → prepare (parse, chunk, embed, cache first) and store each batch in its own
 * transaction, pipelined → delete vanished files → apply `supersedes` → final status → index
 * upkeep. Per-file failures are recorded and the run goes on. Returns null when another worker
 * holds the run.
 */
export async function executeRun(options: ExecuteRunOptions): Promise<RunCounts | null> {
  const {
    db,
    runId,
    embedder,
    env,
    batchSize = 64,
    fileDelayMs = 0,
    shouldStop = () => false,
    timings = createPhaseTimings(),
  } = options;
  const parsePool = options.parsePool ?? sharedParsePool(env);
  const run = await claimRun({ db, runId, staleAfterMs: env.staleAfterMs });
  if (!run) return null;
  const tally = emptyProgress();
  const stopHeartbeat = startHeartbeat({ db, runId, staleAfterMs: env.staleAfterMs });
  const finish = (status: RunStatus, error: string | null) => finishRun({ db, runId, status, error, tally });
  try {
    const plan = await planRun({
      db,
      sourceId: run.sourceId,
      env,
      batchSize,
      fileDelayMs,
      onListed: (total) => setProgressTotal({ db, runId, total }),
    });
    const { source, existing, hashes } = plan;
    const ended = await processBatches({
      db,
      runId,
      batches: plan.batches,
      prepare: (batch) =>
        prepareBatch({
          db,
          batch,
          hashes,
          sourceId: source.id,
          existing,
          env,
          embedder,
          parsePool,
          fileDelayMs,
          timings,
        }),
      storeConcurrency: options.storeConcurrency ?? (await defaultStoreConcurrency(db)),
      shouldStop,
      tally,
      timings,
    });
    if (ended === "cancelled") await finish("cancelled", null);
    if (ended === "shutdown") await finish("failed", "The worker shut down during this run; run it again to continue.");
    if (ended !== "done") return tally.counts;
    await deleteVanished({ db, runId, sourceId: source.id, paths: plan.vanished, tally });
    await applySupersedes({ db, sourceId: source.id });
    const failed = tally.counts.failed;
    await finish(failed > 0 ? "partial" : "succeeded", failed > 0 ? `${failed} file(s) failed` : null);
    await upkeepAfterRun({ db, runId, tally });
    return tally.counts;
  } catch (error) {
    await finish("failed", shortError(error)).catch(() => undefined);
    throw error;
  } finally {
    stopHeartbeat();
  }
}
