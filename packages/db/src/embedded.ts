import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
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

/**
 * The worker is plain JavaScript: the parent's module loaders (tsx's --import/--require hooks)
 * would only cost it memory. Other flags (--cpu-prof, heap limits) carry over.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^--(import|require|loader|experimental-loader)$/.test(a) || a === "-r") i++;
    else if (!/^--(import|require|loader|experimental-loader)=/.test(a)) out.push(a);
  }
  return out;
}

export type EmbeddedOwner = {
  port: number;
  /** The page cache this start runs with (resolved from "auto"). */
  sharedBuffers: string;
  url: string;
  dataDir: string;
  close(): Promise<void>;
};

type WorkerMessage = { type: "ready"; port: number } | { type: "failed"; message: string; stack?: string } | { type: "closed" };

/**
 * Takes the data dir's lock and starts PGlite with its socket server in a worker thread
 * (embedded-worker.mjs), so queries run on their own core instead of the caller's event loop.
 */
export async function startEmbeddedOwner({
  dataDir,
  port = 0,
  maxConnections = 32,
  sharedBuffers = "auto",
}: {
  dataDir: string;
  port?: number;
  maxConnections?: number;
  /** PGlite's page cache: a size such as "256MB", or "auto" (see embeddedSharedBuffers). */
  sharedBuffers?: string;
}): Promise<EmbeddedOwner> {
  const lock = acquireLock(dataDir);
  let worker: Worker | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    const cache = embeddedSharedBuffers({ dataDir, setting: sharedBuffers });
    worker = new Worker(new URL("./embedded-worker.mjs", import.meta.url), {
      workerData: { dataDir, port, maxConnections, sharedBuffers: cache },
      execArgv: workerExecArgv(),
    });
    const owned = worker;
    const ready = await new Promise<number>((resolve, reject) => {
      owned.once("message", (message: WorkerMessage) => {
        if (message.type === "ready") resolve(message.port);
        else if (message.type === "failed") {
          // Internals (the worker's stack) are for the log; the message names the dir.
          console.error(`[db] embedded database failed to start: ${message.stack ?? message.message}`);
          reject(new GroundworkError("db_unavailable", `Could not open the embedded database at ${dataDir}: ${message.message}. Is it a data dir of this Groundwork version, and not damaged?`));
        }
      });
      owned.once("error", reject);
      owned.once("exit", (code) => reject(new Error(`The embedded database worker exited (code ${code}) while starting.`)));
    });
    lock.update({ port: ready });
    let closing: Promise<void> | undefined;
    let exited = false;
    owned.on("exit", (code) => {
      exited = true;
      if (closing) return;
      // A crashed worker takes the database with it; free the lock so a restart can take over.
      console.error(`[db] the embedded database worker stopped unexpectedly (exit code ${code})`);
      lock.release();
    });
    owned.on("error", (error) => console.error(`[db] embedded database worker: ${error.message}`));
    return {
      port: ready,
      sharedBuffers: cache,
      url: `postgres://postgres@127.0.0.1:${ready}/postgres`,
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
