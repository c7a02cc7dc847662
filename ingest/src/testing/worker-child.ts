import { openDatabase } from "@groundwork/db/client";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { startIngestWorker } from "../run/start-ingest-worker";

/**
 * A worker in its own process, for the crash test: `worker-child.ts <postgres url>` for a
 * server, or no argument to connect to the embedded owner of GROUNDWORK_DATA_DIR through its
 * lock file (the socket's password is there, not in the URL). It prints "ready" once polling
 * and is then killed with SIGKILL by the test mid-run.
 */
const url = process.argv[2];
const target = url ? { url } : { handle: await openDatabase({ own: "never", poolMax: 4 }) };
await startIngestWorker({
  ...target,
  embedder: createHashEmbedder(),
  env: readIngestEnv({}),
  pollingIntervalSeconds: 0.5,
  batchSize: 2,
  fileDelayMs: 80,
  log: () => undefined,
});
console.log("ready");
