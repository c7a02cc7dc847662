import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "@groundwork/db/client";
import { apiTokens, users } from "@groundwork/db/schema";

export type ApiTokenState = "active" | "expired" | "revoked";

/** A token as lists show it: never its secret or hash. */
export type ApiTokenListing = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  userId: string;
  username: string;
  ownerKind: "person" | "service";
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  rateLimitPerMinute: number | null;
  state: ApiTokenState;
};

const creators = alias(users, "creators");

/** Tokens, newest first: one user's (`userId`), one token (`tokenId`), or all of them (admins). */
export async function listApiTokens({
  db,
  userId,
  tokenId,
}: {
  db: Database;
  userId?: string;
  tokenId?: string;
}): Promise<ApiTokenListing[]> {
  const filters: SQL[] = [];
  if (userId) filters.push(eq(apiTokens.userId, userId));
  if (tokenId) filters.push(eq(apiTokens.id, tokenId));
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scopes: apiTokens.scopes,
      userId: apiTokens.userId,
      username: users.username,
      ownerKind: users.kind,
      createdAt: apiTokens.createdAt,
      createdBy: creators.username,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      rateLimitPerMinute: apiTokens.rateLimitPerMinute,
      expired: sql<boolean>`${apiTokens.expiresAt} is not null and ${apiTokens.expiresAt} <= now()`,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(creators, eq(creators.id, apiTokens.createdBy))
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map(({ expired, ...row }) => ({
    ...row,
    createdBy: row.createdBy ?? null,
    state: row.revokedAt ? "revoked" : expired ? "expired" : "active",
  }));
}
