import type { DbHandle } from "@groundwork/db/client";
import { startIngestWorker, type StartIngestWorkerOptions } from "@groundwork/ingest";
import { startWorkerHeartbeat } from "./heartbeat";

export type IngestOptions = Omit<StartIngestWorkerOptions, "handle" | "url">;
export type Worker = { heartbeatId: string; stop(): Promise<void> };

/**
 * What a worker process runs on an open database: the pg-boss consumer of ingestion runs and
 * its heartbeat. `stop()` clears the heartbeat first (readiness stops counting this worker
 * while it drains), then lets the current run reach its next checkpoint (the end of a batch:
 * committed files stay, the next run continues from them) and closes the consumer.
 */
export async function startWorker({
  handle,
  heartbeatMs,
  ingest = {},
}: {
  handle: DbHandle;
  heartbeatMs?: number;
  ingest?: IngestOptions;
}): Promise<Worker> {
  const consumer = await startIngestWorker({ handle, ...ingest });
  const heartbeat = startWorkerHeartbeat({
    db: handle.db,
    kind: "ingest",
    ...(heartbeatMs ? { intervalMs: heartbeatMs } : {}),
  });
  await heartbeat.beat();
  return {
    heartbeatId: heartbeat.id,
    async stop() {
      await heartbeat.stop();
      await consumer.stop();
    },
  };
}
