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
   * stays searchable); deleted.
   */
  status: "queued" | "indexed" | "failed" | "deleted";
  error: string | null;
  pushedAt: string;
  /** The indexed document, once there is one. */
  document: { id: string; version: number } | null;
};

/**
 * A pushed document's status, from its inbox row and what the runs since that push recorded
 * for it (ingestion_files, the same per-item outcomes the console shows): the push API answers
 * at once and the worker indexes later, so a caller polls this for per-document errors.
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
    status: string;
    pushed_at: string;
    outcome: string | null;
    file_error: string | null;
    run_status: string | null;
    run_error: string | null;
    doc_id: string | null;
    doc_version: number | null;
  }>(sql`
    select pd.revision, pd.status::text as status, to_char(pd.pushed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as pushed_at,
      f.outcome::text as outcome, f.error as file_error, fr.status::text as run_status, fr.error as run_error,
      d.id as doc_id, d.version as doc_version
    from push_documents pd
    left join lateral (
      select f.outcome, f.error from ingestion_runs r join ingestion_files f on f.run_id = r.id
      where r.source_id = pd.source_id and (r.finished_at is null or r.finished_at >= pd.pushed_at)
        and f.path = pd.external_id and f.created_at >= pd.pushed_at
      order by f.id desc limit 1
    ) f on true
    left join lateral (
      select r.status, r.error from ingestion_runs r
      where r.source_id = pd.source_id and r.started_at >= pd.pushed_at and r.status = 'failed'
      order by r.finished_at desc limit 1
    ) fr on true
    left join documents d on d.source_id = pd.source_id and d.path = pd.external_id and d.status = 'active'
    where pd.source_id = ${source.id} and pd.external_id = ${externalId}
  `);
  const row = result.rows[0];
  if (!row) throw new GroundworkError("not_found", "No such document in this source.");
  const document = row.doc_id ? { id: row.doc_id, version: Number(row.doc_version) } : null;
  const base = { id: externalId, version: Number(row.revision), pushedAt: row.pushed_at, document };
  if (row.status === "deleted") return { ...base, status: "deleted", error: null, document: null };
  if (row.outcome === "failed") return { ...base, status: "failed", error: row.file_error ?? "Indexing failed." };
  if (row.outcome) return { ...base, status: "indexed", error: null };
  if (row.run_status === "failed")
    return { ...base, status: "failed", error: row.run_error ?? "The indexing run failed." };
  return { ...base, status: "queued", error: null };
}
