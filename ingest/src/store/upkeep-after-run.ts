import { log } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { tidySearchIndexes } from "@groundwork/db/maintenance";
import { shortError, type RunProgress } from "../run-model";

/** After a run that changed rows: index upkeep. The run's results are already searchable; this only keeps searches fast afterwards. */
export async function upkeepAfterRun({
  db,
  runId,
  tally,
}: {
  db: Database;
  runId: string;
  tally: RunProgress;
}): Promise<void> {
  const { chunksWritten, counts } = tally;
  if (chunksWritten === 0 && counts.deleted === 0 && counts.aclUpdated === 0) return;
  await tidySearchIndexes({ db, changedRows: chunksWritten + counts.deleted + counts.aclUpdated }).catch(
    (error: unknown) => {
      log.warn("search index upkeep failed", { runId, error: shortError(error) });
    },
  );
}
