import { readIngestEnv } from "@groundwork/ingest";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { runWorkerProcess } from "@groundwork/worker";

/**
 * The worker process (apps/worker's `runWorkerProcess`, what `pnpm --filter @groundwork/worker
 * start` runs) with test settings: DATABASE_URL for a server, or GROUNDWORK_DATA_DIR to join the
 * embedded owner through its lock file (which holds the socket's password). Beats its heartbeat
 * every 200 ms and slows each file so a test can kill it mid-run; prints "ready" once consuming.
 */
await runWorkerProcess({
  heartbeatMs: 200,
  ingest: {
    embedder: createHashEmbedder(),
    env: readIngestEnv({}),
    pollingIntervalSeconds: 0.5,
    batchSize: 2,
    fileDelayMs: 100,
    log: () => undefined,
  },
});
