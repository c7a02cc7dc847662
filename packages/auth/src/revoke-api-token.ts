import { and, eq, isNull, type SQL } from "drizzle-orm";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { apiTokens } from "@groundwork/db/schema";
import { listApiTokens, type ApiTokenListing } from "./list-api-tokens";

/**
 * Revokes a token: the next request carrying it is refused (tokens are checked against the row
 * on every request, nothing is cached). With `userId`, only that user's own token: another
 * user's id answers the same not_found as an unknown one. Revoking twice keeps the first time.
 */
export async function revokeApiToken({
  db,
  id,
  userId,
}: {
  db: Database;
  id: string;
  /** Restrict to this owner's tokens (a person revoking their own). */
  userId?: string;
}): Promise<ApiTokenListing> {
  if (!isUuid(id)) throw new GroundworkError("not_found", "No such token.");
  const owned: SQL[] = [eq(apiTokens.id, id), ...(userId ? [eq(apiTokens.userId, userId)] : [])];
  await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(...owned, isNull(apiTokens.revokedAt)));
  const [listing] = await listApiTokens({ db, tokenId: id, ...(userId ? { userId } : {}) });
  if (!listing) throw new GroundworkError("not_found", "No such token.");
  return listing;
}
