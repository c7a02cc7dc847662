import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { readDbEnv, type DbEnv } from "./env";
import {
  connectionFromLock,
  liveOwner,
  startEmbeddedOwner,
  type EmbeddedConnection,
  type EmbeddedOwner,
} from "./embedded";
import { GroundworkError } from "@groundwork/core/errors";
import * as schema from "./schema";
import { attachReplica } from "./read-replica";

export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type DbMode = "server" | "embedded";

export type DbHandle = {
  db: Database;
  pool: pg.Pool;
  mode: DbMode;
  url: string;
  /** Set when this process owns the embedded data dir (and serves it to the others). */
  owner: EmbeddedOwner | undefined;
  /** The standby's pool when DATABASE_READ_URL is set (reads go there through withReadTransaction). */
  readPool?: pg.Pool | undefined;
  close(): Promise<void>;
};

// Postgres returns int8 (count(*), bigserial) as strings by default; our counts fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));

/** A server's URL, or the embedded socket's host, port and password (never put into a URL, which gets logged). */
function createPool(target: string | EmbeddedConnection, max: number): pg.Pool {
  const where = typeof target === "string" ? { connectionString: target } : target;
  const pool = new pg.Pool({ ...where, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
  // A dropped idle connection (database restarted) must not crash the process; the next
  // checkout reconnects.
  pool.on("error", () => undefined);
  return pool;
}

const modes = new WeakMap<object, DbMode>();
// Which start of the embedded owner a non-owning handle connected to: its password is only good for that start.
const embeddedStarts = new WeakMap<pg.Pool, string>();

function startIdentity(info: { pid: number; startedAt: string; port: number | null }): string {
  return `${info.pid}@${info.startedAt}:${info.port}`;
}

/** Whether a handle's database is a Postgres server or the embedded PGlite (unknown handles: embedded). */
export function databaseMode(db: Database): DbMode {
  return modes.get(db) ?? "embedded";
}

function wrap(
  pool: pg.Pool,
  mode: DbMode,
  url: string,
  owner: EmbeddedOwner | undefined,
  readPool?: { pool: pg.Pool; maxLagMs: number; waitMs: number },
): DbHandle {
  const db: Database = drizzle<typeof schema, pg.Pool>(pool, { schema });
  modes.set(db, mode);
  if (readPool) {
    const replica: Database = drizzle<typeof schema, pg.Pool>(readPool.pool, { schema });
    modes.set(replica, mode);
    attachReplica({ primary: db, replica, maxLagMs: readPool.maxLagMs, waitMs: readPool.waitMs });
  }
  let closed = false;
  return {
    db,
    pool,
    mode,
    url,
    owner,
    readPool: readPool?.pool,
    async close() {
      if (closed) return;
      closed = true;
      await readPool?.pool.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
      await owner?.close();
    },
  };
}

/**
 * Opens the product's database. With DATABASE_URL: a node-postgres pool on that server.
 * Without: the embedded PGlite, reached over its socket when another process owns it;
 * `own: "if-absent"` makes this process the owner when nobody is (CLI, the app server).
 */
export async function openDatabase({
  env = readDbEnv(),
  own = "never",
  poolMax,
}: {
  env?: DbEnv;
  own?: "never" | "if-absent" | "always";
  poolMax?: number;
} = {}): Promise<DbHandle> {
  const max = poolMax ?? env.GROUNDWORK_DB_POOL_MAX;
  if (env.DATABASE_URL) {
    const readPool = env.DATABASE_READ_URL
      ? {
          pool: createPool(env.DATABASE_READ_URL, max),
          maxLagMs: env.GROUNDWORK_REPLICA_MAX_LAG_MS,
          waitMs: env.GROUNDWORK_REPLICA_WAIT_MS,
        }
      : undefined;
    return wrap(createPool(env.DATABASE_URL, max), "server", env.DATABASE_URL, undefined, readPool);
  }
  if (env.DATABASE_READ_URL)
    throw new GroundworkError(
      "db_unavailable",
      "DATABASE_READ_URL names a standby of a Postgres server: set DATABASE_URL to its primary too.",
    );

  const existing = own === "always" ? null : liveOwner(env.dataDir);
  const connection = existing ? connectionFromLock({ info: existing, dataDir: env.dataDir }) : null;
  if (existing && connection) {
    const pool = createPool(connection, max);
    embeddedStarts.set(pool, startIdentity(existing));
    return wrap(pool, "embedded", `postgres://postgres@127.0.0.1:${connection.port}/postgres`, undefined);
  }
  if (own === "never") {
    throw new GroundworkError(
      "db_unavailable",
      existing
        ? "The embedded database is starting; try again in a moment."
        : "The embedded database is not running. Start Groundwork with `npm start`, or set DATABASE_URL.",
    );
  }
  const owner = await startEmbeddedOwner({
    dataDir: env.dataDir,
    port: env.GROUNDWORK_EMBEDDED_PORT,
    maxConnections: env.GROUNDWORK_EMBEDDED_MAX_CONNECTIONS,
    sharedBuffers: env.GROUNDWORK_EMBEDDED_SHARED_BUFFERS,
    statementCache: env.GROUNDWORK_EMBEDDED_STATEMENT_CACHE === "on",
  });
  return wrap(createPool(owner.connection(), max), "embedded", owner.url, owner);
}

const globalForDb = globalThis as unknown as { __groundworkDb?: Promise<DbHandle> };

/**
 * The shared handle for long-lived processes (web route handlers). In embedded mode the
 * owner may restart on another port; we follow the lock file so the app recovers without
 * a restart of its own.
 */
export async function getDb(): Promise<DbHandle> {
  const env = readDbEnv();
  const cached = globalForDb.__groundworkDb;
  if (cached) {
    const handle = await cached.catch(() => undefined);
    if (handle && (handle.mode === "server" || handle.owner || sameEmbeddedTarget(handle, env))) return handle;
    globalForDb.__groundworkDb = undefined;
    if (handle) void handle.close();
  }
  const next = openDatabase({ env, own: "never" });
  globalForDb.__groundworkDb = next;
  next.catch(() => {
    if (globalForDb.__groundworkDb === next) globalForDb.__groundworkDb = undefined;
  });
  return next;
}

/** Whether the owner this handle connected to still serves: a restart (even on the same port) has a new password. */
function sameEmbeddedTarget(handle: DbHandle, env: DbEnv): boolean {
  const owner = liveOwner(env.dataDir);
  return Boolean(owner?.port && embeddedStarts.get(handle.pool) === startIdentity(owner));
}

/** Lets a process that opened the database itself (server, CLI) share it with getDb() callers. */
export function setSharedDb(handle: DbHandle): void {
  globalForDb.__groundworkDb = Promise.resolve(handle);
}

export { schema };
