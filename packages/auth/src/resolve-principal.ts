import { and, eq, gt, sql, type SQL } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { apiTokens, groups, memberships, sessions, users } from "@groundwork/db/schema";
import { isAdminRole } from "@groundwork/access/policy";
import { principalsFor, type Principal } from "@groundwork/access/principal";

// The user's row and group names in one statement: this runs on every request, and on the
// embedded database each round trip queues behind every other request's queries. The correlation
// is spelled out: drizzle drops the table name from columns of single-table selects.
const principalColumns = {
  userId: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  groups: sql<
    string[]
  >`coalesce((select array_agg(g.name order by g.name) from ${memberships} m join ${groups} g on g.id = m.group_id where m.user_id = "users"."id"), '{}')`,
};

type PrincipalRow = {
  userId: string;
  username: string;
  displayName: string;
  role: Principal["role"];
  groups: string[];
};

function toPrincipal(row: PrincipalRow): Principal {
  // Sorted here, not by the database's collation, so principals compare equal across databases.
  const groupNames = [...row.groups].sort();
  return {
    userId: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    groups: groupNames,
    principals: principalsFor({ userId: row.userId, groups: groupNames }),
    isAdmin: isAdminRole(row.role),
  };
}

/** Loads a user's role and groups fresh from the database: permission changes apply at the next query. */
export async function resolvePrincipal({
  db,
  userId,
  username,
}: {
  db: Database;
  userId?: string;
  username?: string;
}): Promise<Principal> {
  const where: SQL | undefined = userId ? eq(users.id, userId) : username ? eq(users.username, username) : undefined;
  if (!where) throw new GroundworkError("unauthorized", "Sign in to continue.");
  const [row] = await db
    .select(principalColumns)
    .from(users)
    .where(and(where, eq(users.disabled, false)))
    .limit(1);
  if (!row)
    throw new GroundworkError("unauthorized", username ? `No active user named ${username}.` : "Sign in to continue.");
  return toPrincipal(row);
}

/**
 * A live session's CSRF token and principal (fresh role, groups and disabled flag) in one
 * statement; null for an unknown or expired session, or a disabled or deleted user.
 */
export async function resolveSessionPrincipal({
  db,
  sessionId,
}: {
  db: Database;
  sessionId: string;
}): Promise<{ sessionId: string; csrfToken: string; principal: Principal } | null> {
  const [row] = await db
    .select({ ...principalColumns, sessionId: sessions.id, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date()), eq(users.disabled, false)))
    .limit(1);
  return row ? { sessionId: row.sessionId, csrfToken: row.csrfToken, principal: toPrincipal(row) } : null;
}

/**
 * An API token's row and its owner's principal (fresh role, groups and disabled flag, the same
 * columns and code path as a session's) in one statement, found by the token's public id; null
 * when no token has that id or its owner is disabled or gone. The caller checks the secret,
 * expiry and revocation.
 */
export async function resolveTokenPrincipal({ db, publicId }: { db: Database; publicId: string }): Promise<{
  token: {
    id: string;
    secretHash: string;
    scopes: string[];
    expiresAt: Date | null;
    revokedAt: Date | null;
    lastUsedAt: Date | null;
    rateLimitPerMinute: number | null;
  };
  kind: "person" | "service";
  principal: Principal;
} | null> {
  const [row] = await db
    .select({
      ...principalColumns,
      kind: users.kind,
      tokenId: apiTokens.id,
      secretHash: apiTokens.secretHash,
      scopes: apiTokens.scopes,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      rateLimitPerMinute: apiTokens.rateLimitPerMinute,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.publicId, publicId), eq(users.disabled, false)))
    .limit(1);
  if (!row) return null;
  return {
    token: {
      id: row.tokenId,
      secretHash: row.secretHash,
      scopes: row.scopes,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      lastUsedAt: row.lastUsedAt,
      rateLimitPerMinute: row.rateLimitPerMinute,
    },
    kind: row.kind,
    principal: toPrincipal(row),
  };
}
