import type { SourceEntry } from "../sources/connector";

/**
 * Cuts the item list into batches by work: a batch closes after `batchSize` items that need
 * parsing, or after `maxFiles` items in all (default `batchSize * 8`) — unchanged items are nearly free, so a re-run
 * commits a few large batches instead of many small ones, while a batch stays a short
 * transaction and a cancel/heartbeat checkpoint.
 */
export function planBatches({
  files,
  hashes,
  existing,
  batchSize,
  maxFiles = batchSize * 8,
}: {
  files: SourceEntry[];
  hashes: Map<string, string>;
  existing: Map<string, { status: string; contentHash: string }>;
  batchSize: number;
  maxFiles?: number;
}): SourceEntry[][] {
  const batches: SourceEntry[][] = [];
  let batch: SourceEntry[] = [];
  let work = 0;
  for (const entry of files) {
    const prev = existing.get(entry.id);
    const unchanged = prev !== undefined && prev.status !== "deleted" && hashes.get(entry.id) === prev.contentHash;
    batch.push(entry);
    if (!unchanged) work++;
    if (work >= batchSize || batch.length >= maxFiles) {
      batches.push(batch);
      batch = [];
      work = 0;
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}
