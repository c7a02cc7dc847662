import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { chunkAcl, uuidArray } from "./sql-fragments";
import type { SearchFacet, SearchResponse } from "./types";

/** Source and type counts over the fused candidates the caller may see: ids and two names, no text. */
export async function countFacets({
  tx,
  scope,
  ids,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  ids: string[];
}): Promise<SearchResponse["facets"]> {
  if (ids.length === 0) return { sources: [], types: [] };
  const r = await tx.execute<{ kind: string; value: string; count: number }>(sql`
    with f as (
      select s.name as source_name, coalesce(nullif(c.mime, ''), d.mime) as mime
      from chunks c
      join documents d on d.id = c.document_id
      join sources s on s.id = c.source_id
      where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)}
    )
    select 'source' as kind, source_name as value, count(*)::int as count from f group by source_name
    union all
    select 'type', mime, count(*)::int from f group by mime`);
  const list = (kind: string): SearchFacet[] =>
    r.rows
      .filter((row) => row.kind === kind)
      .map((row) => ({ value: String(row.value), count: Number(row.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { sources: list("source"), types: list("type") };
}
