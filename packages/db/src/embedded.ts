import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { GroundworkError } from "./errors";

/**
 * The embedded default: one process owns the PGlite data dir and serves it over the Postgres
 * wire protocol on 127.0.0.1, so every other process (web, worker, CLI) uses the same
 * node-postgres driver as against a real server. PGlite has no lock of its own — two
 * owners silently corrupt the dir — hence the lock file next to it.
 */

export type LockInfo = {
  pid: number;
  host: string;
  port: number | null;
  startedAt: string;
  command: string;
};

export function lockPathFor(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means it exists but belongs to someone else: still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function readLock(dataDir: string): LockInfo | null {
  try {
    return JSON.parse(fs.readFileSync(lockPathFor(dataDir), "utf8")) as LockInfo;
  } catch {
    return null;
  }
}

/** The live owner of a data dir, or null when nobody (or only a dead process) holds it. */
export function liveOwner(dataDir: string): LockInfo | null {
  const info = readLock(dataDir);
  if (!info) return null;
  if (info.host !== os.hostname()) return info;
  return processAlive(info.pid) ? info : null;
}

function describe(info: LockInfo): string {
  return `pid ${info.pid} on ${info.host} (${info.command}, since ${info.startedAt}${info.port ? `, serving 127.0.0.1:${info.port}` : ""})`;
}

export type DataDirLock = { path: string; update(patch: Partial<LockInfo>): void; release(): void };

export function acquireLock(dataDir: string): DataDirLock {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    port: null,
    startedAt: new Date().toISOString(),
    command: process.argv.slice(1).map((a) => path.basename(a)).join(" ").slice(0, 200),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      // 'wx' is an atomic create-if-absent: of two racing processes exactly one wins.
      fs.writeFileSync(lockPath, JSON.stringify(info), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(dataDir);
        if (current && current.pid === process.pid && current.host === info.host) fs.rmSync(lockPath, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return {
        path: lockPath,
        update(patch) {
          Object.assign(info, patch);
          fs.writeFileSync(lockPath, JSON.stringify(info));
        },
        release,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = liveOwner(dataDir);
      if (holder) {
        throw new GroundworkError(
          "db_locked",
          `The embedded database ${dataDir} is already owned by ${describe(holder)}. Stop that process, or connect to it instead of opening the data dir.`,
          { details: { holder } },
        );
      }
      // The holder died without cleaning up (e.g. SIGKILL): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new GroundworkError("db_locked", `Could not take the lock ${lockPath}.`);
}

// Client messages that open or continue an extended-protocol sequence (Parse, Bind, Describe,
// Execute, Close, Flush); the sequence ends at Sync (or a simple Query / Terminate).
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);

/**
 * pglite-socket queues each wire message on its own and only keeps one client's messages together
 * inside a transaction. Two clients' autocommit queries could therefore interleave Parse and Bind
 * (e.g. a large Bind arriving in several TCP reads), binding one client's parameters to the
 * other's statement ("bind message supplies N parameters"). Reporting "in transaction" until the
 * client's Sync makes the queue keep each extended-protocol sequence together.
 */
function stickyExtendedProtocol(pglite: PGlite): PGlite {
  let midSequence = false;
  return new Proxy(pglite, {
    get(target, prop) {
      if (prop === "isInTransaction") return () => midSequence || target.isInTransaction();
      if (prop === "execProtocolRawStream") {
        return async (message: Uint8Array, options: unknown) => {
          midSequence = message.length > 0 && EXTENDED.has(message[0]!);
          return (target.execProtocolRawStream as (m: Uint8Array, o: unknown) => Promise<unknown>)(message, options);
        };
      }
      if (prop === "exec") {
        // Called with ROLLBACK when the client owning the sequence disconnects.
        return async (query: string, options?: unknown) => {
          midSequence = false;
          return (target.exec as (q: string, o?: unknown) => Promise<unknown>)(query, options);
        };
      }
      // Getters run against the real instance: PGlite keeps its state in private fields.
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

export type EmbeddedOwner = {
  pglite: PGlite;
  port: number;
  url: string;
  dataDir: string;
  close(): Promise<void>;
};

export async function startEmbeddedOwner({
  dataDir,
  port = 0,
  maxConnections = 32,
  sharedBuffers = "512MB",
}: {
  dataDir: string;
  port?: number;
  maxConnections?: number;
  /** PGlite's page cache (PostgreSQL's default is 128 MB); pages are committed only as they fill. */
  sharedBuffers?: string;
}): Promise<EmbeddedOwner> {
  const lock = acquireLock(dataDir);
  let pglite: PGlite | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    // The vector extension must be passed on every open, not only the first.
    // Every page PGlite misses in its cache is read through the WASM file layer, so the chunks
    // table and its indexes should fit: 128 MB holds about 20k chunks of a 100k-chunk search's
    // working set. maintenance_work_mem lets an HNSW build stay in memory (64 MB by default).
    pglite = await PGlite.create(dataDir, {
      extensions: { vector },
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${sharedBuffers}`, "-c", "maintenance_work_mem=256MB"],
    });
    const server = new PGLiteSocketServer({ db: stickyExtendedProtocol(pglite), host: "127.0.0.1", port, maxConnections });
    await server.start();
    const actualPort = Number(server.getServerConn().split(":").pop());
    lock.update({ port: actualPort });
    const db = pglite;
    let closed = false;
    return {
      pglite: db,
      port: actualPort,
      url: `postgres://postgres@127.0.0.1:${actualPort}/postgres`,
      dataDir,
      async close() {
        if (closed) return;
        closed = true;
        await server.stop();
        await db.close();
        lock.release();
      },
    };
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    lock.release();
    throw error;
  }
}
