import os from "node:os";
import { shortId } from "@groundwork/core/ids";
import { log } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { clearWorkerBeat, DEFAULT_HEARTBEAT_INTERVAL_MS, recordWorkerBeat } from "@groundwork/ingest";

export type WorkerHeartbeat = { id: string; beat(): Promise<void>; stop(): Promise<void> };

/**
 * The worker's liveness loop: its `worker_heartbeats` row is upserted every `intervalMs` and
 * removed on a clean stop, so `/api/ready` can tell whether some worker is alive anywhere.
 * The table belongs to ingest (`recordWorkerBeat`, `readWorkerLiveness`); this is only the writer.
 */
export function startWorkerHeartbeat({
  db,
  kind,
  intervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS,
}: {
  db: Database;
  kind: string;
  intervalMs?: number;
}): WorkerHeartbeat {
  const host = os.hostname();
  const id = `${kind}:${host}:${process.pid}:${shortId()}`;
  const beat = async () => {
    try {
      await recordWorkerBeat({ db, id, kind, host, pid: process.pid });
    } catch (error) {
      // The database may be restarting; the next beat retries.
      log.warn("worker heartbeat failed", { kind, error: (error as Error).message });
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return {
    id,
    beat,
    async stop() {
      clearInterval(timer);
      await clearWorkerBeat({ db, id }).catch(() => undefined);
    },
  };
}
