import { createHashEmbedder } from "@groundwork/models/embeddings";
import type { Database } from "@groundwork/db/client";
import type { IngestionRun } from "@groundwork/db/schema";
import { readIngestEnv } from "../env";
import { executeRun } from "../run/execute-run";
import { requestRun } from "../run/runs";
import { waitForRun } from "../run/wait-for-run";
import { createSource } from "../sources/manage-sources";

/**
 * Ingests a folder into a scratch database through ingest's own functions: the source (an
 * existing one of that name is reused), then `runSource`. Shared by the governance suites and
 * the benchmarks in `evals/` so both get documents exactly as production stores them.
 */
export async function ingestFolder({
  db,
  name,
  dir,
  defaultAcl = [],
}: {
  db: Database;
  name: string;
  dir: string;
  defaultAcl?: string[];
}): Promise<IngestionRun> {
  await createSource({ db, name, kind: "folder", path: dir, defaultAcl }).catch((error: unknown) => {
    if ((error as { code?: string }).code !== "conflict") throw error;
  });
  return runSource({ db, name });
}

/**
 * Runs a source once: the run requested as the CLI does (row and queued job), then executed in
 * this process by the worker's `executeRun` instead of waiting for a worker — same code. Where
 * workers are live (the topology suites), one of them may claim the queued job first; `executeRun`
 * then returns without running it, so this waits for that worker to finish the run instead of
 * returning it still running.
 */
export async function runSource({
  db,
  name,
  mode,
}: {
  db: Database;
  name: string;
  mode?: "sync" | "prune" | "acl";
}): Promise<IngestionRun> {
  const { runId } = await requestRun({ db, source: name, trigger: "cli", ...(mode ? { mode } : {}) });
  await executeRun({ db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
  return waitForRun({ db, runId, timeoutMs: 180_000 });
}
