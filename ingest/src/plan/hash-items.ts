import { isReadable, type SourceEntry } from "../sources/source";

/**
 * Content hashes of every listed item, a few at a time (the source streams large files). Items
 * over the size limit or unreadable here are left out: the per-file step reports their error.
 */
export async function hashItems({
  entries,
  maxBytes,
  concurrency = 16,
}: {
  entries: SourceEntry[];
  maxBytes: number;
  concurrency?: number;
}): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const items = entries.filter(isReadable).filter((e) => e.size <= maxBytes);
  let cursor = 0;
  const worker = async () => {
    while (cursor < items.length) {
      const item = items[cursor++]!;
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
