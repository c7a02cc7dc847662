import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import { aclVisible } from "@groundwork/access/sql";
import { documentStatusVisible } from "@groundwork/access/visibility";
import { mimeKind } from "@groundwork/ingest/formats";

export type LookupFacets = { sources: { id: string; name: string }[]; types: string[]; tags: string[] };

/**
 * Filter choices for policy lookup, computed only over active documents the caller may read:
 * inside the reader scope (RLS) and with the ACL predicate in the SQL, like every read here.
 */
export async function listLookupFacets({
  db,
  principal,
}: {
  db: Database;
  principal: Principal;
}): Promise<LookupFacets> {
  const scope = scopeOf(principal);
  const visible = sql`${documentStatusVisible({ status: sql`d.status`, includeSuperseded: false })} and ${aclVisible({ acl: sql`d.acl`, scope })}`;
  return withReaderScope({
    db,
    scope,
    fn: async (tx) => {
      const sources = await tx.execute<{ id: string; name: string }>(
        sql`select distinct s.id::text as id, s.name from documents d join sources s on s.id = d.source_id where ${visible} order by s.name`,
      );
      const mimes = await tx.execute<{ mime: string }>(sql`select distinct d.mime from documents d where ${visible}`);
      const tags = await tx.execute<{ tag: string }>(
        sql`select distinct unnest(d.tags) as tag from documents d where ${visible}`,
      );
      return {
        sources: sources.rows.map((r) => ({ id: r.id, name: r.name })),
        types: [...new Set(mimes.rows.map((r) => mimeKind(r.mime)))].sort(),
        tags: tags.rows.map((r) => r.tag).sort(),
      };
    },
  });
}
