import type { ApiTokenListing } from "@groundwork/auth";
import type { TokenRow } from "./token-manager";

/** Dates as `/api/tokens` sends them, so the first render and every reload show the same rows. */
export function tokenRows({ tokens }: { tokens: ApiTokenListing[] }): TokenRow[] {
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    rateLimitPerMinute: t.rateLimitPerMinute,
    state: t.state,
  }));
}
