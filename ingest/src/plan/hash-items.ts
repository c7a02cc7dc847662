import { isReadable, type SourceEntry } from "../sources/connector";
import type { Existing } from "./load-existing";

/**
 * Content hashes of a page's items, a few at a time (the source streams large files). An item
 * whose version tag (ETag, blob id, updated value) equals the stored one is taken at its stored
 * hash without being read. Items over the size limit or unreadable here are left out: the
 * per-file step reports their error.
 */
export async function hashItems({
  entries,
  maxBytes,
  existing,
  concurrency = 16,
}: {
  entries: SourceEntry[];
  maxBytes: number;
  existing?: Map<string, Pick<Existing, "status" | "contentHash" | "metadata">>;
  concurrency?: number;
}): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const items = entries.filter(isReadable).filter((e) => e.size <= maxBytes);
  let cursor = 0;
  const worker = async () => {
    while (cursor < items.length) {
      const item = items[cursor++]!;
      const live = existing?.get(item.id);
      if (item.version && live && live.status !== "deleted" && live.metadata.sourceVersion === item.version) {
        hashes.set(item.id, live.contentHash);
        continue;
      }
      try {
        hashes.set(item.id, await item.hash());
      } catch {
        // Reported by the per-file step, which reads the item again.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return hashes;
}
