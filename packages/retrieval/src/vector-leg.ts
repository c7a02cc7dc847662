import { sql, type SQL } from "drizzle-orm";
import type { ReaderTx } from "@groundwork/db/scoped";
import type { LegHit } from "./lexical-leg";

export type VectorPath = "hnsw" | "exact";

export function vectorLiteral(v: readonly number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(",")}]`;
}

/**
 * Which stored model the vector leg compares against, plus how many rows the caller can see
 * (bounded), in one round trip. The preferred model is the query embedder's; when no visible
 * chunk carries it, any stored model is reported so the caller can re-embed or skip.
 */
export async function probeVectorLeg({ tx, preferred, countWhere, exactThreshold }: { tx: ReaderTx; preferred: string; countWhere: SQL; exactThreshold: number }): Promise<{ model: string | null; visible: number }> {
  const r = await tx.execute<{ probe: unknown }>(sql`select ${probeVectorSql({ preferred, countWhere, exactThreshold })} as probe`);
  return readVectorProbe(r.rows[0]?.probe);
}

/**
 * The probe as one json expression, so a caller can fold it into another statement.
 * ef_search bounds the candidate list of each scan step; higher keeps recall@10 ≥ 0.97 under filters.
 */
export function probeVectorSql({ preferred, countWhere, exactThreshold }: { preferred: string; countWhere: SQL; exactThreshold: number }): SQL {
  return sql`json_build_object(
      'ef', set_config('hnsw.ef_search', '200', true),
      'n', (select count(*)::int from (select 1 from chunks c where c.embedding_model = ${preferred} and ${countWhere} limit ${exactThreshold + 1}) x),
      'other', (select embedding_model from chunks where embedding_model is not null limit 1),
      'preferred', ${preferred}::text)`;
}

export function readVectorProbe(value: unknown): { model: string | null; visible: number } {
  const row = (value && typeof value === "object" ? value : {}) as { n?: number; other?: string | null; preferred?: string };
  const visible = Number(row.n ?? 0);
  if (visible > 0) return { model: row.preferred ?? null, visible };
  return { model: row.other ?? null, visible: 0 };
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
  countWhere = where,
  depth,
  exactThreshold,
  forcePath,
  visibleRows,
}: {
  tx: ReaderTx;
  vector: readonly number[];
  model: string;
  where: SQL;
  /** A cheaper predicate (ACL and chunk columns only) good enough to size the visible set. */
  countWhere?: SQL;
  depth: number;
  exactThreshold: number;
  forcePath?: VectorPath;
  /** Result of probeVectorLeg when the caller already ran it (saves a round trip). */
  visibleRows?: number;
}): Promise<{ hits: LegHit[]; path: VectorPath }> {
  const literal = vectorLiteral(vector);
  const filter = sql`c.embedding_model = ${model} and c.embedding is not null and ${where}`;
  let path: VectorPath = forcePath ?? "hnsw";
  if (!forcePath) {
    const probe = visibleRows ?? (await probeVectorLeg({ tx, preferred: model, countWhere, exactThreshold })).visible;
    if (probe <= exactThreshold) path = "exact";
  } else {
    await tx.execute(sql`select set_config('hnsw.ef_search', '200', true)`);
  }
  // The scan uses the chunk-level predicate (ACL, filters); the live-document guard, a lookup
  // per row, is re-checked with the full predicate on the few rows that come out.
  const inner = sql`c.embedding_model = ${model} and c.embedding is not null and ${countWhere}`;
  const result =
    path === "hnsw"
      ? await tx.execute<{ id: string; dist: number }>(sql`
          select x.id, x.dist from (
            select c.id, c.embedding <=> ${literal}::vector as dist
            from chunks c where ${inner}
            order by c.embedding <=> ${literal}::vector
            limit ${depth}
          ) x join chunks c on c.id = x.id
          where ${filter}
          order by x.dist, x.id`)
      : await tx.execute<{ id: string; dist: number }>(sql`
          with visible as materialized (
            select c.id, c.embedding from chunks c where ${inner}
          ), nearest as (
            select id, (embedding <=> ${literal}::vector) as dist from visible order by dist, id limit ${depth}
          )
          select x.id, x.dist from nearest x join chunks c on c.id = x.id
          where ${filter}
          order by x.dist, x.id`);
  return { hits: result.rows.map((r) => ({ chunkId: r.id, score: 1 - Number(r.dist) })), path };
}
