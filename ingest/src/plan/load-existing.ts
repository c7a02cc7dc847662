import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents } from "@groundwork/db/schema";

/** The newest stored row of a path: what a run compares a listed item with. */
export type Existing = {
  id: string;
  status: "active" | "superseded" | "deleted";
  version: number;
  maxVersion: number;
  contentHash: string;
  metadata: Record<string, unknown>;
};

export async function loadExisting({
  db,
  sourceId,
}: {
  db: Database;
  sourceId: string;
}): Promise<Map<string, Existing>> {
  // The newest row per path decides what "previous" means; max(version) keeps numbering unique
  // even when a deleted file comes back.
  const rows = await db.execute<{
    id: string;
    path: string;
    status: Existing["status"];
    version: number;
    max_version: number;
    content_hash: string;
    metadata: Record<string, unknown>;
  }>(sql`
    select distinct on (path) id, path, status, version, content_hash, metadata,
           max(version) over (partition by path) as max_version
    from ${documents} where source_id = ${sourceId}
    order by path, version desc`);
  const map = new Map<string, Existing>();
  for (const r of rows.rows) {
    map.set(r.path, {
      id: r.id,
      status: r.status,
      version: r.version,
      maxVersion: Number(r.max_version),
      contentHash: r.content_hash,
      metadata: r.metadata,
    });
  }
  return map;
}
