import { eq, sql } from "drizzle-orm";
import { maskSecretValues } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { ingestionFiles, ingestionRuns, sources } from "@groundwork/db/schema";
import { shortError, type AclUpdate, type FileOutcome, type Pending, type RunProgress } from "../run-model";
import { applyAccess, applyAccessMany, storeDocuments, type Tx } from "./store-document";

export async function insertOutcomes(tx: Tx | Database, runId: string, rows: FileOutcome[]) {
  for (let i = 0; i < rows.length; i += 500) {
    const slice = rows.slice(i, i + 500);
    if (!slice.length) continue;
    await tx.insert(ingestionFiles).values(
      slice.map((o) => ({
        runId,
        path: o.path,
        outcome: o.outcome,
        // An item's error may quote its request (a token in a URL); shown in the console.
        error: o.error ? maskSecretValues(o.error) : null,
        documentId: o.documentId ?? null,
        chunks: o.chunks ?? 0,
        durationMs: o.durationMs,
      })),
    );
  }
}

/**
 * Ingestion transactions commit asynchronously: a crash of the database server may lose the
 * last fraction of a second of committed batches (their rows and their progress together, so
 * the run record never claims work that is not there). The next run redoes those files; a
 * version is still all-or-nothing, so nothing is half-applied or corrupted.
 */
async function ingestTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return fn(tx);
  });
}

/** Where the source's next pull starts; in the transaction of the batch it follows, so it never runs ahead of what is stored. */
export async function saveCheckpoint({
  tx,
  sourceId,
  value,
}: {
  tx: Tx | Database;
  sourceId: string;
  value: Record<string, unknown>;
}): Promise<void> {
  await tx.update(sources).set({ checkpoint: value }).where(eq(sources.id, sourceId));
}

/**
 * Adds a batch's counts to the run row in SQL, so concurrent batches never overwrite each
 * other's progress. It is the last statement of a batch transaction: the run row's lock is
 * taken after the BM25-stats locks, keeping one lock order across batches.
 */
async function recordProgress(tx: Tx | Database, runId: string, d: RunProgress) {
  await tx
    .update(ingestionRuns)
    .set({
      counts: sql`(select jsonb_object_agg(k, coalesce((${ingestionRuns.counts} ->> k)::int, 0) + coalesce((${JSON.stringify(d.counts)}::jsonb ->> k)::int, 0))
                   from jsonb_object_keys(${ingestionRuns.counts} || ${JSON.stringify(d.counts)}::jsonb) as k)`,
      progressDone: sql`${ingestionRuns.progressDone} + ${d.progressDone}`,
      chunksWritten: sql`${ingestionRuns.chunksWritten} + ${d.chunksWritten}`,
      embeddingCalls: sql`${ingestionRuns.embeddingCalls} + ${d.embeddingCalls}`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(ingestionRuns.id, runId));
}

/**
 * Commits a batch — its documents, ACL updates, per-file outcomes and the run's progress — in
 * one transaction. Files that failed before this point (parse errors) never enter it. If the
 * transaction fails (one bad row), each document is retried in its own transaction so one
 * failure costs one file, not the batch.
 */
export async function commitBatch({
  db,
  runId,
  pending,
  aclUpdates,
  outcomes,
  progress,
  onCommitted,
  checkpoint,
}: {
  db: Database;
  runId: string;
  pending: Pending[];
  aclUpdates: AclUpdate[];
  outcomes: FileOutcome[];
  /** The batch's contribution to the run's counts, from its final outcomes. */
  progress: (rows: FileOutcome[]) => RunProgress;
  onCommitted: (delta: RunProgress) => void;
  /** The pull's checkpoint that holds once this batch (and every earlier one) is stored: written in its transaction. */
  checkpoint?: { sourceId: string; value: Record<string, unknown> };
}): Promise<FileOutcome[]> {
  const writeMany = async (tx: Tx, items: Pending[]): Promise<FileOutcome[]> => {
    const { documentIds } = await storeDocuments({ tx, docs: items.map((p) => p.write) });
    return items.map((p, i) => ({
      path: p.write.path,
      outcome: p.outcome,
      documentId: documentIds[i]!,
      chunks: p.write.chunks.length,
      durationMs: Date.now() - p.started,
    }));
  };
  const aclOne = async (tx: Tx, a: AclUpdate): Promise<FileOutcome> => {
    await applyAccess({
      tx,
      documentId: a.id,
      acl: a.access.acl,
      tags: a.access.tags,
      owner: a.access.owner,
      metadata: a.metadata,
    });
    return {
      path: a.path,
      outcome: a.metadataOnly ? "unchanged" : "acl_updated",
      documentId: a.id,
      durationMs: Date.now() - a.started,
    };
  };
  try {
    const { rows, p } = await ingestTransaction(db, async (tx) => {
      const done: FileOutcome[] = await writeMany(tx, pending);
      await applyAccessMany({
        tx,
        updates: aclUpdates.map((a) => ({
          documentId: a.id,
          acl: a.access.acl,
          tags: a.access.tags,
          owner: a.access.owner,
          metadata: a.metadata,
        })),
      });
      for (const a of aclUpdates)
        done.push({
          path: a.path,
          outcome: a.metadataOnly ? "unchanged" : "acl_updated",
          documentId: a.id,
          durationMs: Date.now() - a.started,
        });
      if (checkpoint) await saveCheckpoint({ tx, ...checkpoint });
      const all = [...outcomes, ...done];
      await insertOutcomes(tx, runId, all);
      const p = progress(all);
      await recordProgress(tx, runId, p);
      return { rows: all, p };
    });
    onCommitted(p);
    return rows;
  } catch {
    const rows: FileOutcome[] = [...outcomes];
    for (const p of pending) {
      rows.push(
        await ingestTransaction(db, async (tx) => (await writeMany(tx, [p]))[0]!).catch((error: Error) => ({
          path: p.write.path,
          outcome: "failed" as const,
          error: `could not store: ${shortError(error)}`,
          durationMs: Date.now() - p.started,
        })),
      );
    }
    for (const a of aclUpdates) {
      rows.push(
        await ingestTransaction(db, (tx) => aclOne(tx, a)).catch((error: Error) => ({
          path: a.path,
          outcome: "failed" as const,
          error: `could not update access: ${shortError(error)}`,
          durationMs: Date.now() - a.started,
        })),
      );
    }
    const p = progress(rows);
    await ingestTransaction(db, async (tx) => {
      await insertOutcomes(tx, runId, rows);
      if (checkpoint) await saveCheckpoint({ tx, ...checkpoint });
      await recordProgress(tx, runId, p);
    });
    onCommitted(p);
    return rows;
  }
}
