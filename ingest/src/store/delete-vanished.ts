import { eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { ingestionRuns } from "@groundwork/db/schema";
import type { FileOutcome, RunProgress } from "../run-model";
import { insertOutcomes } from "./commit-batch";
import { deleteDocumentPath } from "./store-document";

/**
 * Paths the source no longer lists: every version becomes `deleted` and leaves search, in one
 * transaction with their outcomes and the run's counts (added to `tally`).
 */
export async function deleteVanished({
  db,
  runId,
  sourceId,
  paths,
  tally,
}: {
  db: Database;
  runId: string;
  sourceId: string;
  paths: string[];
  tally: RunProgress;
}): Promise<void> {
  if (!paths.length) return;
  await db.transaction(async (tx) => {
    const rows: FileOutcome[] = [];
    for (const p of paths) {
      const ids = await deleteDocumentPath({ tx, sourceId, path: p });
      rows.push({ path: p, outcome: "deleted", documentId: ids[0] ?? null, durationMs: 0 });
    }
    await insertOutcomes(tx, runId, rows);
    tally.counts.deleted += paths.length;
    tally.progressDone += paths.length;
    await tx
      .update(ingestionRuns)
      .set({ counts: tally.counts, progressDone: tally.progressDone })
      .where(eq(ingestionRuns.id, runId));
  });
}
