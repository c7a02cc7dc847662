import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import { aclVisible } from "@groundwork/access/sql";
import { documentStatusVisible } from "@groundwork/access/visibility";
import type { Database } from "@groundwork/db/client";

/**
 * Which of `documentIds` the principal can read now, decided as the viewer decides it: inside
 * the reader scope (row-level security as groundwork_reader) and with the same explicit
 * predicate as readDocument (not deleted, ACL overlaps the principals, or admin). The
 * assistant asks this before showing stored answers that cite them.
 */
export async function listReadableDocumentIds({
  db,
  principal,
  documentIds,
}: {
  db: Database;
  principal: Principal;
  documentIds: string[];
}): Promise<Set<string>> {
  const visible = new Set<string>();
  if (!documentIds.length) return visible;
  const list = JSON.stringify(documentIds);
  const scope = scopeOf(principal);
  const res = await withReaderScope({
    db,
    scope,
    fn: (tx) =>
      tx.execute<{ id: string }>(sql`
        select d.id::text as id from documents d
        where d.id in (select jsonb_array_elements_text(${list}::jsonb)::uuid)
          and ${documentStatusVisible({ status: sql`d.status`, includeSuperseded: true })}
          and ${aclVisible({ acl: sql`d.acl`, scope })}`),
  });
  for (const r of res.rows) visible.add(r.id);
  return visible;
}
