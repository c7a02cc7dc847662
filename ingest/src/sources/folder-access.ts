import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents } from "@groundwork/db/schema";

/** One folder's effective access as search enforces it: the distinct ACLs of its active documents. */
export type FolderAccess = { folder: string; acl: string[]; documents: number };

/**
 * The access a source's folders actually carry, read from the indexed documents (what every
 * retrieval leg filters on), not from the source's default: a folder source whose sub-folders'
 * access files grant more than the default shows that here. One row per folder and distinct ACL,
 * by folder; "" is the source's top level. Capped: a huge source shows its first `limit` rows.
 */
export async function folderAccess({
  db,
  sourceId,
  limit = 200,
}: {
  db: Database;
  sourceId: string;
  limit?: number;
}): Promise<FolderAccess[]> {
  const folder = sql<string>`case when strpos(${documents.path}, '/') > 0 then regexp_replace(${documents.path}, '/[^/]*$', '') else '' end`;
  return db
    .select({ folder, acl: documents.acl, documents: sql<number>`count(*)::int` })
    .from(documents)
    .where(and(eq(documents.sourceId, sourceId), eq(documents.status, "active")))
    .groupBy(sql`1`, documents.acl)
    .orderBy(sql`1`, documents.acl)
    .limit(limit);
}
