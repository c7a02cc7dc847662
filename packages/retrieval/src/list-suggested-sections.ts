import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import { aclVisible } from "@groundwork/access/sql";
import { documentStatusVisible } from "@groundwork/access/visibility";
import type { Database } from "@groundwork/db/client";

/** A section of a readable document, named by its heading: the seed of a question it can answer. */
export type SuggestedSection = { documentId: string; title: string; heading: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Sections to suggest asking about, only ever from chunks the principal can read (reader scope
 * with row-level security, plus the explicit ACL and status predicates), so a suggestion never
 * names a heading the caller could not open and is always answerable from their own corpus.
 *
 * With `nearChunkIds` (an answer's cited passages): the other sections of the cited documents,
 * nearest to a cited passage first — what the reader is likely to ask next, grounded in text
 * they can already see. A cited passage the caller cannot read contributes nothing, exactly as
 * if the id did not exist. Without: one section from each of the most recently updated readable
 * documents (the first-run suggestions).
 */
export async function listSuggestedSections({
  db,
  principal,
  nearChunkIds = [],
  limit = 3,
}: {
  db: Database;
  principal: Principal;
  nearChunkIds?: string[];
  limit?: number;
}): Promise<SuggestedSection[]> {
  const scope = scopeOf(principal);
  const ids = nearChunkIds.filter((id) => UUID.test(id));
  const take = Math.min(Math.max(limit, 1), 10);
  const visibleChunk = sql`${aclVisible({ acl: sql`c.acl`, scope })} and ${aclVisible({ acl: sql`d.acl`, scope })}
    and ${documentStatusVisible({ status: sql`d.status`, includeSuperseded: false })}`;
  // The section a chunk belongs to is its innermost heading; a heading that only repeats the title says nothing new.
  const heading = sql`c.headings[cardinality(c.headings)]`;
  const res = await withReaderScope({
    db,
    scope,
    fn: (tx) =>
      ids.length > 0
        ? tx.execute<{ document_id: string; title: string; heading: string }>(sql`
            with cited as (
              select c.document_id, c.ordinal, ${heading} as heading
              from chunks c join documents d on d.id = c.document_id
              where c.id in (select jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
                and ${visibleChunk}
            ), sections as (
              select c.document_id, d.title, ${heading} as heading, min(abs(c.ordinal - ci.ordinal)) as distance
              from chunks c
              join documents d on d.id = c.document_id
              join cited ci on ci.document_id = c.document_id
              where cardinality(c.headings) > 0
                and ${visibleChunk}
                and lower(${heading}) <> lower(d.title)
                and ${heading} not in (select ci.heading from cited ci where ci.heading is not null)
              group by c.document_id, d.title, ${heading}
            )
            select document_id::text, title, heading from sections
            order by distance, title, heading
            limit ${take}`)
        : // Recent documents first, then each one's first section: bounded by the document limit, not the corpus.
          tx.execute<{ document_id: string; title: string; heading: string }>(sql`
            select d.id::text as document_id, d.title, s.heading
            from (
              select d.id, d.title, d.updated_at from documents d
              where ${aclVisible({ acl: sql`d.acl`, scope })}
                and ${documentStatusVisible({ status: sql`d.status`, includeSuperseded: false })}
              order by d.updated_at desc, d.title
              limit 50
            ) d
            cross join lateral (
              select ${heading} as heading from chunks c
              where c.document_id = d.id
                and cardinality(c.headings) > 0
                and ${aclVisible({ acl: sql`c.acl`, scope })}
                and lower(${heading}) <> lower(d.title)
              order by c.ordinal
              limit 1
            ) s
            order by d.updated_at desc, d.title
            limit ${take}`),
  });
  return res.rows.map((r) => ({ documentId: r.document_id, title: r.title, heading: r.heading }));
}
