import path from "node:path";
import { fileURLToPath } from "node:url";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { createTestDatabase, type TestDatabase, type TestTarget } from "@groundwork/db/testing";
import { configuredSourceRoots } from "@groundwork/ingest";
import { ingestFolder } from "@groundwork/ingest/testing";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const defaultCorpusDir = path.join(repoRoot, "ingest/corpus/quillfeather");
export const defaultGoldenSet = path.join(repoRoot, "ingest/corpus/golden-set.json");

/**
 * A scratch database holding the sample corpus, ingested by the real pipeline (parse → chunk →
 * hash-embed → store with ACLs from the folders' access files), with the demo users seeded.
 * The run executes in this process instead of through a worker: same code (`ingestFolder`).
 */
export async function loadSampleCorpus({
  target = "embedded",
  corpusDir = defaultCorpusDir,
}: { target?: TestTarget; corpusDir?: string } = {}): Promise<{
  db: TestDatabase;
  documents: number;
  failed: number;
  ingestMs: number;
}> {
  // Evaluation corpora live beside the sample corpus in the repository; the scratch database
  // reads them where they are, so they join the allowed source roots for this process.
  const roots = process.env.GROUNDWORK_SOURCE_ROOTS
    ? process.env.GROUNDWORK_SOURCE_ROOTS.split(/[,:]/)
    : configuredSourceRoots();
  if (!roots.includes(corpusDir)) process.env.GROUNDWORK_SOURCE_ROOTS = [...roots, corpusDir].join(",");
  const db = await createTestDatabase({ target });
  try {
    await seedDemoUsers({ db: db.db });
    const started = performance.now();
    const done = await ingestFolder({ db: db.db, name: "quillfeather", dir: corpusDir });
    if (done.status !== "succeeded" && done.status !== "partial")
      throw new Error(`ingesting the sample corpus ended ${done.status}: ${done.error ?? ""}`);
    return {
      db,
      documents: done.counts.added + done.counts.updated + done.counts.unchanged,
      failed: done.counts.failed,
      ingestMs: performance.now() - started,
    };
  } catch (error) {
    await db.dispose();
    throw error;
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[idx]! * 100) / 100;
}
