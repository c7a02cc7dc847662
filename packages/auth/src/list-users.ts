import { asc, eq, sql } from "drizzle-orm";
import type { Role } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { groups, memberships, users } from "@groundwork/db/schema";

export type UserListing = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  disabled: boolean;
  sso: boolean;
  groups: string[];
};

/** Every user with its group names, by username (the admin console's list). */
export async function listUsers({ db }: { db: Database }): Promise<UserListing[]> {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      sso: sql<boolean>`${users.oidcSubject} is not null`,
      groups: sql<
        string[]
      >`coalesce(array_agg(${groups.name} order by ${groups.name}) filter (where ${groups.name} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(groups, eq(groups.id, memberships.groupId))
    .groupBy(users.id)
    .orderBy(asc(users.username));
}
