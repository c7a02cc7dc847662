import type { Checkpoint, PullPage, SourceEntry } from "../sources/connector";
import { hashItems } from "./hash-items";
import type { Existing } from "./load-existing";
import { planBatches } from "./plan-batches";

/** A batch as the run loop commits it; the last batch of a page carries the page's checkpoint and deletions. */
export type PlannedBatch = {
  entries: SourceEntry[];
  /** Content hashes from planning (a matching version tag stands in for the stored hash). */
  hashes: Map<string, string>;
  /** Written in this batch's transaction, after every earlier batch committed. */
  checkpoint?: Checkpoint;
  /** Stored ids the source reported gone in this page, deleted before the checkpoint commits. */
  deleted?: string[];
};

/**
 * The plan stage over a connector's pull: each page is hashed (a version tag that matches the
 * stored one costs nothing: no read, no hash), compared with the stored versions and cut into
 * batches by work. An id seen twice in one run is offered once (two pages of one crawl naming
 * the same canonical URL must not write two versions).
 */
export async function* planPages({
  pages,
  existing,
  batchSize,
  maxFiles,
  maxBytes,
  onPage,
}: {
  /** A targeted sync's pages have no checkpoint: the source's stays where it was. */
  pages: AsyncIterable<PullPage | Omit<PullPage, "checkpoint">>;
  existing: Map<string, Existing>;
  batchSize: number;
  maxFiles: number;
  maxBytes: number;
  /** Called with the number of steps a page adds to the run's progress, before it is hashed. */
  onPage: (steps: number) => Promise<void>;
}): AsyncGenerator<PlannedBatch> {
  const offered = new Set<string>();
  for await (const page of pages) {
    // A change feed's deletion comes after the changes an earlier page brought (an item new in
    // page 1, removed in page 3): it deletes what is stored and what this run offered, so it
    // sticks. Within one page the listed item wins (the page is the source's state after both).
    const listed = new Set(page.items.map((e) => e.id));
    const deleted = (page.deleted ?? []).filter((id) => {
      if (listed.has(id)) return false;
      const e = existing.get(id);
      return (e !== undefined && e.status !== "deleted") || offered.has(id);
    });
    for (const id of deleted) {
      // A later page bringing it back is offered again and compared with nothing live: a new version.
      offered.delete(id);
      const e = existing.get(id);
      if (e) existing.set(id, { ...e, status: "deleted" });
    }
    const items = page.items.filter((e) => !offered.has(e.id) && offered.add(e.id));
    await onPage(items.length + deleted.length);
    const hashes = await hashItems({ entries: items, maxBytes, existing });
    const batches = planBatches({ files: items, hashes, existing, batchSize, maxFiles });
    for (let i = 0; i < batches.length - 1; i++) yield { entries: batches[i]!, hashes };
    yield {
      entries: batches.at(-1) ?? [],
      hashes,
      ...("checkpoint" in page ? { checkpoint: page.checkpoint } : {}),
      deleted,
    };
  }
}
