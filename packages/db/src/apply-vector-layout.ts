import { sql } from "drizzle-orm";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";
import type { VectorIndex, VectorType } from "@groundwork/core/vector-storage";
import type { Database } from "./client";

export type VectorLayout = { type: VectorType; index: VectorIndex };

/** The DDL of chunks_embedding_idx for a layout: the same statement drizzle-kit writes from schema.ts. */
export function embeddingIndexSql({
  type,
  index,
  dimensions = EMBEDDING_DIMENSIONS,
}: VectorLayout & { dimensions?: number }) {
  const expression =
    index === "binary"
      ? `(binary_quantize("embedding")::bit(${dimensions})) bit_hamming_ops`
      : `"embedding" ${type}_cosine_ops`;
  return `CREATE INDEX "chunks_embedding_idx" ON "chunks" USING hnsw (${expression}) WITH (m=16,ef_construction=64)`;
}

/** The layout a database holds: chunks.embedding's type and whether chunks_embedding_idx indexes the sign bits. */
export async function readVectorLayout({ db }: { db: Database }): Promise<VectorLayout & { indexed: boolean }> {
  const r = await db.execute<{ type: string; def: string | null }>(sql`
    select format_type(a.atttypid, a.atttypmod) as type,
           (select pg_get_indexdef(i.indexrelid) from pg_index i
             where i.indrelid = 'chunks'::regclass and i.indexrelid = to_regclass('chunks_embedding_idx')) as def
    from pg_attribute a where a.attrelid = 'chunks'::regclass and a.attname = 'embedding'`);
  const row = r.rows[0];
  return {
    type: row?.type.startsWith("halfvec") ? "halfvec" : "vector",
    index: row?.def?.includes("binary_quantize") ? "binary" : "hnsw",
    indexed: Boolean(row?.def),
  };
}

/**
 * Puts the chunk embeddings into `layout` on a live database: what a migration generated with
 * GROUNDWORK_VECTOR_TYPE / GROUNDWORK_VECTOR_INDEX does (drop the HNSW index, change the column
 * type, build the index again), for the benchmark and the test suites that compare layouts on
 * one loaded database. A deployment changes its layout through `pnpm db:generate` instead, so
 * that schema.ts, the migration history and the table agree.
 *
 * The column change rewrites the table and the build reads every row: run it in a maintenance
 * window. `maintenanceWorkMem` is raised for this transaction only, so the graph is built in memory.
 */
export async function applyVectorLayout({
  db,
  layout,
  maintenanceWorkMem = "1GB",
  dimensions = EMBEDDING_DIMENSIONS,
}: {
  db: Database;
  layout: VectorLayout;
  maintenanceWorkMem?: string;
  dimensions?: number;
}): Promise<{ changed: boolean }> {
  if (!/^\d+(kB|MB|GB)$/.test(maintenanceWorkMem))
    throw new Error(`maintenanceWorkMem ${maintenanceWorkMem} is not a size`);
  const current = await readVectorLayout({ db });
  if (current.indexed && current.type === layout.type && current.index === layout.index) return { changed: false };
  await db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('maintenance_work_mem', ${maintenanceWorkMem}, true)`);
    await tx.execute(sql`drop index if exists chunks_embedding_idx`);
    if (current.type !== layout.type)
      await tx.execute(
        sql.raw(
          `ALTER TABLE "chunks" ALTER COLUMN "embedding" SET DATA TYPE ${layout.type}(${dimensions}) USING "embedding"::${layout.type}(${dimensions})`,
        ),
      );
    await tx.execute(sql.raw(embeddingIndexSql({ ...layout, dimensions })));
  });
  await db.execute(sql`analyze chunks`);
  return { changed: true };
}
