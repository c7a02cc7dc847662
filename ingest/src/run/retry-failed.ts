import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import type { PullPage } from "../sources/connector";
import type { OpenConnector } from "../sources/open-connector";

/**
 * The items whose last recorded outcome is a failure, for a source whose pull moves a cursor
 * past what it offered (an SQL keyset, a SaaS change feed): the checkpoint of a page is written
 * whatever its items' outcomes, so a row that failed (an empty body, a parse error, a limit) is
 * never offered again by `pull` and would be reported once and then forgotten. Looked for in the
 * runs since the last whole-source sync that finished (succeeded or partial), that one included:
 * a failure is carried from run to run while it keeps failing — also across a killed run that
 * never got to it — and an item the source no longer has drops out after one run that asked.
 */
export async function failedSinceLastCompletedRun({
  db,
  sourceId,
  runId,
}: {
  db: Database;
  sourceId: string;
  runId: string;
}): Promise<string[]> {
  const rows = await db.execute<{ path: string }>(sql`
    with anchor as (
      select created_at from ingestion_runs
      where source_id = ${sourceId} and id <> ${runId} and mode <> 'acl' and target_ids is null
        and status in ('succeeded', 'partial')
      order by created_at desc limit 1
    ),
    recent as (
      select f.id, f.path, f.outcome from ingestion_files f
      join ingestion_runs r on r.id = f.run_id
      where r.source_id = ${sourceId} and r.id <> ${runId} and r.mode <> 'acl'
        and r.created_at >= coalesce((select created_at from anchor), '-infinity'::timestamptz)
    ),
    latest as (
      select distinct on (path) path, outcome from recent
      where path in (select path from recent where outcome = 'failed')
      order by path, id desc
    )
    select path from latest where outcome = 'failed' order by path`);
  return rows.rows.map((r) => r.path);
}

/**
 * A sync's pages with the earlier failures asked for by id first (`pullItems`, no checkpoint:
 * the source's cursor stays where it was), then the connector's pull from its checkpoint. The
 * plan stage offers an id once per run, so a retried item the pull also brings is not written twice.
 */
export async function* withRetries({
  open,
  retryIds,
  pages,
}: {
  open: OpenConnector;
  retryIds: string[];
  pages: AsyncIterable<PullPage>;
}): AsyncIterable<PullPage | Omit<PullPage, "checkpoint">> {
  const { connector, config, ctx } = open;
  if (retryIds.length && connector.pullItems) yield* connector.pullItems({ config, ids: retryIds, ctx });
  yield* pages;
}
