import { z } from "zod";
import { MAX_TOKEN_DAYS } from "@groundwork/auth";
import { plainText } from "~/lib/server/auth/plain-text";
import { timestamp } from "~/lib/server/http/contracts";

/** A token as lists show it: the prefix, never the secret. */
export const tokenListing = z.strictObject({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().regex(/^gw_(pat|sa)_[0-9a-f]{12}$/),
  scopes: z.array(z.string()),
  userId: z.uuid(),
  username: z.string(),
  ownerKind: z.enum(["person", "service"]),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
  rateLimitPerMinute: z.number().int().nullable(),
  state: z.enum(["active", "expired", "revoked"]),
});

export const listTokensResponse = z.strictObject({
  tokens: z.array(tokenListing),
  /** The scopes this caller may put on a token of their own. */
  grantableScopes: z.array(z.string()),
  /** Whether they may also add ingest:write:<source> scopes. */
  mayWriteSources: z.boolean(),
});

export const createTokenRequest = z.object({
  name: plainText(z.string().trim().min(1, "give the token a name").max(80)),
  scopes: z.array(z.string().trim().max(80)).min(1, "choose at least one scope").max(50),
  /** Days until the token expires; null: it never does. */
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).nullable(),
});

/** The one response that carries the token's text. */
export const createTokenResponse = z.strictObject({
  token: z.string().regex(/^gw_(pat|sa)_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/),
  listing: tokenListing,
});

export const revokeTokenResponse = z.strictObject({ token: tokenListing });
