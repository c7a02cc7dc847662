import { eq } from "drizzle-orm";
import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import type { Database } from "@groundwork/db/client";
import { apiTokens, users } from "@groundwork/db/schema";
import { newApiTokenSecret } from "./api-token-secret";
import { listApiTokens, type ApiTokenListing } from "./list-api-tokens";
import { parseInput } from "./parse-input";
import { isIngestScope, mayHoldIngestScopes, tokenScopesSchema } from "./token-scopes";

export const MAX_TOKEN_DAYS = 366;

export const createApiTokenInput = z.object({
  userId: z.string().uuid("Invalid user id."),
  name: z.string().trim().min(1, "Give the token a name.").max(80),
  scopes: tokenScopesSchema,
  /** Null or absent: the token does not expire. */
  expiresAt: z.coerce.date().nullish(),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).nullish(),
  createdBy: z.string().uuid().nullish(),
});
export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

/**
 * Issues a token for a user or service account and returns its text — the only time it exists
 * outside the caller's hands: the row keeps its sha256. Ingest scopes are refused for owners who
 * may not write into sources (see token-scopes.ts); a disabled owner gets none.
 */
export async function createApiToken({
  db,
  ...input
}: { db: Database } & CreateApiTokenInput): Promise<{ token: string; listing: ApiTokenListing }> {
  const { userId, name, scopes, expiresAt, rateLimitPerMinute, createdBy } = parseInput({
    schema: createApiTokenInput,
    value: input,
  });
  const now = Date.now();
  if (expiresAt && expiresAt.getTime() <= now)
    throw new GroundworkError("bad_request", "The expiry must be in the future.");
  if (expiresAt && expiresAt.getTime() > now + MAX_TOKEN_DAYS * 86_400_000)
    throw new GroundworkError("bad_request", `A token expires within ${MAX_TOKEN_DAYS} days at most.`);
  const [owner] = await db
    .select({ role: users.role, kind: users.kind, disabled: users.disabled })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!owner || owner.disabled) throw new GroundworkError("not_found", "No such active user.");
  if (scopes.some(isIngestScope) && !mayHoldIngestScopes(owner))
    throw new GroundworkError("bad_request", "Only admins and service accounts can hold ingest:write scopes.");
  // A collision of the 48-bit public id is improbable; the unique index turns one into a retry.
  for (let attempt = 0; ; attempt++) {
    const secret = newApiTokenSecret({ kind: owner.kind === "service" ? "sa" : "pat" });
    try {
      const [row] = await db
        .insert(apiTokens)
        .values({
          userId,
          name,
          prefix: secret.prefix,
          publicId: secret.publicId,
          secretHash: secret.secretHash,
          scopes,
          expiresAt: expiresAt ?? null,
          rateLimitPerMinute: rateLimitPerMinute ?? null,
          createdBy: createdBy ?? null,
        })
        .returning({ id: apiTokens.id });
      const [listing] = await listApiTokens({ db, tokenId: row!.id });
      return { token: secret.token, listing: listing! };
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 2) throw error;
    }
  }
}

/** `30d`, `12h` or a bare number of days → the expiry instant; `never` → null. */
export function parseTokenExpiry({ text, now = new Date() }: { text: string; now?: Date }): Date | null {
  const t = text.trim().toLowerCase();
  if (t === "never" || t === "none") return null;
  const match = /^(\d{1,4})\s*([dh]?)$/.exec(t);
  if (!match) throw new GroundworkError("bad_request", `Invalid expiry ${text}: use e.g. 30d, 12h or never.`);
  const n = Number(match[1]);
  if (n <= 0) throw new GroundworkError("bad_request", "The expiry must be in the future.");
  return new Date(now.getTime() + n * (match[2] === "h" ? 3_600_000 : 86_400_000));
}
