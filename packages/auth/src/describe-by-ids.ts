import { inArray } from "drizzle-orm";
import { mapByIds } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { groups, users } from "@groundwork/db/schema";

export type UserLabel = { username: string; displayName: string; email: string | null; kind: "person" | "service" };

/**
 * Users by id in one query, for pages that show ids stored elsewhere (the audit log). Ids that are
 * not uuids or whose row is gone are absent from the map: the caller says "deleted user".
 */
export async function describeUsers({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, UserLabel>> {
  return mapByIds({
    ids,
    read: (wanted) =>
      db
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          email: users.email,
          kind: users.kind,
        })
        .from(users)
        .where(inArray(users.id, wanted)),
  });
}

/** Group names by id in one query (absent: not a uuid, or the group was deleted). */
export async function describeGroups({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, string>> {
  const found = await mapByIds({
    ids,
    read: (wanted) => db.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.id, wanted)),
  });
  return new Map([...found].map(([id, { name }]) => [id, name]));
}
