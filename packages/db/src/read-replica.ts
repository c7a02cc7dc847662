import pg from "pg";
import { sql } from "drizzle-orm";
import { drizzle, type NodePgQueryResultHKT } from "drizzle-orm/node-postgres";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { isConnectionError } from "@groundwork/core/pg-errors";
import type { Database } from "./client";
import * as schema from "./schema";

/**
 * Reads that may go to a streaming hot standby (DATABASE_READ_URL), and the one rule that keeps
 * them as safe as reads on the primary.
 *
 * The gate is an LSN, not a clock. Before each read transaction we take the primary's
 * `pg_current_wal_insert_lsn()`: every transaction visible on the primary at that moment (a
 * revoked grant, a removed membership, a deleted document) has its commit record before it —
 * the commit record is inserted before the transaction becomes visible, so this holds even
 * with `synchronous_commit = off`, where the *write* LSN could still be behind it. The read then
 * runs on the standby only if, in its first statements, `pg_last_wal_replay_lsn()` reaches
 * that LSN within GROUNDWORK_REPLICA_WAIT_MS (default 30; polled every 2 ms): the standby has applied those commits, and every later statement's snapshot is at
 * least that new (replay only moves forward). Otherwise the read runs on the primary. So the
 * standby never answers from a state older than the primary's at the start of the read — a
 * document revoked before a request began is never served, whatever the lag.
 *
 * `pg_last_xact_replay_timestamp()` alone could not promise that: it only says when the last
 * replayed transaction committed, grows without bound on an idle primary (a caught-up standby
 * looks stale, and one a few milliseconds behind a first write after a quiet hour looks an hour
 * behind), and a standby "within 2 s" still serves a document revoked 1 s ago. So the clock is
 * only the staleness budget (GROUNDWORK_REPLICA_MAX_LAG_MS), measured here as how long the
 * standby has kept failing the gate: once it has been behind for longer than the budget it is
 * skipped for a short cool-off, so a lagging standby costs the primary no wasted round trips; a
 * read that passes the gate resets it. A server that is not in recovery (a promoted or
 * misconfigured "replica") has no replay LSN: it is over budget at once and never used.
 *
 * Why wait at all: the insert LSN is cluster-wide and includes WAL not yet flushed or streamed,
 * so on a primary with any steady write traffic (other databases, heartbeats, a bulk load) a
 * standby is always a few milliseconds behind the LSN taken *now* — without a short wait almost
 * no read passes the gate, though the standby is only streaming latency behind. The wait is
 * bounded and far below the staleness budget; the safety argument is unchanged (the read still
 * runs only once the standby has replayed the LSN taken as it began).
 *
 * Everything here is per transaction and needs no session state, so it works through PgBouncer's
 * transaction pooling on both sides.
 */
/**
 * What a read transaction's `fn` gets: the query builder over the transaction's connection
 * (select, execute, relational queries). Not drizzle's transaction object: nothing that reads
 * needs rollback() or a nested transaction, and a `db.transaction` tx is one of these too.
 */
export type ReadTx = PgDatabase<NodePgQueryResultHKT, typeof schema>;

// One drizzle handle per pooled connection (pg.Pool hands the same client objects out again), so
// the relational schema is extracted once per connection, not once per read.
const handles = new WeakMap<pg.PoolClient, ReadTx>();

export type ReadRouteStats = {
  replica: number;
  primary: number;
  /** Reads that tried the standby and went to the primary: behind the gate, over budget, or an error there. */
  fallbackBehind: number;
  fallbackOverBudget: number;
  fallbackError: number;
};

type Replica = {
  db: Database;
  maxLagMs: number;
  waitMs: number;
  coolUntilMs: number;
  /** When reads first found the standby behind the gate, since the last read that passed it. */
  behindSinceMs: number | null;
  stats: ReadRouteStats;
};

/**
 * Kept on globalThis, not in this module: the web server (server/main.ts, loaded by tsx) opens
 * the handle and attaches the standby, while the route handlers run this module from Next's
 * server bundle — a second instance. A module-local map left the routes without the replica, so
 * every request read the primary.
 */
const shared = globalThis as unknown as {
  [key: symbol]: { replicas: WeakMap<Database, Replica>; primaryStats: WeakMap<Database, ReadRouteStats> } | undefined;
};
const KEY = Symbol.for("groundwork.db.read-replica");
const state = (shared[KEY] ??= { replicas: new WeakMap(), primaryStats: new WeakMap() });
const { replicas, primaryStats } = state;

const emptyStats = (): ReadRouteStats => ({
  replica: 0,
  primary: 0,
  fallbackBehind: 0,
  fallbackOverBudget: 0,
  fallbackError: 0,
});

/** Called by openDatabase when DATABASE_READ_URL is set: reads through `primary` may use `replica`. */
export function attachReplica({
  primary,
  replica,
  maxLagMs,
  waitMs = 30,
}: {
  primary: Database;
  replica: Database;
  maxLagMs: number;
  /** How long a read waits on the standby for the gate before it goes to the primary. */
  waitMs?: number;
}): void {
  replicas.set(primary, { db: replica, maxLagMs, waitMs, coolUntilMs: 0, behindSinceMs: null, stats: emptyStats() });
}

