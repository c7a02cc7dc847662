/**
 * SciFact ingest time on one target (tsx src/retrieval/time-ingest.ts [embedded|server] [--with-tsv-high]).
 * --with-tsv-high puts back the generated column and GIN index migration 0022 dropped, for a
 * paired before/after.
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
    if (process.argv.includes("--with-tsv-high")) {
      await t.db.execute(
        sql.raw(`CREATE OR REPLACE FUNCTION groundwork_tsv_high(v tsvector) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT array_to_tsvector(coalesce(array(
          SELECT u.lexeme FROM unnest(v) AS u
          WHERE coalesce(cardinality(u.positions), 1) > 1 OR 'A' = ANY(u.weights)), '{}'::text[])) $$`),
      );
      await t.db.execute(
        sql.raw(
          `ALTER TABLE "chunks" ADD COLUMN "tsv_high" "tsvector" GENERATED ALWAYS AS (groundwork_tsv_high(setweight(to_tsvector('english', coalesce("context", '')), 'A') || to_tsvector('english', coalesce("text", '')))) STORED NOT NULL`,
        ),
      );
      await t.db.execute(sql.raw(`CREATE INDEX "chunks_tsv_high_idx" ON "chunks" USING gin ("tsv_high")`));
    }
    const s = performance.now();
    await ingestBeirCorpus({ db: t.db, corpus: dataset.corpus, embedder: createHashEmbedder() });
    console.log(`${target} ingest_s ${((performance.now() - s) / 1000).toFixed(1)}`);
  } finally {
    await t.dispose();
  }
}
void main();
