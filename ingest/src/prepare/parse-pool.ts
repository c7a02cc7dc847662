import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { workerExecArgv } from "@groundwork/db/worker-exec-argv";
import type { ChunkedDocument } from "./chunk-document";
import type { ParsedDocument } from "../document-model";
import { FileError } from "../document-model";
import type { IngestEnv } from "../env";

export type ParseResult = { parsed: ParsedDocument; chunked: ChunkedDocument };

export type ParsePool = {
  /** Parses and chunks one file in a worker thread; over budget it fails with a FileError. */
  parse(input: { filename: string; bytes: Uint8Array; env: IngestEnv }): Promise<ParseResult>;
  close(): Promise<void>;
};

type Job = {
  id: number;
  filename: string;
  bytes: Uint8Array;
  env: IngestEnv;
  resolve: (r: ParseResult) => void;
  reject: (e: Error) => void;
};

type Reply =
  | { id: number; ok: true; parsed: ParsedDocument; chunked: ChunkedDocument }
  | { id: number; ok: false; fileError: boolean; message: string };

type Slot = { worker: Worker; ready: Promise<void>; job: Job | null; timer: NodeJS.Timeout | null };

// Resolved at run time, not as `new URL(…, import.meta.url)` inside `new Worker()`, which
// bundlers (Next) would try to compile as a worker entry: the pool runs only in the ingest worker.
const WORKER_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "parse-worker.mjs");

/** The parent's TypeScript loader flags are dropped (the worker registers tsx itself), and its heap size: resourceLimits set the worker's. */
const execArgv = () => workerExecArgv({ drop: /^--max-old-space-size/ });

const seconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);

/**
 * Worker threads that parse files, so a hostile or merely huge file costs its own thread and
 * never the event loop that serves HTTP. Each worker's heap is capped (resourceLimits) and each
 * file has a time budget; a worker over either is terminated and replaced, the file fails with
 * the reason, and the next file goes on.
 */
export function createParsePool({
  size = 1,
  memoryMb,
  timeoutMs,
}: {
  size?: number;
  memoryMb: number;
  timeoutMs: number;
}): ParsePool {
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    // Reflect.construct, not `new Worker(…)`: Next's bundler (this package is transpiled into the
    // web build through its barrel) rewrites every `new Worker(x)` into a bundled worker entry and
    // fails on a path known only at run time. The pool itself only ever runs outside the bundle.
    const worker: Worker = Reflect.construct(Worker, [
      WORKER_FILE,
      {
        execArgv: execArgv(),
        resourceLimits: {
          maxOldGenerationSizeMb: memoryMb,
          maxYoungGenerationSizeMb: Math.min(64, Math.max(16, Math.round(memoryMb / 8))),
        },
      },
    ]);
    worker.unref();
    const slot: Slot = { worker, ready: Promise.resolve(), job: null, timer: null };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (m.ready) {
          worker.off("message", onMessage);
          resolve();
        }
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`parse worker exited (code ${code}) while starting`)));
    });
    slot.ready.catch(() => undefined);
    worker.on("message", (m: Reply | { ready: true }) => {
      if (!("id" in m) || !slot.job || slot.job.id !== m.id) return;
      const job = finish(slot);
      if (m.ok) job.resolve({ parsed: m.parsed, chunked: m.chunked });
      else job.reject(m.fileError ? new FileError(m.message) : new Error(m.message));
      pump();
    });
    let lastError: NodeJS.ErrnoException | null = null;
    worker.on("error", (error) => {
      lastError = error;
    });
    worker.on("exit", () => {
      const at = slots.indexOf(slot);
      if (at >= 0) slots.splice(at, 1);
      if (slot.job) {
        const job = finish(slot);
        const code = lastError?.code;
        job.reject(
          code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new FileError(`needed more than ${memoryMb} MB of memory to parse (GROUNDWORK_INGEST_PARSE_MEMORY_MB)`)
            : new FileError(`the parser stopped unexpectedly${lastError ? `: ${lastError.message}` : ""}`),
        );
      }
      pump();
    });
    slots.push(slot);
    return slot;
  };

  const finish = (slot: Slot): Job => {
    const job = slot.job!;
    slot.job = null;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    // An idle worker must not keep the process alive.
    slot.worker.unref();
    return job;
  };

  /** Takes a worker out of service at once (no new job may land on it) and terminates it. */
  const retire = (slot: Slot) => {
    const at = slots.indexOf(slot);
    if (at >= 0) slots.splice(at, 1);
    void slot.worker.terminate();
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    slot.worker.ref();
    slot.ready.then(
      () => {
        if (slot.job !== job) return;
        // The budget counts parsing only, not the worker's start.
        slot.timer = setTimeout(() => {
          if (slot.job !== job) return;
          finish(slot);
          retire(slot);
          job.reject(
            new FileError(`took longer than ${seconds(timeoutMs)} to parse (GROUNDWORK_INGEST_PARSE_TIMEOUT_MS)`),
          );
          pump();
        }, timeoutMs);
        // The bytes are copied, not transferred: the caller still stores them.
        slot.worker.postMessage({ id: job.id, filename: job.filename, bytes: job.bytes, env: job.env });
      },
      (error: Error) => {
        if (slot.job !== job) return;
        finish(slot);
        retire(slot);
        job.reject(new Error(`the parse worker could not start: ${error.message}`));
      },
    );
  };

  const pump = () => {
    if (closed) return;
    while (queue.length) {
      let slot = slots.find((s) => s.job === null);
      if (!slot && slots.length < size) slot = spawn();
      if (!slot) return;
      start(slot, queue.shift()!);
    }
  };

  return {
    parse({ filename, bytes, env }) {
      if (closed) return Promise.reject(new Error("the parse pool is closed"));
      return new Promise<ParseResult>((resolve, reject) => {
        queue.push({ id: nextId++, filename, bytes, env, resolve, reject });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("the parse pool is closed"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

let shared: { key: string; pool: ParsePool } | null = null;

/** One pool per process, rebuilt when its budgets change (tests set their own). */
export function sharedParsePool(env: Pick<IngestEnv, "parseMemoryMb" | "parseTimeoutMs">): ParsePool {
  const key = `${env.parseMemoryMb}:${env.parseTimeoutMs}`;
  if (shared?.key !== key) {
    void shared?.pool.close();
    shared = { key, pool: createParsePool({ memoryMb: env.parseMemoryMb, timeoutMs: env.parseTimeoutMs }) };
  }
  return shared.pool;
}
