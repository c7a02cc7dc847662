import { createTestDatabase } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../src/env";
import { phaseTimings } from "../src/execute-run";
import { stmtTimings } from "../src/store-document";
import { requestRun } from "../src/runs";
import { createSource } from "../src/sources";
import { startIngestWorker } from "../src/start-ingest-worker";
import { waitForRun } from "../src/wait-for-run";
import { generateCorpus } from "./generate-corpus";
const target = (process.argv[2] ?? "server") as "server";
const n = Number(process.argv[3] ?? 1000);
const corpus = await generateCorpus({ root: "/tmp/ib/corp", textDocs: n, pdfs: 0 });
const t = await createTestDatabase({ target });
const worker = await startIngestWorker({ handle: t, embedder: createHashEmbedder({ dimensions: 384 }), env: readIngestEnv({}), pollingIntervalSeconds: 0.5, batchSize: 64, log: () => undefined });
await createSource({ db: t.db, name: "x", kind: "folder", path: corpus.textDir, defaultAcl: [] });
for (const label of ["first", "rerun"]) {
  const s = performance.now();
  const { runId } = await requestRun({ db: t.db, source: "x", trigger: "cli" });
  const run = await waitForRun({ db: t.db, runId, timeoutMs: 600_000 });
  console.log(label, run.status, ((performance.now() - s) / 1000).toFixed(2), run.chunksWritten, JSON.stringify(run.counts), run.progressDone, run.embeddingCalls);
  console.log(JSON.stringify(phaseTimings), JSON.stringify(stmtTimings));
}
await worker.stop();
await t.dispose();
process.exit(0);
