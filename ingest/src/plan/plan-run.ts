import { eq } from "drizzle-orm";
import { listUserIds } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { sources, type Source as SourceRow } from "@groundwork/db/schema";
import type { IngestEnv } from "../env";
import { openSource } from "../sources/open-source";
import type { SourceEntry } from "../sources/source";
import { hashItems } from "./hash-items";
import { loadExisting, type Existing } from "./load-existing";
import { planBatches } from "./plan-batches";

export type RunPlan = {
  source: SourceRow;
  /** The newest stored row per path of this source. */
  existing: Map<string, Existing>;
  /** Content hashes from the planning pass (items over the limit or unreadable are missing). */
  hashes: Map<string, string>;
  /** Listed items, cut into batches by the work they need. */
  batches: SourceEntry[][];
  /** Stored paths the source no longer lists: deleted by this run. */
  vanished: string[];
};

/**
 * What a run has to do: the source's items against the stored versions. Every item is hashed
 * up front (concurrent reads, no parsing), so an unchanged one costs one read and no database
 * round trip of its own, and batches can be cut by real work.
 */
export async function planRun({
  db,
  sourceId,
  env,
  batchSize,
  fileDelayMs,
  onListed,
}: {
  db: Database;
  sourceId: string;
  env: IngestEnv;
  batchSize: number;
  fileDelayMs: number;
  /** Called once the items are listed, before hashing, with the number of steps the run will take. */
  onListed: (total: number) => Promise<void>;
}): Promise<RunPlan> {
  const [source] = await db.select().from(sources).where(eq(sources.id, sourceId));
  if (!source) throw new Error("The source of this run no longer exists.");
  const entries = await openSource({ row: source, userIds: await listUserIds({ db }) }).list();
  const existing = await loadExisting({ db, sourceId: source.id });
  const seen = new Set(entries.map((e) => e.id));
  const vanished = [...existing.entries()].filter(([p, e]) => !seen.has(p) && e.status !== "deleted").map(([p]) => p);
  await onListed(entries.length + vanished.length);
  const hashes = await hashItems({ entries, maxBytes: env.maxFileBytes });
  // With the slow-file test hook every file is costly, so batches go back to `batchSize` files.
  const batches = planBatches({
    files: entries,
    hashes,
    existing,
    batchSize,
    maxFiles: fileDelayMs ? batchSize : batchSize * 8,
  });
  return { source, existing, hashes, batches, vanished };
}
