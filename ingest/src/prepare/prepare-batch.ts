import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import { FileError } from "../document-model";
import type { IngestEnv } from "../env";
import type { Existing } from "../plan/load-existing";
import { shortError, type AclUpdate, type FileOutcome, type Pending, type PhaseTimings } from "../run-model";
import type { SourceEntry } from "../sources/connector";
import { embedChunks } from "./embed-chunks";
import type { ParsePool } from "./parse-pool";
import { prepareFile } from "./prepare-file";

export type PreparedBatch = {
  size: number;
  outcomes: FileOutcome[];
  pending: Pending[];
  aclUpdates: AclUpdate[];
  embedded: number;
};

function fileErrorMessage(error: unknown): string {
  if (error instanceof FileError) return error.message;
  const e = error as NodeJS.ErrnoException;
  if (e?.code === "EACCES") return "permission denied";
  return `could not ingest: ${shortError(error)}`;
}

/**
 * Prepares a batch: each item is compared, read, parsed and chunked (a failure is that file's
 * outcome, the batch goes on), then every new chunk of the batch is embedded in one call.
 */
export async function prepareBatch({
  db,
  batch,
  hashes,
  sourceId,
  existing,
  env,
  embedder,
  parsePool,
  fileDelayMs,
  timings,
}: {
  db: Database;
  batch: SourceEntry[];
  hashes: Map<string, string>;
  sourceId: string;
  existing: Map<string, Existing>;
  env: IngestEnv;
  embedder: Embedder;
  parsePool: ParsePool;
  /** Test hook for crash tests: slows each file so a run can be killed midway. */
  fileDelayMs: number;
  timings: PhaseTimings;
}): Promise<PreparedBatch> {
  let mark = performance.now();
  const outcomes: FileOutcome[] = [];
  const pending: Pending[] = [];
  const aclUpdates: AclUpdate[] = [];
  for (const entry of batch) {
    const started = Date.now();
    if (fileDelayMs) await new Promise((r) => setTimeout(r, fileDelayMs));
    try {
      const result = await prepareFile({
        entry,
        plannedHash: hashes.get(entry.id),
        sourceId,
        existing,
        env,
        embedder,
        parsePool,
        started,
      });
      if (result.kind === "unchanged")
        outcomes.push({
          path: entry.id,
          outcome: "unchanged",
          documentId: result.id,
          durationMs: Date.now() - started,
        });
      else if (result.kind === "acl") aclUpdates.push({ ...result.update, started });
      else pending.push(result.pending);
    } catch (error) {
      outcomes.push({
        path: entry.id,
        outcome: "failed",
        error: fileErrorMessage(error),
        durationMs: Date.now() - started,
      });
    }
  }
  timings.prepare += performance.now() - mark;
  mark = performance.now();
  // One embed call per batch: cache lookups and model requests are batched across files.
  let embedded = 0;
  const inputs = pending.flatMap((p) => p.inputs);
  if (inputs.length) {
    const result = await embedChunks({ db, embedder, items: inputs });
    embedded = result.embedded;
    for (const p of pending)
      p.write.chunks = p.write.chunks.map((c) => ({ ...c, embedding: result.vectors.get(c.textHash)! }));
  }
  timings.embed += performance.now() - mark;
  return { size: batch.length, outcomes, pending, aclUpdates, embedded };
}
