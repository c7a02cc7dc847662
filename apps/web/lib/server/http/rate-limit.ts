import "server-only";
import type { EnvSource } from "@groundwork/core/env";
import { readRateLimitEnv } from "~/lib/env";

/**
 * Per-user rate limits for the expensive routes (chat runs a model, search hits the index).
 * Token buckets in process memory: a burst up to the per-minute figure, refilled evenly.
 * With several web processes each keeps its own buckets, so the effective limit scales with
 * the process count — acceptable for abuse protection, not for billing.
 */
export type RateLimitBucket = "chat" | "search";

export type RateLimitConfig = Record<RateLimitBucket, number>;

/** Per-minute limits from the environment; 0 switches a limit off. */
export function readRateLimitConfig(env?: EnvSource): RateLimitConfig {
  const parsed = readRateLimitEnv(env);
  return { chat: parsed.GROUNDWORK_RATE_LIMIT_CHAT_PER_MINUTE, search: parsed.GROUNDWORK_RATE_LIMIT_SEARCH_PER_MINUTE };
}

/** Which bucket a path belongs to when the route does not say (the chat and search APIs). */
export function bucketForPath(pathname: string): RateLimitBucket | null {
  if (pathname === "/api/chat" || pathname.startsWith("/api/chat/")) return "chat";
  if (pathname === "/api/search" || pathname.startsWith("/api/search/")) return "search";
  return null;
}

type Bucket = { tokens: number; updatedMs: number };

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = {
  take(args: { bucket: RateLimitBucket; key: string; nowMs?: number }): RateLimitDecision;
  reset(): void;
};

// Bounds memory if many distinct keys appear; full buckets carry no state worth keeping.
const MAX_KEYS = 50_000;

export function createRateLimiter({ config = readRateLimitConfig() }: { config?: RateLimitConfig } = {}): RateLimiter {
  const buckets = new Map<string, Bucket>();
  return {
    take({ bucket, key, nowMs = Date.now() }) {
      const perMinute = config[bucket];
      if (perMinute <= 0) return { allowed: true };
      const id = `${bucket}\u0000${key}`;
      const ratePerMs = perMinute / 60_000;
      const b = buckets.get(id) ?? { tokens: perMinute, updatedMs: nowMs };
      b.tokens = Math.min(perMinute, b.tokens + Math.max(0, nowMs - b.updatedMs) * ratePerMs);
      b.updatedMs = nowMs;
      if (b.tokens < 1) {
        buckets.set(id, b);
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000)) };
      }
      b.tokens -= 1;
      buckets.delete(id); // re-insert so Map order is least-recently-used first
      buckets.set(id, b);
      if (buckets.size > MAX_KEYS) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return { allowed: true };
    },
    reset() {
      buckets.clear();
    },
  };
}

const globalForLimits = globalThis as unknown as { __groundworkRateLimiter?: RateLimiter };

/** The process-wide limiter used by `route()`; one per process so every route shares the buckets. */
export function sharedRateLimiter(): RateLimiter {
  globalForLimits.__groundworkRateLimiter ??= createRateLimiter();
  return globalForLimits.__groundworkRateLimiter;
}
