import "server-only";
import type { EnvSource } from "@groundwork/core/env";
import type { Database } from "@groundwork/db/client";
import { readRateLimitEnv } from "~/lib/env";
import { getDb } from "~/lib/server/db";

/**
 * Per-user rate limits for the expensive routes (chat runs a model, search hits the index):
 * token buckets, a burst up to the per-minute figure, refilled evenly.
 *
 * Where the buckets live decides whether the limit is per process or per cluster. On a Postgres
 * server (any number of web processes, GROUNDWORK_ROLE=web) they are rows of
 * `rate_limit_buckets`, refilled and taken in one atomic upsert, so a user's budget is the same
 * whichever process answers. Embedded, where one process serves, they stay in its memory (no
 * extra write per request). `take` is async for that reason.
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

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = {
  take(args: { bucket: RateLimitBucket; key: string; nowMs?: number }): Promise<RateLimitDecision>;
  /** Tests: forget every bucket (of this limiter's store). */
  reset(): Promise<void>;
};

/** One bucket's refill-and-take, atomically; `tokens` is what is left after it. */
export type RateLimitStore = {
  take(args: {
    id: string;
    capacity: number;
    ratePerMs: number;
    nowMs?: number;
  }): Promise<{ allowed: boolean; tokens: number }>;
  reset(): Promise<void>;
};

type Bucket = { tokens: number; updatedMs: number };

// Bounds memory if many distinct keys appear; full buckets carry no state worth keeping.
const MAX_KEYS = 50_000;

/** Process memory: the embedded default, and unit tests. */
export function createMemoryRateLimitStore(): RateLimitStore {
  const buckets = new Map<string, Bucket>();
  return {
    async take({ id, capacity, ratePerMs, nowMs = Date.now() }) {
      const b = buckets.get(id) ?? { tokens: capacity, updatedMs: nowMs };
      b.tokens = Math.min(capacity, b.tokens + Math.max(0, nowMs - b.updatedMs) * ratePerMs);
      b.updatedMs = Math.max(b.updatedMs, nowMs);
      const allowed = b.tokens >= 1;
      if (allowed) b.tokens -= 1;
      buckets.delete(id); // re-insert so Map order is least-recently-used first
      buckets.set(id, b);
      if (buckets.size > MAX_KEYS) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return { allowed, tokens: b.tokens };
    },
    async reset() {
      buckets.clear();
    },
  };
}

/**
 * `rate_limit_buckets` rows: one INSERT … ON CONFLICT DO UPDATE refills by the time since the
 * row's last take, takes a token when one is there, and says which it did. The conflicting row
 * is locked for the statement, so concurrent takes from any process serialise and none is lost.
 * Time is the database's clock (one clock for the cluster) unless the caller passes `nowMs`.
 */
export function createPostgresRateLimitStore({ db }: { db: () => Promise<Database> }): RateLimitStore {
  return {
    async take({ id, capacity, ratePerMs, nowMs }) {
      const d = await db();
      const { rows } = await d.$client.query<{ tokens: number; allowed: boolean }>(
        `insert into rate_limit_buckets as b (key, tokens, updated_ms, allowed)
         values ($1, $2::float8 - 1, coalesce($4::float8, extract(epoch from clock_timestamp()) * 1000), true)
         on conflict (key) do update set
           tokens = case
             when least($2::float8, b.tokens + greatest(0, excluded.updated_ms - b.updated_ms) * $3::float8) >= 1
             then least($2::float8, b.tokens + greatest(0, excluded.updated_ms - b.updated_ms) * $3::float8) - 1
             else least($2::float8, b.tokens + greatest(0, excluded.updated_ms - b.updated_ms) * $3::float8)
           end,
           allowed = least($2::float8, b.tokens + greatest(0, excluded.updated_ms - b.updated_ms) * $3::float8) >= 1,
           updated_ms = greatest(b.updated_ms, excluded.updated_ms)
         returning tokens, allowed`,
        [id, capacity, ratePerMs, nowMs ?? null],
      );
      const row = rows[0]!;
      return { allowed: row.allowed, tokens: Number(row.tokens) };
    },
    async reset() {
      await (await db()).$client.query("delete from rate_limit_buckets");
    },
  };
}

/** The database's buckets on a server, process memory embedded (decided on first use). */
function createSharedStore(): RateLimitStore {
  const memory = createMemoryRateLimitStore();
  const database = createPostgresRateLimitStore({ db: async () => (await getDb()).db });
  const pick = async () => ((await getDb()).mode === "server" ? database : memory);
  return {
    take: async (args) => (await pick()).take(args),
    reset: async () => {
      await memory.reset();
      await (await pick()).reset();
    },
  };
}

export function createRateLimiter({
  config = readRateLimitConfig(),
  store = createMemoryRateLimitStore(),
}: { config?: RateLimitConfig; store?: RateLimitStore } = {}): RateLimiter {
  return {
    async take({ bucket, key, nowMs }) {
      const perMinute = config[bucket];
      if (perMinute <= 0) return { allowed: true };
      const ratePerMs = perMinute / 60_000;
      // The capacity is part of the id: limiters of different sizes (per-token limits) never share a row.
      // The first "|" ends the prefix (bucket names and numbers have none); not NUL, which Postgres text refuses.
      const { allowed, tokens } = await store.take({
        id: `${bucket}:${perMinute}|${key}`,
        capacity: perMinute,
        ratePerMs,
        ...(nowMs === undefined ? {} : { nowMs }),
      });
      if (allowed) return { allowed: true };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000)) };
    },
    reset: () => store.reset(),
  };
}

const globalForLimits = globalThis as unknown as { __groundworkRateLimitStore?: RateLimitStore };

/** The store every limiter of this process uses: cluster-wide on a server (see the top of this file). */
export function sharedRateLimitStore(): RateLimitStore {
  globalForLimits.__groundworkRateLimitStore ??= createSharedStore();
  return globalForLimits.__groundworkRateLimitStore;
}

const globalForLimiter = globalThis as unknown as { __groundworkRateLimiter?: RateLimiter };

/** The limiter `route()` uses for the chat and search buckets, on the shared store. */
export function sharedRateLimiter(): RateLimiter {
  globalForLimiter.__groundworkRateLimiter ??= createRateLimiter({ store: sharedRateLimitStore() });
  return globalForLimiter.__groundworkRateLimiter;
}
