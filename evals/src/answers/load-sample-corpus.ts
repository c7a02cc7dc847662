import fs from "node:fs/promises";
import os from "node:os";
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
 * `exclude`: files kept inside the corpus folder that are not documents of it (an evalset's
 * questions.json); the folder is then ingested from a copy without them, so they are neither
 * indexed nor counted as failed files, while a real document that fails still counts.
 */
export async function loadSampleCorpus({
  target = "embedded",
  corpusDir = defaultCorpusDir,
  exclude = [],
}: { target?: TestTarget; corpusDir?: string; exclude?: string[] } = {}): Promise<{
  db: TestDatabase;
  documents: number;
  failed: number;
  ingestMs: number;
}> {
  const skipped = new Set(
    exclude.map((f) => path.resolve(f)).filter((f) => !path.relative(corpusDir, f).startsWith("..")),
  );
  const staged = skipped.size ? await stageWithout({ dir: corpusDir, skipped }) : null;
  const dir = staged ?? corpusDir;
  // Evaluation corpora live beside the sample corpus in the repository; the scratch database
  // reads them where they are, so they join the allowed source roots for this process.
  const roots = process.env.GROUNDWORK_SOURCE_ROOTS
    ? process.env.GROUNDWORK_SOURCE_ROOTS.split(/[,:]/)
    : configuredSourceRoots();
  if (!roots.includes(dir)) process.env.GROUNDWORK_SOURCE_ROOTS = [...roots, dir].join(",");
  const removeStaged = () => (staged ? fs.rm(staged, { recursive: true, force: true }) : Promise.resolve());
  const db = await createTestDatabase({ target }).catch(async (error: unknown) => {
    await removeStaged();
    throw error;
  });
  // The copy lives as long as the database: a caller may read a document's file through its source.
  const dispose = db.dispose.bind(db);
  db.dispose = async () => {
    try {
      await dispose();
    } finally {
      await removeStaged();
    }
  };
  try {
    await seedDemoUsers({ db: db.db });
    const started = performance.now();
    const done = await ingestFolder({ db: db.db, name: "quillfeather", dir });
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

/** A copy of `dir` (access files included) without the `skipped` files, in a fresh temporary folder. */
async function stageWithout({ dir, skipped }: { dir: string; skipped: Set<string> }): Promise<string> {
  const staged = await fs.mkdtemp(path.join(os.tmpdir(), "gw-eval-corpus-"));
  await fs.cp(dir, staged, { recursive: true, filter: (src) => !skipped.has(path.resolve(src)) });
  return staged;
}
