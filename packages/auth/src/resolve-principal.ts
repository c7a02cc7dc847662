import { and, eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/db/errors";
import { groups, memberships, users } from "@groundwork/db/schema";
import { principalsFor, type Principal } from "./principal";

/** Loads a user's role and groups fresh from the database: permission changes apply at the next query. */
export async function resolvePrincipal({ db, userId, username }: { db: Database; userId?: string; username?: string }): Promise<Principal> {
  const where = userId ? eq(users.id, userId) : username ? eq(users.username, username) : undefined;
  if (!where) throw new GroundworkError("unauthorized", "Sign in to continue.");
  const [user] = await db.select().from(users).where(and(where, eq(users.disabled, false))).limit(1);
  if (!user) throw new GroundworkError("unauthorized", username ? `No active user named ${username}.` : "Sign in to continue.");
  const rows = await db
    .select({ name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.userId, user.id));
  const groupNames = rows.map((r) => r.name).sort();
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    groups: groupNames,
    principals: principalsFor({ userId: user.id, groups: groupNames }),
    isAdmin: user.role === "admin",
  };
}
