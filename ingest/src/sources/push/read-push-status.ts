import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { findPushSource } from "./find-push-source";
import { externalIdSchema } from "./push-input";

export type PushStatus = {
  id: string;
  version: number;
  /**
   * queued: stored, not yet indexed (or a run is on it); indexed: searchable as pushed;
   * failed: the worker could not index it (`error` says why; the previous version, if any,
   * stays searchable and stays `document`); deleted.
   */
  status: "queued" | "indexed" | "failed" | "deleted";
  error: string | null;
  pushedAt: string;
  /** When the worker settled this version (indexed or failed); null while queued. */
  processedAt: string | null;
  /** The indexed document (the previous version while a new one is queued or failed), once there is one. */
  document: { id: string; version: number } | null;
};

const iso = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * A pushed document's status, from its inbox row: the worker writes each run's outcome there
 * (record-push-outcomes.ts). The push API answers at once and the worker indexes later, so a
 * caller polls this for per-document errors. A queued push whose run then failed as a whole
 * (the model down, the database gone) reads as failed with the run's reason; the next run
 * retries it.
 */
export async function readPushStatus({
  db,
  source: sourceName,
  externalId,
}: {
  db: Database;
  source: string;
  externalId: string;
}): Promise<PushStatus> {
  const source = await findPushSource({ db, source: sourceName });
  if (!externalIdSchema.safeParse(externalId).success)
    throw new GroundworkError("not_found", "No such document in this source.");
  const result = await db.execute<{
    revision: number;
    status: PushStatus["status"];
    error: string | null;
    pushed_at: string;
    processed_at: string | null;
    document_id: string | null;
    document_version: number | null;
    run_error: string | null;
  }>(sql`
    select pd.revision, pd.status::text as status, pd.error, ${iso("pd.pushed_at")} as pushed_at,
      ${iso("pd.processed_at")} as processed_at, pd.document_id, pd.document_version, fr.error as run_error
    from push_documents pd
    left join lateral (
      select coalesce(r.error, 'The indexing run failed.') as error from ingestion_runs r
      where pd.status = 'queued' and r.source_id = pd.source_id and r.started_at >= pd.pushed_at and r.status = 'failed'
      order by r.finished_at desc limit 1
    ) fr on true
    where pd.source_id = ${source.id} and pd.external_id = ${externalId}
  `);
  const row = result.rows[0];
  if (!row) throw new GroundworkError("not_found", "No such document in this source.");
  const base = {
    id: externalId,
    version: Number(row.revision),
    pushedAt: row.pushed_at,
    processedAt: row.processed_at,
    document: row.document_id ? { id: row.document_id, version: Number(row.document_version) } : null,
  };
  if (row.status === "deleted") return { ...base, status: "deleted", error: null, document: null };
  if (row.status === "queued" && row.run_error) return { ...base, status: "failed", error: row.run_error };
  return { ...base, status: row.status, error: row.error };
}
