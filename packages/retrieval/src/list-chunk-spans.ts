import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import { aclVisible } from "@groundwork/access/sql";

export type ChunkSpan = {
  id: string;
  charStart: number;
  charEnd: number;
  pageFrom: number | null;
  pageTo: number | null;
  headings: string[];
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Chunk offsets of one readable document (the viewer's page markers and `?chunk=` links), ACL-checked. */
export async function listChunkSpans({
  db,
  principal,
  documentId,
}: {
  db: Database;
  principal: Principal;
  documentId: string;
}): Promise<ChunkSpan[]> {
  if (!uuidPattern.test(documentId)) return [];
  const scope = scopeOf(principal);
  return withReaderScope({
    db,
    scope,
    fn: async (tx) => {
      const r = await tx.execute<{
        id: string;
        char_start: number;
        char_end: number;
        page_from: number | null;
        page_to: number | null;
        headings: string[];
      }>(sql`
        select c.id::text as id, c.char_start, c.char_end, c.page_from, c.page_to, c.headings
        from chunks c
        where c.document_id = ${documentId}::uuid
          and ${aclVisible({ acl: sql`c.acl`, scope })}
        order by c.ordinal`);
      return r.rows.map((c) => ({
        id: c.id,
        charStart: c.char_start,
        charEnd: c.char_end,
        pageFrom: c.page_from,
        pageTo: c.page_to,
        headings: c.headings,
      }));
    },
  });
}