/** Where this handle's reads went so far (benchmarks, the topology test). */
export function readRouteStats({ db }: { db: Database }): ReadRouteStats {
  const replica = replicas.get(db);
  if (replica) return { ...replica.stats };
  return { ...(primaryStats.get(db) ?? emptyStats()) };
}

export function hasReplica({ db }: { db: Database }): boolean {
  return replicas.has(db);
}

class BehindGate extends Error {
  constructor(readonly notStandby: boolean) {
    super("replica behind the primary's LSN");
  }
}

// Errors after which the same read is simply repeated on the primary: the standby is gone, the
// read was cancelled by a recovery conflict (40001), or something tried to write (25006).
function replicaFailure(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 6; depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "40001" || code === "25006" || code === "40P01") return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A read-only transaction on one of `db`'s pooled connections, in fewer round trips than
 * `db.transaction`: the transaction-local settings go with BEGIN as one simple-protocol message
 * (`begin; select set_config(…, true), …`, values quoted as literals), and COMMIT is sent but not waited for —
 * the connection goes back to the pool once it has answered (or is dropped if it fails). `fn`'s
 * result is final before COMMIT: it only read. On an error the ROLLBACK is waited for, as before.
 */
async function readTransaction<T>(db: Database, settings: LocalSettings, fn: (tx: ReadTx) => Promise<T>): Promise<T> {
  const setup = settings.length
    ? `begin; select ${settings.map(([k, v]) => `set_config(${pg.escapeLiteral(k)}, ${pg.escapeLiteral(v)}, true)`).join(", ")}`
    : "begin";
  const client = await db.$client.connect();
  // drizzle's public constructor over the checked-out client: every statement `fn` makes runs on
  // the connection that holds this transaction. (Constructing drizzle's transaction class by
  // hand would need its dialect and session internals.)
  let tx = handles.get(client);
  if (!tx) handles.set(client, (tx = drizzle(client, { schema })));
  let result: T;
  try {
    await client.query(setup);
    result = await fn(tx);
  } catch (error) {
    await client.query("rollback").then(
      () => client.release(),
      (e: Error) => client.release(e),
    );
    throw error;
  }
  client.query("commit").then(
    () => client.release(),
    (e: Error) => client.release(e),
  );
  return result;
}

/** Settings made with set_config(name, value, true), in order (`role` last, so the others are set as the owner). */
export type LocalSettings = ReadonlyArray<readonly [name: string, value: string]>;

async function onPrimary<T>(
  db: Database,
  settings: LocalSettings,
  fn: (tx: ReadTx) => Promise<T>,
  stats: ReadRouteStats,
): Promise<T> {
  stats.primary += 1;
  return readTransaction(db, settings, fn);
}

/**
 * Runs a read-only transaction for a request: on the standby when it has replayed everything the
 * primary had committed when the read began, else on the primary. `fn` may run twice (once on a
 * standby that failed mid-way, then on the primary), so it must only read.
 */
export async function withReadTransaction<T>({
  db,
  fn,
  settings = [],
  nowMs = Date.now,
}: {
  db: Database;
  fn: (tx: ReadTx) => Promise<T>;
  /** Transaction-local settings made first, in BEGIN's round trip. */
  settings?: LocalSettings;
  nowMs?: () => number;
}): Promise<T> {
  const replica = replicas.get(db);
  if (!replica) {
    let stats = primaryStats.get(db);
    if (!stats) primaryStats.set(db, (stats = emptyStats()));
    return onPrimary(db, settings, fn, stats);
  }
  const { stats } = replica;
  if (nowMs() < replica.coolUntilMs) return onPrimary(db, settings, fn, stats);
  const { rows } = await db.$client.query<{ lsn: string }>("select pg_current_wal_insert_lsn()::text as lsn");
  const lsn = rows[0]!.lsn;
  try {
    const result = await readTransaction(replica.db, settings, async (tx) => {
      // Wall-clock deadline, not nowMs (tests drive that one by hand).
      const deadline = performance.now() + replica.waitMs;
      for (;;) {
        const gate = await tx.execute<{ caught_up: boolean | null }>(
          sql`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as caught_up`,
        );
        const caughtUp = gate.rows[0]?.caught_up;
        if (caughtUp === true) break;
        // Not a standby at all (no replay LSN: null), or still behind when the wait is over.
        if (caughtUp === null || caughtUp === undefined) throw new BehindGate(true);
        if (performance.now() >= deadline) throw new BehindGate(false);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // Read committed: every statement of fn takes a snapshot at least as new as the gate's.
      return fn(tx);
    });
    stats.replica += 1;
    replica.behindSinceMs = null;
    return result;
  } catch (error) {
    const now = nowMs();
    if (error instanceof BehindGate) {
      replica.behindSinceMs ??= now;
      if (error.notStandby || now - replica.behindSinceMs > replica.maxLagMs) {
        stats.fallbackOverBudget += 1;
        replica.coolUntilMs = now + Math.min(1_000, Math.max(100, replica.maxLagMs));
      } else stats.fallbackBehind += 1;
    } else if (replicaFailure(error)) {
      stats.fallbackError += 1;
      replica.coolUntilMs = now + Math.min(1_000, Math.max(100, replica.maxLagMs));
    } else throw error;
    return onPrimary(db, settings, fn, stats);
  }
}
