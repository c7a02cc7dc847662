import { startWorkerHeartbeat } from "@groundwork/audit";
import { openDatabase } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { readIngestEnv, startIngestWorker } from "@groundwork/ingest";
import { createHashEmbedder } from "@groundwork/models/embeddings";

/**
 * An ingestion worker in its own process, as production runs them: `worker-child.ts <url>` for a
 * server, or no argument to connect to the embedded owner of GROUNDWORK_DATA_DIR through its lock
 * file (which holds the socket's password). Beats its heartbeat every 200 ms and slows each file
 * so a test can kill it mid-run.
 */
const url = process.argv[2];
const handle = await openDatabase({ env: url ? { ...readDbEnv({}), DATABASE_URL: url } : readDbEnv(), poolMax: 4 });
await startIngestWorker({ handle, embedder: createHashEmbedder({ dimensions: 384 }), env: readIngestEnv({}), pollingIntervalSeconds: 0.5, batchSize: 2, fileDelayMs: 100, log: () => undefined });
const hb = startWorkerHeartbeat({ db: handle.db, kind: "ingest", intervalMs: 200 });
await hb.beat();
console.log("ready");
