import { asc, count, eq, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { groups, memberships } from "@groundwork/db/schema";

/** `mirrored`: synced from a source (its page and delete belong to the source, not /admin/groups). */
export type GroupListing = { id: string; name: string; description: string; members: number; mirrored: boolean };

/** Every group with its member count, by name. */
export async function listGroups({ db }: { db: Database }): Promise<GroupListing[]> {
  return db
    .select({
      id: groups.id,
      name: groups.name,
      description: groups.description,
      members: count(memberships.userId),
      mirrored: sql<boolean>`${groups.sourceId} is not null`,
    })
    .from(groups)
    .leftJoin(memberships, eq(memberships.groupId, groups.id))
    .groupBy(groups.id)
    .orderBy(asc(groups.name));
}
