import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";

/**
 * Writes what a run did with each pushed document back onto its inbox row (status, error, the
 * indexed document and version, processedAt), so the push API's status read is one row, not a
 * search through the runs. Called after a run's batches committed, however it ended.
 *
 * Only rows at or before the source's checkpoint are settled: the checkpoint commits with the
 * page's last batch, so a row past it was pushed after its page was read (or its page never
 * committed) and waits, still queued, for the next run. A failure recorded by this run for the
 * row's id marks it failed with that reason (a previously indexed version stays searchable and
 * stays its document); otherwise a live document carrying the row's content hash as its version
 * tag means the push is indexed — including pushes the planner skipped because that version was
 * already stored (A → B → A before the worker ran).
 */
export async function recordPushOutcomes({
  db,
  sourceId,
  runId,
}: {
  db: Database;
  sourceId: string;
  runId: string;
}): Promise<void> {
  const settled = sql`coalesce((select (checkpoint ->> 'seq')::bigint from sources where id = ${sourceId}), 0)`;
  const live = (column: "id" | "version") =>
    sql.raw(`(select d.${column} from documents d
      where d.source_id = pd.source_id and d.path = pd.external_id and d.status = 'active' limit 1)`);
  await db.execute(sql`
    update push_documents pd
    set status = 'failed', error = coalesce(f.error, 'Indexing failed.'), processed_at = now(),
        document_id = ${live("id")}, document_version = ${live("version")}
    from (
      select distinct on (path) path, outcome, error from ingestion_files
      where run_id = ${runId} order by path, id desc
    ) f
    where pd.source_id = ${sourceId} and pd.status = 'queued' and pd.seq <= ${settled}
      and f.path = pd.external_id and f.outcome = 'failed'`);
  await db.execute(sql`
    update push_documents pd
    set status = 'indexed', error = null, processed_at = now(), document_id = d.id, document_version = d.version
    from documents d
    where pd.source_id = ${sourceId} and pd.status = 'queued' and pd.seq <= ${settled}
      and d.source_id = pd.source_id and d.path = pd.external_id and d.status = 'active'
      and d.metadata ->> 'sourceVersion' = pd.content_hash`);
}
