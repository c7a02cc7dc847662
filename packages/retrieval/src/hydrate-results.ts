import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { orTsquery } from "./build-tsquery";
import { aclVisible } from "@groundwork/access/sql";
import { chunkAcl, uuidArray } from "./sql-fragments";
import { documentColumns } from "./document-columns";
import type { SearchResult } from "./types";

export type Hydrated = Omit<SearchResult, "score" | "ranks"> & {
  /** Chunks of the row's document the caller may read (null unless `documentChunks` was asked). */
  documentChunks: number | null;
};

/**
 * Metadata, text and a highlighted snippet for the chunks that will be shown or reranked — nothing
 * more. With `documentChunks`, each row also carries how many of its document's chunks the caller
 * may read, counted in the same statement under the same ACL (grouped once per document of the
 * readable rows): a hidden chunk of a readable document is not counted, and a document none of
 * whose hydrated chunks is readable yields no row, hence no count.
 */
export async function hydrateResults({
  tx,
  scope,
  ids,
  queryText,
  snippets,
  documentChunks = false,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  ids: string[];
  queryText: string;
  snippets: boolean;
  documentChunks?: boolean;
}): Promise<Map<string, Hydrated>> {
  if (ids.length === 0) return new Map();
  // «» mark matches; any «» already in the text become ‹› so the UI cannot be fooled.
  const snippet = snippets
    ? sql`coalesce(ts_headline('english', replace(replace(c.text, '«', '‹'), '»', '›'), q.tsq,
        'StartSel=«, StopSel=», MaxWords=40, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
        left(c.text, 240))`
    : sql`''`;
  // indexable: false — the count reaches a document's chunks through its document_id index and
  // checks each one's ACL, instead of intersecting with the caller's (possibly huge) acl bitmap.
  const counted = documentChunks
    ? sql`left join (
        select k.document_id, count(*)::int as n from chunks k
        where k.document_id in (select c.document_id from chunks c where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)})
          and ${aclVisible({ acl: sql`k.acl`, scope, indexable: false })}
        group by k.document_id) dc on dc.document_id = c.document_id`
    : sql``;
  const r = await tx.execute<Record<string, unknown>>(sql`
    select c.id, c.document_id, c.source_id, s.name as source_name, d.title, d.path, d.mime, d.version,
           d.effective_date::text as effective_date, d.owner, c.headings, c.page_from, c.page_to,
           c.char_start, c.char_end, c.text, ${snippet} as snippet,
           ${documentChunks ? sql`dc.n` : sql`null::int`} as document_chunks
    from chunks c
    join documents d on d.id = c.document_id
    join sources s on s.id = c.source_id
    cross join (select ${orTsquery(queryText)} as tsq) q
    ${counted}
    where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)}`);
  const rows = new Map<string, Hydrated>();
  for (const row of r.rows) {
    rows.set(String(row.id), {
      chunkId: String(row.id),
      documentId: String(row.document_id),
      ...documentColumns(row),
      headings: (row.headings as string[] | null) ?? [],
      pageFrom: row.page_from == null ? null : Number(row.page_from),
      pageTo: row.page_to == null ? null : Number(row.page_to),
      charStart: Number(row.char_start),
      charEnd: Number(row.char_end),
      text: String(row.text),
      snippet: String(row.snippet),
      documentChunks: row.document_chunks == null ? null : Number(row.document_chunks),
    });
  }
  return rows;
}
