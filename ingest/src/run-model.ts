import type { IngestionRun } from "@groundwork/db/schema";
import type { ResolvedAccess } from "./sources/access-rules";
import type { DocumentWrite } from "./store/store-document";

/**
 * What the stages of a run hand each other: plan → prepare → store, tallied by run/. Kept apart
 * from the stages so none of them imports another's module for a type.
 */
export type RunCounts = IngestionRun["counts"];

export const emptyCounts = (): RunCounts => ({
  seen: 0,
  added: 0,
  updated: 0,
  unchanged: 0,
  deleted: 0,
  aclUpdated: 0,
  failed: 0,
});

/** One file's result, as recorded in ingestion_files. */
export type FileOutcome = {
  path: string;
  outcome: "added" | "updated" | "unchanged" | "deleted" | "acl_updated" | "failed";
  error?: string;
  documentId?: string | null;
  chunks?: number;
  durationMs: number;
};

/** A file whose bytes are unchanged but whose access is not: document and chunks get the new ACL, no embedding. */
export type AclUpdate = {
  id: string;
  path: string;
  access: ResolvedAccess;
  metadata: Record<string, unknown>;
  started: number;
  /** Access is unchanged, only the connector's version tag or metadata moved: counted as unchanged. */
  metadataOnly?: boolean;
};

/** A new version ready to store once its chunks are embedded (`inputs` are the texts to embed). */
export type Pending = {
  write: DocumentWrite;
  outcome: "added" | "updated";
  started: number;
  inputs: { textHash: string; input: string }[];
};

/** A run's counters; a batch's delta has the same shape and is added in SQL as it commits. */
export type RunProgress = { counts: RunCounts; progressDone: number; chunksWritten: number; embeddingCalls: number };

export const emptyProgress = (): RunProgress => ({
  counts: emptyCounts(),
  progressDone: 0,
  chunksWritten: 0,
  embeddingCalls: 0,
});

export function addProgress(total: RunProgress, delta: RunProgress): void {
  for (const k of Object.keys(delta.counts) as (keyof RunCounts)[]) total.counts[k] += delta.counts[k];
  total.progressDone += delta.progressDone;
  total.chunksWritten += delta.chunksWritten;
  total.embeddingCalls += delta.embeddingCalls;
}

/** Milliseconds one run spent per phase (the benchmark's breakdown): one object per run, passed through its stages. */
export type PhaseTimings = { prepare: number; embed: number; store: number };

export const createPhaseTimings = (): PhaseTimings => ({ prepare: 0, embed: 0, store: 0 });

/** Driver errors wrap the whole SQL text; the cause carries the useful part. */
export function shortError(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  const text = e?.cause?.message ?? e?.message ?? String(error);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
