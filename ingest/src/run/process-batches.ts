import type { Database } from "@groundwork/db/client";
import type { PreparedBatch } from "../prepare/prepare-batch";
import { addProgress, emptyCounts, type FileOutcome, type PhaseTimings, type RunProgress } from "../run-model";
import type { PlannedBatch } from "../plan/plan-pages";
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
 * Runs the planned batches through prepare and store as a pipeline: Node parses, chunks and
 * embeds the next batch (and the connector fetches the next page) while Postgres stores this
 * one, and up to `storeConcurrency` batches commit at once (HNSW and GIN maintenance dominate a
 * first ingest, and a second backend uses the second core). A batch that replaces versions
 * deletes chunks before inserting them, so its BM25-stats locks are taken in two rounds; such a
 * batch commits alone, which rules out a deadlock between two batches of one run. A batch
 * carrying a page's checkpoint also commits alone, after every earlier batch: the checkpoint
 * never runs ahead of what is stored, so a killed run resumes exactly after its last committed
 * page. Before each commit is the stop point: a cancel or a worker shutdown ends the loop there.
 * A failed commit fails the run once the others have settled.
 */
export async function processBatches({
  db,
  runId,
  sourceId,
  batches,
  prepare,
  deleteGone,
  storeConcurrency,
  shouldStop,
  tally,
  timings,
}: {
  db: Database;
  runId: string;
  sourceId: string;
  batches: AsyncIterable<PlannedBatch>;
  prepare: (batch: PlannedBatch) => Promise<PreparedBatch>;
  /** Deletes stored ids a page reported gone (its own transaction, before the page's checkpoint). */
  deleteGone: (ids: string[]) => Promise<void>;
  storeConcurrency: number;
  shouldStop: () => boolean;
  /** The run's counters, added to as each batch commits. */
  tally: RunProgress;
  timings: PhaseTimings;
}): Promise<"done" | "cancelled" | "shutdown"> {
  const iterator = batches[Symbol.asyncIterator]();
  type Ready = { batch: PlannedBatch; prepared: PreparedBatch } | null;
  const startNext = (): Promise<Ready> => {
    const promise = iterator
      .next()
      .then(async (r) => (r.done ? null : { batch: r.value, prepared: await prepare(r.value) }));
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
  let next = startNext();
  try {
    for (;;) {
      const ready = await next.catch(async (error: unknown) => {
        await drain(0);
        throw error;
      });
      if (!ready) break;
      const { batch, prepared } = ready;
      // The stop point sits right before a commit (the previous batch may still be committing):
      // a read, not a write — the heartbeat is renewed inside each batch's transaction.
      const cancel = await cancelRequested({ db, runId });
      if (cancel || shouldStop() || store.failed) {
        await drain(0);
        if (store.failed) throw store.failure;
        return cancel ? "cancelled" : "shutdown";
      }
      next = startNext();
      // Deletions too: they may name an item an earlier batch of this run is still storing.
      const alone =
        batch.checkpoint !== undefined ||
        Boolean(batch.deleted?.length) ||
        prepared.pending.some((p) => p.write.previousId !== null);
      await drain(alone ? 0 : storeConcurrency - 1);
      if (store.failed) throw store.failure;
      if (batch.deleted?.length) await deleteGone(batch.deleted);
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
        ...(batch.checkpoint ? { checkpoint: { sourceId, value: batch.checkpoint } } : {}),
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
      if (alone) await drain(0);
    }
    await drain(0);
    if (store.failed) throw store.failure;
    return "done";
  } finally {
    // Closes the connector's pull (its connections, its crawl) however the loop ended.
    await next.catch(() => undefined);
    await iterator.return?.(undefined).catch(() => undefined);
  }
}
