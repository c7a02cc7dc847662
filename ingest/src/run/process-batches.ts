import type { Database } from "@groundwork/db/client";
import type { PreparedBatch } from "../prepare/prepare-batch";
import { addProgress, emptyCounts, type FileOutcome, type PhaseTimings, type RunProgress } from "../run-model";
import type { SourceEntry } from "../sources/source";
import { commitBatch } from "../store/commit-batch";
import { cancelRequested } from "./run-record";

/** A batch's contribution to the run's counts, from its final outcomes. */
const batchProgress =
  (prepared: PreparedBatch) =>
  (rows: FileOutcome[]): RunProgress => {
    const delta: RunProgress = {
      counts: emptyCounts(),
      progressDone: prepared.size,
      chunksWritten: 0,
      embeddingCalls: prepared.embedded,
    };
    for (const o of rows) {
      delta.counts.seen++;
      if (o.outcome === "acl_updated") delta.counts.aclUpdated++;
      else if (o.outcome !== "deleted") delta.counts[o.outcome]++;
      delta.chunksWritten += o.chunks ?? 0;
    }
    return delta;
  };

/**
 * Runs the batches through prepare and store as a pipeline: Node parses, chunks and embeds the
 * next batch while Postgres stores this one, and up to `storeConcurrency` batches commit at once
 * (HNSW and GIN maintenance dominate a first ingest, and a second backend uses the second core).
 * A batch that replaces versions deletes chunks before inserting them, so its BM25-stats locks
 * are taken in two rounds; such a batch commits alone, which rules out a deadlock between two
 * batches of one run. Before each commit is the checkpoint: a cancel or a worker shutdown ends
 * the loop there. A failed commit fails the run once the others have settled.
 */
export async function processBatches({
  db,
  runId,
  batches,
  prepare,
  storeConcurrency,
  shouldStop,
  tally,
  timings,
}: {
  db: Database;
  runId: string;
  batches: SourceEntry[][];
  prepare: (batch: SourceEntry[]) => Promise<PreparedBatch>;
  storeConcurrency: number;
  shouldStop: () => boolean;
  /** The run's counters, added to as each batch commits. */
  tally: RunProgress;
  timings: PhaseTimings;
}): Promise<"done" | "cancelled" | "shutdown"> {
  const startPrepare = (batch: SourceEntry[] | undefined) => {
    if (!batch) return null;
    const promise = prepare(batch);
    // Awaited later; this only keeps an early failure from being an unhandled rejection.
    promise.catch(() => undefined);
    return promise;
  };
  const inflight = new Set<Promise<unknown>>();
  const drain = async (limit: number) => {
    while (inflight.size > limit) await Promise.race(inflight);
  };
  // The first commit that failed (a holder: commits settle in callbacks the loop cannot see).
  const store: { failed: boolean; failure: unknown } = { failed: false, failure: null };
  let next = startPrepare(batches[0]);
  for (let b = 0; b < batches.length; b++) {
    const prepared = await next!.catch(async (error: unknown) => {
      await drain(0);
      throw error;
    });
    // The checkpoint sits right before a commit (the previous batch may still be committing):
    // a read, not a write — the heartbeat is renewed inside each batch's transaction.
    const cancel = await cancelRequested({ db, runId });
    if (cancel || shouldStop() || store.failed) {
      await drain(0);
      if (store.failed) throw store.failure;
      return cancel ? "cancelled" : "shutdown";
    }
    next = startPrepare(batches[b + 1]);
    const exclusive = prepared.pending.some((p) => p.write.previousId !== null);
    await drain(exclusive ? 0 : storeConcurrency - 1);
    const mark = performance.now();
    // Counts and progress commit with the batch's rows: a killed run never reports work it
    // did not commit, and a batch costs one transaction.
    const commit = commitBatch({
      db,
      runId,
      pending: prepared.pending,
      aclUpdates: prepared.aclUpdates,
      outcomes: prepared.outcomes,
      progress: batchProgress(prepared),
      onCommitted: (delta) => {
        addProgress(tally, delta);
        timings.store += performance.now() - mark;
      },
    }).then(
      () => undefined,
      (error: unknown) => {
        if (store.failed) return;
        store.failed = true;
        store.failure = error;
      },
    );
    inflight.add(commit);
    void commit.finally(() => inflight.delete(commit));
    if (exclusive) await drain(0);
  }
  await drain(0);
  if (store.failed) throw store.failure;
  return "done";
}
