import { sql } from "drizzle-orm";
import { aclVisible } from "@groundwork/access/sql";
import { withDocumentScope, type DocumentRequest } from "./document-scope";

export type ChunkSpan = {
  id: string;
  charStart: number;
  charEnd: number;
  pageFrom: number | null;
  pageTo: number | null;
  headings: string[];
};

/** Chunk offsets of one readable document (the viewer's page markers and `?chunk=` links), ACL-checked. */
export async function listChunkSpans({ db, principal, documentId }: DocumentRequest): Promise<ChunkSpan[]> {
  return withDocumentScope<ChunkSpan[]>({
    db,
    principal,
    documentId,
    missing: [],
    fn: async ({ tx, scope }) => {
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
