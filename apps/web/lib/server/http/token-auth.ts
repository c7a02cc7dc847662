import "server-only";
import { GroundworkError } from "@groundwork/core/errors";
import type { TokenContext, TokenScope } from "@groundwork/auth";
import {
  createRateLimiter,
  sharedRateLimiter,
  sharedRateLimitStore,
  type RateLimitBucket,
  type RateLimiter,
} from "./rate-limit";

/** How a route takes API tokens (`route({ token })`). */
export type RouteTokenSpec = {
  /**
   * The scope a token needs here; a list when any one of several will do (MCP, whose tools each
   * check their own); a function of the URL's params for per-source scopes (`ingest:write:<source>`).
   */
  scope: TokenScope | readonly TokenScope[] | ((args: { params: Record<string, string | string[]> }) => TokenScope);
  /** Tokens only: the session cookie is never read, a request without a bearer token is a 401. */
  only?: boolean;
};

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The token of an `Authorization: Bearer …` header, or null when there is none. Any other
 * Authorization scheme is not ours and reads as no token; a Bearer header with a value that is
 * not a Groundwork token still counts as a bearer attempt (and fails as invalid), so it never
 * falls back to the cookie.
 */
export function bearerTokenOf(req: Request): string | null {
  const header = req.headers.get("authorization");
  if (!header) return null;
  if (!/^Bearer(\s|$)/i.test(header)) return null;
  return BEARER.exec(header)?.[1] ?? "";
}

export function scopeOf({
  spec,
  params,
}: {
  spec: RouteTokenSpec;
  params: Record<string, string | string[]>;
}): readonly TokenScope[] {
  if (typeof spec.scope === "function") return [spec.scope({ params })];
  return typeof spec.scope === "string" ? [spec.scope] : spec.scope;
}

/**
 * A 403 when the token lacks the route's scope. The message names only the scope the route
 * asked for, which the caller chose through the URL: a token for another source learns nothing
 * about whether this source exists.
 */
export function checkTokenScope({
  spec,
  token,
  params,
}: {
  spec: RouteTokenSpec;
  token: TokenContext;
  params: Record<string, string | string[]>;
}): { scope: string; error: GroundworkError } | null {
  const wanted = scopeOf({ spec, params });
  if (wanted.some((s) => (token.scopes as string[]).includes(s))) return null;
  const scope = wanted.join(" or ");
  return { scope, error: new GroundworkError("forbidden", `This API token lacks the ${scope} scope.`) };
}

const globalForTokenLimits = globalThis as unknown as { __groundworkTokenLimiters?: Map<number, RateLimiter> };

/**
 * A token with its own per-minute limit gets one budget across every route, in a limiter of
 * that size (the shared limiter's sizes are the route buckets'); a token without one is counted
 * in the route's bucket under `token:<id>`, apart from its owner's browser use.
 */
export async function takeTokenRateLimit({
  token,
  bucket,
}: {
  token: TokenContext;
  bucket: RateLimitBucket | null;
}): Promise<void> {
  const key = `token:${token.id}`;
  let decision;
  if (token.rateLimitPerMinute) {
    const limiters = (globalForTokenLimits.__groundworkTokenLimiters ??= new Map());
    let limiter = limiters.get(token.rateLimitPerMinute);
    if (!limiter) {
      const n = token.rateLimitPerMinute;
      // On the shared store: a token's budget is cluster-wide like a user's.
      limiter = createRateLimiter({ config: { chat: n, search: n }, store: sharedRateLimitStore() });
      limiters.set(n, limiter);
    }
    decision = await limiter.take({ bucket: "chat", key });
  } else if (bucket) {
    decision = await sharedRateLimiter().take({ bucket, key });
  } else return;
  if (!decision.allowed)
    throw new GroundworkError(
      "rate_limited",
      `Too many requests with this API token. Try again in ${decision.retryAfterSeconds} s.`,
      { details: { retryAfterSeconds: decision.retryAfterSeconds } },
    );
}

/** For tests: forgets every per-token budget. */
export async function resetTokenRateLimits(): Promise<void> {
  // Every limiter shares one store: resetting it forgets the per-token budgets too.
  await sharedRateLimiter().reset();
}
