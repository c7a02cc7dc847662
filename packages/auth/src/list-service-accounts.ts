import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { apiTokens, groups, memberships, users } from "@groundwork/db/schema";

export type ServiceAccountListing = {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  groups: string[];
  /** Tokens neither revoked nor expired. */
  activeTokens: number;
  createdAt: Date;
};

/** Every service account with its groups and live token count, by name (the admin console's list). */
export async function listServiceAccounts({ db }: { db: Database }): Promise<ServiceAccountListing[]> {
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      disabled: users.disabled,
      groups: sql<
        string[]
      >`coalesce((select array_agg(g.name order by g.name) from ${memberships} m join ${groups} g on g.id = m.group_id where m.user_id = "users"."id"), '{}')`,
      activeTokens: sql<number>`(select count(*)::int from ${apiTokens} t where t.user_id = "users"."id" and t.revoked_at is null and (t.expires_at is null or t.expires_at > now()))`,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.kind, "service"), isNull(users.passwordHash)))
    .orderBy(asc(users.username));
}
