import type { DbHandle } from "@groundwork/db/client";
import { connectWhenReady } from "./connect-when-ready";
import { startWorker, type IngestOptions, type Worker } from "./start-worker";

/**
 * The worker process (`GROUNDWORK_ROLE=worker`, `pnpm --filter @groundwork/worker start`):
 * connect, consume ingestion runs, run the scheduler's tick (scheduled syncs, stuck runs re-queued), beat. SIGTERM or SIGINT stops gracefully — the current
 * batch reaches its checkpoint, the heartbeat row is removed, the process exits 0; a second
 * signal exits at once (the run resumes from its last committed batch). Started by the web
 * process as its child (`GROUNDWORK_ROLE=all`), it also stops when that parent goes away.
 * Prints one line containing "ready" once it consumes runs.
 */
export async function runWorkerProcess({
  heartbeatMs,
  ingest = {},
}: { heartbeatMs?: number; ingest?: IngestOptions } = {}): Promise<void> {
  const say = (line: string) => console.log(line);
  let stopping = false;
  let handle: DbHandle | null = null;
  let worker: Worker | undefined;
  let started: Promise<void> = Promise.resolve();

  const stop = async (reason: string) => {
    if (stopping) {
      say(`[worker] ${reason} again: exiting now; the run resumes from its last committed batch`);
      process.exit(1);
    }
    stopping = true;
    say(`[worker] ${reason}: finishing the current batch, then stopping`);
    await started.catch(() => undefined);
    await worker?.stop().catch((error: Error) => say(`[worker] stop: ${error.message}`));
    await handle?.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  if (process.send) {
    // A child of the web process has an IPC channel to it: when the parent dies, so does this
    // worker. Ctrl+C reaches the whole process group; the parent answers it with one SIGTERM.
    process.on("disconnect", () => void stop("parent process gone"));
    process.on("SIGINT", () => undefined);
  } else process.on("SIGINT", () => void stop("SIGINT"));

  started = (async () => {
    handle = await connectWhenReady({ log: say, stopped: () => stopping });
    if (!handle) return;
    worker = await startWorker({
      handle,
      ...(heartbeatMs ? { heartbeatMs } : {}),
      ingest: { log: say, scheduler: true, ...ingest },
    });
    say(`[worker] ready: consuming ingestion runs (${handle.mode} database)`);
  })();
  await started;
}
