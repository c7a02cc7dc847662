import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { getDb } from "~/lib/server/db";
/**
 * Sign-in throttling per account and per client address, with exponential backoff.
 *
 * The decision is taken before the password hash is computed: a rejected attempt costs a map
 * lookup, not an argon2 verify, so a flood of guesses can neither test passwords nor eat the
 * CPU other users' searches need. Each attempt is counted when it is admitted (not when it
 * fails), so a burst of parallel guesses is throttled as well as a sequential one; a success
 * gives the attempt back. Unknown usernames are counted exactly like real ones.
 *
 * State sits behind `ThrottleStore` (one atomic read-modify-write). On a Postgres server the
 * records are rows of `sign_in_attempts`, changed under a row lock, so every web process counts
 * the same attempts (a guesser spreading requests over processes gains nothing); embedded, where
 * one process serves, they stay in its memory.
 */

export type ThrottleRecord = {
  /** Attempts admitted and not given back by a success, since the record last decayed. */
  attempts: number;
  /** When the last attempt was admitted (ms since epoch). */
  lastMs: number;
};

export type ThrottleStore = {
  /**
   * Atomically replaces the record under `key` with `change(current)` and returns what
   * `change` returned (null deletes the record).
   */
  update<T>(args: {
    key: string;
    change: (current: ThrottleRecord | null) => { next: ThrottleRecord | null; result: T };
  }): Promise<T>;
};

export type ThrottleLimit = {
  /** Attempts allowed back to back before any wait. */
  free: number;
  /** The first wait once `free` is used up; each further attempt doubles it. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A record this long without attempts is forgotten. */
  forgetAfterMs: number;
};

export type ThrottlePolicy = { account: ThrottleLimit; address: ThrottleLimit };

/**
 * An account gets a handful of tries, then 1 s, 2 s, 4 s … up to 15 min between them. An
 * address gets more (several people may share one, e.g. an office NAT) before backing off.
 */
export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = {
  account: { free: 5, baseDelayMs: 1_000, maxDelayMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 },
  address: { free: 20, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, forgetAfterMs: 60 * 60_000 },
};

export type ThrottleScope = "account" | "address";

export type ThrottleDecision =
  { allowed: true; ticket: ThrottleTicket } | { allowed: false; scope: ThrottleScope; retryAfterSeconds: number };

/** What an admitted attempt holds, to give back on success. */
export type ThrottleTicket = { keys: string[] };

export type SignInThrottle = {
  /** Admits (and counts) an attempt, or says how long to wait. Call before verifying the password. */
  admit(args: { username: string; address: string | null; nowMs?: number }): Promise<ThrottleDecision>;
  /** The attempt succeeded: the account starts afresh, the address gets its attempt back. */
  succeeded(args: { ticket: ThrottleTicket }): Promise<void>;
};

function delayMs({ limit, attempts }: { limit: ThrottleLimit; attempts: number }): number {
  if (attempts < limit.free) return 0;
  const exponent = Math.min(attempts - limit.free, 30);
  return Math.min(limit.maxDelayMs, limit.baseDelayMs * 2 ** exponent);
}

function accountKey(username: string): string {
  return `account:${username.trim().toLowerCase()}`;
}

function addressKey(address: string): string {
  return `address:${address}`;
}

