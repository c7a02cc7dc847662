import { eq } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import { GroundworkError } from "@groundwork/core/errors";
import { sha256Hex } from "@groundwork/core/ids";
import { log } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { apiTokens } from "@groundwork/db/schema";
import { parseApiToken, tokenMatches } from "./api-token-secret";
import { resolveTokenPrincipal } from "./resolve-principal";
import { isIngestScope, mayHoldIngestScopes, type TokenScope } from "./token-scopes";

export type TokenContext = {
  /** The token's row id: audit rows and rate-limit keys name it. */
  id: string;
  /** Scopes in force now (ingest scopes only while the owner may hold them). */
  scopes: TokenScope[];
  rateLimitPerMinute: number | null;
  ownerKind: "person" | "service";
};

/** One message for every refusal, so a caller cannot tell an unknown token from an expired, revoked or disabled one. */
export const INVALID_TOKEN_MESSAGE = "Invalid, expired or revoked API token.";

const LAST_USED_EVERY_MS = 60_000;

// Compared against when the public id is unknown, so that case also pays for one hash and compare.
const DUMMY_HASH = sha256Hex("gw_pat_000000000000_not-a-token");

/**
 * The caller behind `Authorization: Bearer <token>`: the token's owner resolved fresh (role,
 * groups, disabled flag) exactly as a session's principal, so revocation, expiry, disabling and
 * group changes apply at the next request. Every failure is `unauthorized` with one message.
 * last_used_at is written at most once a minute per token (a busy integration would otherwise
 * write the row on every request).
 */
export async function authenticateApiToken({
  db,
  token,
  now = new Date(),
}: {
  db: Database;
  token: string;
  now?: Date;
}): Promise<{ token: TokenContext; principal: Principal }> {
  const refuse = () => new GroundworkError("unauthorized", INVALID_TOKEN_MESSAGE);
  const parsed = parseApiToken(token.trim());
  if (!parsed) throw refuse();
  const found = await resolveTokenPrincipal({ db, publicId: parsed.publicId });
  const matches = tokenMatches({ token: token.trim(), secretHash: found?.token.secretHash ?? DUMMY_HASH });
  if (!found || !matches) throw refuse();
  const { token: row, principal, kind } = found;
  if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now.getTime())) throw refuse();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    // Bookkeeping, not authorisation: a failed write must not fail the request.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(eq(apiTokens.id, row.id))
      .catch((error: unknown) => log.warn("api token last_used_at not written", { error: String(error) }));
  }
  const ingestAllowed = mayHoldIngestScopes({ role: principal.role, kind });
  return {
    token: {
      id: row.id,
      scopes: row.scopes.filter((s) => ingestAllowed || !isIngestScope(s)) as TokenScope[],
      rateLimitPerMinute: row.rateLimitPerMinute,
      ownerKind: kind,
    },
    principal,
  };
}
