import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { startIngestWorker } from "../start-ingest-worker";

/**
 * A worker in its own process, for the crash test: `worker-child.ts <postgres url>`. It prints
 * "ready" once polling and is then killed with SIGKILL by the test mid-run.
 */
const url = process.argv[2];
if (!url) throw new Error("usage: worker-child.ts <url>");
await startIngestWorker({
  url,
  embedder: createHashEmbedder({ dimensions: 384 }),
  env: readIngestEnv({}),
  pollingIntervalSeconds: 0.5,
  batchSize: 2,
  fileDelayMs: 80,
  log: () => undefined,
});
console.log("ready");