export function createSignInThrottle({
  store = createMemoryThrottleStore(),
  policy = DEFAULT_THROTTLE_POLICY,
}: { store?: ThrottleStore; policy?: ThrottlePolicy } = {}): SignInThrottle {
  /** Checks one key and, when admitted, counts the attempt in the same atomic step. */
  const take = ({ key, limit, nowMs }: { key: string; limit: ThrottleLimit; nowMs: number }) =>
    store.update<{ waitMs: number }>({
      key,
      change: (current) => {
        const live = current && nowMs - current.lastMs < limit.forgetAfterMs ? current : null;
        const attempts = live?.attempts ?? 0;
        const waitMs = live ? live.lastMs + delayMs({ limit, attempts }) - nowMs : 0;
        if (waitMs > 0) return { next: live, result: { waitMs } };
        return { next: { attempts: attempts + 1, lastMs: nowMs }, result: { waitMs: 0 } };
      },
    });

  return {
    async admit({ username, address, nowMs = Date.now() }) {
      const keys: string[] = [];
      // Address first: a sprayer rotating usernames is stopped without touching their records.
      const checks: { scope: ThrottleScope; key: string; limit: ThrottleLimit }[] = [
        ...(address ? [{ scope: "address" as const, key: addressKey(address), limit: policy.address }] : []),
        { scope: "account", key: accountKey(username), limit: policy.account },
      ];
      for (const check of checks) {
        const { waitMs } = await take({ key: check.key, limit: check.limit, nowMs });
        if (waitMs > 0) {
          // Refused: the attempt counted against the other key is given back.
          await Promise.all(keys.map((key) => giveBack({ store, key })));
          return { allowed: false, scope: check.scope, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
        }
        keys.push(check.key);
      }
      return { allowed: true, ticket: { keys } };
    },
    async succeeded({ ticket }) {
      await Promise.all(
        ticket.keys.map((key) =>
          key.startsWith("account:")
            ? store.update({ key, change: () => ({ next: null, result: undefined }) })
            : giveBack({ store, key }),
        ),
      );
    },
  };
}

function giveBack({ store, key }: { store: ThrottleStore; key: string }): Promise<void> {
  return store.update({
    key,
    change: (current) => ({
      next: current && current.attempts > 1 ? { ...current, attempts: current.attempts - 1 } : null,
      result: undefined,
    }),
  });
}

// Bounds memory when many distinct usernames or addresses appear.
const MAX_KEYS = 100_000;

/** Process-memory store; least recently touched records are dropped past `maxKeys`. */
export function createMemoryThrottleStore({ maxKeys = MAX_KEYS }: { maxKeys?: number } = {}): ThrottleStore {
  const records = new Map<string, ThrottleRecord>();
  return {
    async update({ key, change }) {
      // Synchronous between read and write, so concurrent attempts cannot both see the old count.
      const { next, result } = change(records.get(key) ?? null);
      records.delete(key);
      if (next) {
        records.set(key, next);
        if (records.size > maxKeys) {
          const oldest = records.keys().next().value;
          if (oldest !== undefined) records.delete(oldest);
        }
      }
      return result;
    },
  };
}

/**
 * `sign_in_attempts` rows. The read-modify-write runs in one transaction: a placeholder row
 * (attempts 0, meaning "no record") is inserted if absent, then the row is locked with FOR
 * UPDATE, so concurrent attempts on one key — from any process — take turns and none is lost.
 * Records untouched for `forgetAfterMs` are purged now and then, so sprayed usernames do not
 * pile up.
 */
export function createPostgresThrottleStore({
  db,
  forgetAfterMs = 60 * 60_000,
}: {
  db: () => Promise<Database>;
  forgetAfterMs?: number;
}): ThrottleStore {
  let updates = 0;
  return {
    async update({ key, change }) {
      const d = await db();
      if (++updates % 200 === 0) {
        await d.execute(
          sql`delete from sign_in_attempts where last_ms < extract(epoch from clock_timestamp()) * 1000 - ${forgetAfterMs}`,
        );
      }
      return d.transaction(async (tx) => {
        await tx.execute(
          sql`insert into sign_in_attempts (key, attempts, last_ms) values (${key}, 0, 0) on conflict (key) do nothing`,
        );
        const r = await tx.execute<{ attempts: number; last_ms: number }>(
          sql`select attempts, last_ms from sign_in_attempts where key = ${key} for update`,
        );
        const row = r.rows[0];
        const current = row && row.attempts > 0 ? { attempts: row.attempts, lastMs: Number(row.last_ms) } : null;
        const { next, result } = change(current);
        if (next)
          await tx.execute(
            sql`update sign_in_attempts set attempts = ${next.attempts}, last_ms = ${next.lastMs} where key = ${key}`,
          );
        else await tx.execute(sql`delete from sign_in_attempts where key = ${key}`);
        return result;
      });
    },
  };
}

/** The database's records on a server, process memory embedded (decided per call: getDb() is cached). */
function createSharedThrottleStore(): ThrottleStore {
  const memory = createMemoryThrottleStore();
  const database = createPostgresThrottleStore({ db: async () => (await getDb()).db });
  return {
    async update(args) {
      return ((await getDb()).mode === "server" ? database : memory).update(args);
    },
  };
}

const globalForThrottle = globalThis as unknown as { __groundworkSignInThrottle?: SignInThrottle };

/** The process-wide throttle the sign-in route uses; its records are cluster-wide on a server. */
export function sharedSignInThrottle(): SignInThrottle {
  globalForThrottle.__groundworkSignInThrottle ??= createSignInThrottle({ store: createSharedThrottleStore() });
  return globalForThrottle.__groundworkSignInThrottle;
}

/** Tests start each case from a clean slate (the database's records too, on a server). */
export async function resetSharedSignInThrottle(): Promise<void> {
  delete globalForThrottle.__groundworkSignInThrottle;
  const handle = await getDb();
  if (handle.mode === "server") await handle.db.execute(sql`delete from sign_in_attempts`);
}

/**
 * The client's address as the product's HTTP server saw the socket (`server/main.ts` sets this
 * header on every request, overwriting anything a client sent). Null when the app runs without
 * that server: then only the per-account limit applies, rather than one bucket for everybody.
 */
export const CLIENT_ADDRESS_HEADER = "x-groundwork-client-address";

export function clientAddressOf(req: Request): string | null {
  const value = req.headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  return value && value.length <= 100 ? value : null;
}
