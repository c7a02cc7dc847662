import { asc, count, eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { groups, memberships } from "@groundwork/db/schema";

export type GroupListing = { id: string; name: string; description: string; members: number };

/** Every group with its member count, by name. */
export async function listGroups({ db }: { db: Database }): Promise<GroupListing[]> {
  return db
    .select({ id: groups.id, name: groups.name, description: groups.description, members: count(memberships.userId) })
    .from(groups)
    .leftJoin(memberships, eq(memberships.groupId, groups.id))
    .groupBy(groups.id)
    .orderBy(asc(groups.name));
}
