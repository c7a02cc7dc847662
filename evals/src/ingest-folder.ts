import { createSource, executeRun, getRun, readIngestEnv, requestRun } from "@groundwork/ingest";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import type { Database } from "@groundwork/db/client";
import type { IngestionRun } from "@groundwork/db/schema";

/**
 * Ingests a folder into a scratch database through ingest's own functions: the source, the run
 * requested as the CLI does (row and queued job), then executed in this process by the worker's
 * `executeRun` instead of waiting for a worker — same code, documents exactly as production stores them.
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
  const { runId } = await requestRun({ db, source: name, trigger: "cli" });
  await executeRun({ db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
  return getRun({ db, runId });
}
