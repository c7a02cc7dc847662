import { eq } from "drizzle-orm";
import { maskSecretValues } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { sources } from "@groundwork/db/schema";
import type { Embedder } from "@groundwork/models/embeddings";
import type { IngestEnv } from "../env";
import { loadExisting } from "../plan/load-existing";
import { planPages } from "../plan/plan-pages";
import { sharedParsePool, type ParsePool } from "../prepare/parse-pool";
import { prepareBatch } from "../prepare/prepare-batch";
import { createPhaseTimings, emptyProgress, shortError, type PhaseTimings, type RunCounts } from "../run-model";
import { isReauthorizationError } from "../sources/connector";
import { connectorFor } from "../sources/connectors";
import { openConnector } from "../sources/open-connector";
import { applySupersedes } from "../store/apply-supersedes";
import { deleteVanished } from "../store/delete-vanished";
import { defaultStoreConcurrency } from "../store/store-concurrency";
import { upkeepAfterRun } from "../store/upkeep-after-run";
import { aclPass } from "./acl-pass";
import { processBatches } from "./process-batches";
import { runPendingChanges } from "./queue-changes";
import { pruneSource } from "./prune-source";
import { failedSinceLastCompletedRun, withRetries } from "./retry-failed";
import { addProgressTotal, claimRun, finishRun, startHeartbeat, type RunStatus } from "./run-record";
import { recordRunOutcome, WORKER_SHUTDOWN } from "./schedule-state";

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
 * Executes one ingestion run of a source through its connector: claim → open the connector
 * (config, secrets, what is stored) → pull pages from the source's checkpoint → plan each page
 * (hash or version tag, compare, cut batches) → prepare (parse, chunk, embed, cache first) and
 * store each batch in its own transaction, pipelined, the page's checkpoint committed with its
 * last batch → prune (list ids, delete what is gone) on prune runs → apply `supersedes` → final
 * status → index upkeep. An `acl` run re-decides access only. Per-item failures are recorded and
 * the run goes on; a source that cannot be reached fails the run, keeping every stored version
 * searchable. Returns null when another worker holds the run.
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
  const stop = new AbortController();
  // Asked once per stop point: the abort and the answer must agree (a predicate that flips
  // between two calls would abort the pull yet let the batch commit, or the reverse).
  const stopping = () => {
    const stopNow = shouldStop();
    if (stopNow && !stop.signal.aborted) stop.abort(new Error("the worker is shutting down"));
    return stopNow;
  };
  const finish = async (status: RunStatus, error: string | null, cause?: unknown) => {
    // A source's error often quotes the request (a token in a URL): the run record is shown in
    // the console, so the decrypted secrets are masked as the logger masks them.
    await finishRun({ db, runId, status, error: error === null ? null : maskSecretValues(error), tally });
    await recordRunOutcome({ db, sourceId: run.sourceId, trigger: run.trigger, status, cause });
    await recordAuthorization({ db, sourceId: run.sourceId, status, cause, error });
    // Notifications that arrived while this run held the source: their run starts now.
    if (cause !== WORKER_SHUTDOWN) await runPendingChanges({ db, sourceId: run.sourceId });
  };
  // The connector once it is open, for its afterRun hook on a failed run too.
  let opened: Awaited<ReturnType<typeof openConnector>> | null = null;
  try {
    const [row] = await db.select().from(sources).where(eq(sources.id, run.sourceId));
    if (!row) throw new Error("The source of this run no longer exists.");
    const existing = await loadExisting({ db, sourceId: row.id });
    const connector = connectorFor(row.kind);
    // A kind that cannot fetch items by id serves a notification with an incremental sync.
    const targetIds = run.targetIds && (run.mode === "acl" || connector.pullItems) ? run.targetIds : null;
    const open = await openConnector({ db, row, existing, signal: stop.signal, targetIds });
    opened = open;
    // The system's groups first, so every item's grants resolve against today's membership
    // (a targeted run is about its items: the periodic permission run keeps groups current).
    if (open.connector.syncIdentities && !targetIds) {
      const groups = await open.connector.syncIdentities({ config: open.config, ctx: open.ctx });
      await open.ctx.identities.mirrorGroups(groups);
    }
    let ended: "done" | "cancelled" | "shutdown";
    if (run.mode === "acl") {
      // The pass visits live documents only; deleted and superseded paths are not steps.
      const targets = targetIds ? new Set(targetIds) : null;
      const live = [...existing.entries()].filter(([id, e]) => e.status === "active" && (!targets || targets.has(id)));
      await addProgressTotal({ db, runId, steps: live.length });
      ended = await aclPass({ db, runId, open, existing, tally, shouldStop: stopping });
      if (ended === "done" && !targetIds)
        await db.update(sources).set({ lastPermissionSyncAt: new Date() }).where(eq(sources.id, row.id));
    } else {
      const pages =
        targetIds && open.connector.pullItems
          ? open.connector.pullItems({ config: open.config, ids: targetIds, ctx: open.ctx })
          : withRetries({
              open,
              // The cursor has moved past earlier failures: a kind that can fetch by id is asked for them again.
              retryIds: open.connector.pullItems
                ? await failedSinceLastCompletedRun({ db, sourceId: row.id, runId })
                : [],
              pages: open.connector.pull({ config: open.config, checkpoint: row.checkpoint ?? null, ctx: open.ctx }),
            });
      ended = await processBatches({
        db,
        runId,
        sourceId: row.id,
        // With the slow-file test hook every file is costly, so batches go back to `batchSize` files.
        batches: planPages({
          pages,
          existing,
          batchSize,
          maxFiles: fileDelayMs ? batchSize : batchSize * 8,
          maxBytes: env.maxFileBytes,
          onPage: (steps) => addProgressTotal({ db, runId, steps }),
        }),
        prepare: (batch) =>
          prepareBatch({
            db,
            batch: batch.entries,
            hashes: batch.hashes,
            sourceId: row.id,
            existing,
            env,
            embedder,
            parsePool,
            fileDelayMs,
            timings,
          }),
        deleteGone: (ids) => deleteVanished({ db, runId, sourceId: row.id, paths: ids, tally }),
        storeConcurrency: options.storeConcurrency ?? (await defaultStoreConcurrency(db)),
        shouldStop: stopping,
        tally,
        timings,
      });
      if (ended === "done" && !targetIds && (run.mode === "prune" || open.connector.pruneEachRun))
        await pruneSource({ db, runId, open, existing, tally });
      await open.connector.afterRun?.({ runId, ctx: open.ctx });
    }
    if (ended === "cancelled") await finish("cancelled", null);
    if (ended === "shutdown")
      await finish(
        "failed",
        "The worker shut down during this run; it continues from its checkpoint.",
        WORKER_SHUTDOWN,
      );
    if (ended !== "done") return tally.counts;
    await applySupersedes({ db, sourceId: row.id });
    const failed = tally.counts.failed;
    await finish(failed > 0 ? "partial" : "succeeded", failed > 0 ? `${failed} item(s) failed` : null);
    await upkeepAfterRun({ db, runId, tally });
    return tally.counts;
  } catch (error) {
    // What the failed run did commit is still recorded (its checkpoint moved past those items).
    if (opened && run.mode !== "acl")
      await opened.connector.afterRun?.({ runId, ctx: opened.ctx }).catch(() => undefined);
    await finish("failed", shortError(error), error).catch(() => undefined);
    throw error;
  } finally {
    stopHeartbeat();
  }
}

/**
 * The re-authorisation state: a run failing with ReauthorizationError (a revoked OAuth grant)
 * marks the source, which pauses its schedule (see sync-tick) until its secrets are updated; a
 * run that succeeds clears it.
 */
async function recordAuthorization({
  db,
  sourceId,
  status,
  cause,
  error,
}: {
  db: Database;
  sourceId: string;
  status: RunStatus;
  cause: unknown;
  error: string | null;
}): Promise<void> {
  if (status === "failed" && isReauthorizationError(cause)) {
    await db
      .update(sources)
      .set({ reauthReason: maskSecretValues(error ?? cause.message), reauthSince: new Date() })
      .where(eq(sources.id, sourceId));
  } else if (status === "succeeded" || status === "partial") {
    await db.update(sources).set({ reauthReason: null, reauthSince: null }).where(eq(sources.id, sourceId));
  }
}
