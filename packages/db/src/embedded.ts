import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { GroundworkError } from "@groundwork/core/errors";
import { randomToken, shortId } from "@groundwork/core/ids";
import { log } from "@groundwork/core/logger";
import { workerExecArgv } from "./worker-exec-argv";

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
  /**
   * The socket's password, generated at each start (see embedded-auth.mjs). Only here: the lock
   * file is the owner's user's alone (0600), so only processes of that user can connect.
   */
  password?: string;
};

/** What may be shown about a lock's holder (error messages, details): everything but the password. */
export type LockHolder = Omit<LockInfo, "password">;

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

/**
 * The lock's content; null when there is none (or a torn/foreign file). A lock another user's
 * owner wrote is unreadable by design: that is an error to explain, not an absent owner (which
 * would let this process take the dir over from a live owner).
 */
export function readLock(dataDir: string): LockInfo | null {
  const lockPath = lockPathFor(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(lockPath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") {
      throw new GroundworkError("db_unavailable", `cannot read ${lockPath}: run as the user that started Groundwork`, {
        cause: error,
      });
    }
    return null;
  }
  try {
    return JSON.parse(text) as LockInfo;
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

export type EmbeddedConnection = { host: string; port: number; user: string; database: string; password: string };

function connectionTo({ port, password }: { port: number; password: string }): EmbeddedConnection {
  return { host: "127.0.0.1", port, user: "postgres", database: "postgres", password };
}

/** How to reach the owner a lock names (its port and password), or null while it is still starting. */
export function connectionFromLock({ info, dataDir }: { info: LockInfo; dataDir: string }): EmbeddedConnection | null {
  if (!info.port) return null;
  if (!info.password) {
    throw new GroundworkError(
      "db_unavailable",
      `The embedded database's lock ${lockPathFor(dataDir)} has no password: its owner runs an older Groundwork; restart it.`,
    );
  }
  return connectionTo({ port: info.port, password: info.password });
}

function holderOf(info: LockInfo): LockHolder {
  const { password: _secret, ...holder } = info;
  return holder;
}

function describe(info: LockInfo): string {
  return `pid ${info.pid} on ${info.host} (${info.command}, since ${info.startedAt}${info.port ? `, serving 127.0.0.1:${info.port}` : ""})`;
}

/**
 * Writes the lock's content to a fresh file beside it, readable by this user only from the
 * first byte (O_EXCL also refuses a planted file or symlink), for an atomic link or rename.
 */
function writePrivateTemp(lockPath: string, info: LockInfo): string {
  const temp = `${lockPath}.${process.pid}.${shortId({ length: 12 })}.tmp`;
  const fd = fs.openSync(temp, "wx", 0o600);
  try {
    fs.writeFileSync(fd, JSON.stringify(info));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return temp;
}

/** Creates the lock from its temp file; throws EEXIST when someone holds it. */
function createExclusive({ temp, lockPath, info }: { temp: string; lockPath: string; info: LockInfo }): void {
  try {
    fs.linkSync(temp, lockPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP") throw error;
    // A filesystem without hard links: O_EXCL is exclusive too, and 0600 from creation.
    const fd = fs.openSync(lockPath, "wx", 0o600);
    try {
      fs.writeFileSync(fd, JSON.stringify(info));
    } finally {
      fs.closeSync(fd);
    }
  }
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
    command: process.argv
      .slice(1)
      .map((a) => path.basename(a))
      .join(" ")
      .slice(0, 200),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    const temp = writePrivateTemp(lockPath, info);
    try {
      // link() is an atomic create-if-absent: of two racing processes exactly one wins, and
      // readers never see a half-written lock.
      createExclusive({ temp, lockPath, info });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        let current: LockInfo | null = null;
        try {
          current = readLock(dataDir);
        } catch {
          // Unreadable: not a lock this process wrote, so not one to remove.
        }
        if (current && current.pid === process.pid && current.host === info.host) fs.rmSync(lockPath, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return {
        path: lockPath,
        update(patch) {
          Object.assign(info, patch);
          // rename() replaces the lock in one step; the new file is 0600 before it has content.
          fs.renameSync(writePrivateTemp(lockPath, info), lockPath);
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
          { details: { holder: holderOf(holder) } },
        );
      }
      // The holder died without cleaning up (e.g. SIGKILL): the lock is stale.
      fs.rmSync(lockPath, { force: true });
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }
  throw new GroundworkError("db_locked", `Could not take the lock ${lockPath}.`);
}

/**
 * The data dir holds every row in plain files: readable by others, it would bypass the socket's
 * password as well as row-level security. A new dir is created 0700; an existing one of ours
 * that others can enter is tightened (and said so).
 */
function ensurePrivateDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const stat = fs.statSync(dataDir);
  if ((stat.mode & 0o077) === 0) return;
  if (typeof process.getuid === "function" && stat.uid !== process.getuid()) {
    log.warn("embedded data dir belongs to another user and is open to others; make it 0700", {
      dataDir,
      mode: (stat.mode & 0o777).toString(8),
    });
    return;
  }
  fs.chmodSync(dataDir, 0o700);
  log.warn("embedded data dir was open to other users; set it to 0700", {
    dataDir,
    mode: (stat.mode & 0o777).toString(8),
  });
}

const MB = 1024 * 1024;

/** Total size of the files under `dir` (0 when it does not exist). */
function directoryBytes(dir: string): number {
  let total = 0;
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) total += fs.statSync(full).size;
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return total;
}

/**
 * PGlite's page cache for this start. Unlike a server's, it costs resident memory from the
 * start (about its full size), so "auto" sizes it to what is stored: the relation files under
 * `base/` plus a quarter for growth, between 128 MB (PostgreSQL's default) and 512 MB. A small
 * corpus keeps the process small; after a large ingest the next start gets the larger cache.
 */
export function embeddedSharedBuffers({ dataDir, setting }: { dataDir: string; setting: string }): string {
  if (setting !== "auto") return setting;
  const wanted = directoryBytes(path.join(dataDir, "base")) * 1.25;
  const mb = Math.min(512, Math.max(128, Math.ceil(wanted / MB / 32) * 32));
  return `${mb}MB`;
}

// Worker flags: see worker-exec-argv.ts (the worker is plain JavaScript and needs no loaders).

export type EmbeddedOwner = {
  port: number;
  /** The page cache this start runs with (resolved from "auto"). */
  sharedBuffers: string;
  /** For display and logs: carries no credentials (connect with connection()). */
  url: string;
  /** Host, port and this start's password, for node-postgres (a method, so it is not serialised with the owner). */
  connection(): EmbeddedConnection;
  dataDir: string;
  close(): Promise<void>;
};

type WorkerMessage =
  { type: "ready"; port: number } | { type: "failed"; message: string; stack?: string } | { type: "closed" };

/**
 * Takes the data dir's lock and starts PGlite with its socket server in a worker thread
 * (embedded-worker.mjs), so queries run on their own core instead of the caller's event loop.
 */
export async function startEmbeddedOwner({
  dataDir,
  port = 0,
  maxConnections = 32,
  sharedBuffers = "auto",
  statementCache = true,
}: {
  dataDir: string;
  port?: number;
  maxConnections?: number;
  /** PGlite's page cache: a size such as "256MB", or "auto" (see embeddedSharedBuffers). */
  sharedBuffers?: string;
  /** Keep a named prepared statement per SQL text in the owner (statement-cache.mjs). */
  statementCache?: boolean;
}): Promise<EmbeddedOwner> {
  const lock = acquireLock(dataDir);
  let worker: Worker | undefined;
  try {
    ensurePrivateDataDir(dataDir);
    const cache = embeddedSharedBuffers({ dataDir, setting: sharedBuffers });
    // 256 bits, new at every start: a password from an earlier run (or another data dir) is useless.
    const password = randomToken({ bytes: 32 });
    worker = new Worker(new URL("./embedded-worker.mjs", import.meta.url), {
      workerData: { dataDir, port, maxConnections, sharedBuffers: cache, password, statementCache },
      execArgv: workerExecArgv(),
    });
    const owned = worker;
    const ready = await new Promise<number>((resolve, reject) => {
      owned.once("message", (message: WorkerMessage) => {
        if (message.type === "ready") resolve(message.port);
        else if (message.type === "failed") {
          // Internals (the worker's stack) are for the log; the message names the dir.
          log.error("embedded database failed to start", { dataDir, error: message.stack ?? message.message });
          reject(
            new GroundworkError(
              "db_unavailable",
              `Could not open the embedded database at ${dataDir}: ${message.message}. Is it a data dir of this Groundwork version, and not damaged?`,
            ),
          );
        }
      });
      owned.once("error", reject);
      owned.once("exit", (code) =>
        reject(new Error(`The embedded database worker exited (code ${code}) while starting.`)),
      );
    });
    lock.update({ port: ready, password });
    let closing: Promise<void> | undefined;
    let exited = false;
    owned.on("exit", (code) => {
      exited = true;
      if (closing) return;
      // A crashed worker takes the database with it; free the lock so a restart can take over.
      log.error("embedded database worker stopped unexpectedly", { exitCode: code });
      lock.release();
    });
    owned.on("error", (error) => log.error("embedded database worker error", { error: error.message }));
    return {
      port: ready,
      sharedBuffers: cache,
      url: `postgres://postgres@127.0.0.1:${ready}/postgres`,
      connection: () => connectionTo({ port: ready, password }),
      dataDir,
      close() {
        closing ??= new Promise<void>((resolve) => {
          if (exited) {
            lock.release();
            return resolve();
          }
          // PGlite's close checkpoints; one that hangs must not hang shutdown with it.
          const timer = setTimeout(() => void owned.terminate(), 10_000);
          owned.once("exit", () => {
            clearTimeout(timer);
            lock.release();
            resolve();
          });
          // After "closed" the worker has no handles left and exits on its own (which also
          // lets --cpu-prof write the worker's profile); terminate() is the fallback.
          owned.on("message", (message: WorkerMessage) => {
            if (message.type === "closed") timer.refresh();
          });
          owned.postMessage({ type: "close" });
        });
        return closing;
      },
    };
  } catch (error) {
    await worker?.terminate().catch(() => undefined);
    lock.release();
    throw error;
  }
}
