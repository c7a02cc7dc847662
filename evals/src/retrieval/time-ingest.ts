/**
 * SciFact ingest time on one target (tsx src/retrieval/time-ingest.ts [embedded|server] [--without-tsv-high]).
 * --without-tsv-high drops the unread tsv_high column first, for a paired before/after of its cost.
 */
import { sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestTarget } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { loadBeirDataset } from "./beir-dataset";
import { ingestBeirCorpus } from "./evaluate-beir";

async function main() {
  const target = (process.argv[2] ?? "embedded") as TestTarget;
  const dataset = loadBeirDataset({
    dir: fileURLToPath(new URL("../../../../shared/datasets/scifact", import.meta.url)),
  });
  const t = await createTestDatabase({ target });
  try {
    if (process.argv.includes("--without-tsv-high")) {
      // The column ingest still fills but no search reads since chunk_postings (kept: dropping a
      // column of chunks breaks the partitioned layout's statement triggers, see partition-chunks.ts).
      await t.db.execute(sql.raw(`DROP INDEX IF EXISTS "chunks_tsv_high_idx"`));
      await t.db.execute(sql.raw(`ALTER TABLE "chunks" DROP COLUMN "tsv_high"`));
    }
    const s = performance.now();
    await ingestBeirCorpus({ db: t.db, corpus: dataset.corpus, embedder: createHashEmbedder() });
    console.log(`${target} ingest_s ${((performance.now() - s) / 1000).toFixed(1)}`);
  } finally {
    await t.dispose();
  }
}
void main();
