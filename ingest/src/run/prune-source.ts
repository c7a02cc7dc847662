import { eq, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { sources } from "@groundwork/db/schema";
import type { Existing } from "../plan/load-existing";
import type { RunProgress } from "../run-model";
import type { OpenConnector } from "../sources/open-connector";
import { deleteVanished } from "../store/delete-vanished";

/**
 * Pruning: the ids the source holds now (no content read) against the stored live documents;
 * what the source no longer has is deleted (history kept). A connector that cannot list
 * (`listIds` → null) relies on the deletions its pulls report.
 */
export async function pruneSource({
  db,
  runId,
  open,
  existing,
  tally,
}: {
  db: Database;
  runId: string;
  open: OpenConnector;
  existing: Map<string, Existing>;
  tally: RunProgress;
}): Promise<void> {
  const { connector, config, ctx } = open;
  const ids = await connector.listIds({ config, ctx });
  if (ids === null) return;
  const held = new Set(ids);
  const vanished = [...existing.entries()]
    .filter(([id, e]) => e.status !== "deleted" && !held.has(id))
    .map(([id]) => id);
  await deleteVanished({ db, runId, sourceId: ctx.sourceId, paths: vanished, tally });
  await db
    .update(sources)
    .set({ lastPrunedAt: sql`now()` })
    .where(eq(sources.id, ctx.sourceId));
}
