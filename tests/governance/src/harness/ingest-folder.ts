import fs from "node:fs";
import path from "node:path";
import { createSource, executeRun, getRun, readIngestEnv, requestRun } from "@groundwork/ingest";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import type { Database } from "@groundwork/db/client";
import type { IngestionRun } from "@groundwork/db/schema";

/** Writes `files` (relative path → content) under `dir`, creating folders. */
export function writeTree({ dir, files }: { dir: string; files: Record<string, string | Uint8Array> }): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

/**
 * Ingests a folder through the real pipeline (source row, run row, the worker's executeRun)
 * in this process, so suites get documents exactly as production stores them.
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

export async function runSource({ db, name }: { db: Database; name: string }): Promise<IngestionRun> {
  const { runId } = await requestRun({ db, source: name, trigger: "cli" });
  await executeRun({ db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
  return getRun({ db, runId });
}
