import { sql, type SQL } from "drizzle-orm";
import type { ReaderTx } from "@groundwork/db/scoped";
import type { LegHit } from "./lexical-leg";

export type VectorPath = "hnsw" | "exact";

export function vectorLiteral(v: readonly number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(",")}]`;
}

/** The embedding model of the stored chunks the caller can see (any one: a re-embed replaces all of them). */
export async function storedEmbeddingModel({ tx, preferred }: { tx: ReaderTx; preferred: string | undefined }): Promise<string | null> {
  if (preferred) {
    const hit = await tx.execute(sql`select 1 from chunks where embedding_model = ${preferred} limit 1`);
    if (hit.rows.length > 0) return preferred;
  }
  const r = await tx.execute<{ m: string }>(
    sql`select embedding_model as m from chunks where embedding_model is not null limit 1`,
  );
  return r.rows[0]?.m ?? null;
}

/**
 * Nearest chunks by cosine distance, restricted by the same predicate as the lexical leg.
 * HNSW with `hnsw.iterative_scan = relaxed_order` (set by withReaderScope) keeps scanning
 * until enough rows pass the ACL filter; when the caller sees only a few rows, an exact scan
 * of those rows (found through the GIN index on acl) is both faster and exact.
 */
export async function runVectorLeg({
  tx,
  vector,
  model,
  where,
  depth,
  exactThreshold,
  forcePath,
}: {
  tx: ReaderTx;
  vector: readonly number[];
  model: string;
  where: SQL;
  depth: number;
  exactThreshold: number;
  forcePath?: VectorPath;
}): Promise<{ hits: LegHit[]; path: VectorPath }> {
  const literal = vectorLiteral(vector);
  const filter = sql`c.embedding_model = ${model} and c.embedding is not null and ${where}`;
  let path: VectorPath = forcePath ?? "hnsw";
  if (!forcePath) {
    // Bounded count: stops after exactThreshold + 1 visible rows, so wide principals pay ~nothing.
    const r = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from (select 1 from chunks c where ${filter} limit ${exactThreshold + 1}) x`,
    );
    if (Number(r.rows[0]?.n ?? 0) <= exactThreshold) path = "exact";
  }
  // ef_search bounds the candidate list of each scan step; higher keeps recall@10 ≥ 0.97 under filters.
  await tx.execute(sql`select set_config('hnsw.ef_search', '200', true)`);
  const result =
    path === "hnsw"
      ? await tx.execute<{ id: string; dist: number }>(sql`
          select id, dist from (
            select c.id, c.embedding <=> ${literal}::vector as dist
            from chunks c where ${filter}
            order by c.embedding <=> ${literal}::vector
            limit ${depth}
          ) x order by dist, id`)
      : await tx.execute<{ id: string; dist: number }>(sql`
          with visible as materialized (
            select c.id, c.embedding from chunks c where ${filter}
          )
          select id, (embedding <=> ${literal}::vector) as dist from visible
          order by dist, id limit ${depth}`);
  return { hits: result.rows.map((r) => ({ chunkId: r.id, score: 1 - Number(r.dist) })), path };
}
