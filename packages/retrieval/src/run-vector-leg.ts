import { sql, type SQL } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { aclCountKeys } from "@groundwork/access/sql";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";
import { VECTOR_STORAGE, type VectorIndex } from "@groundwork/core/vector-storage";
import type { LegHit } from "./run-lexical-leg";

export type VectorPath = "hnsw" | "exact";

/**
 * Candidates read from the binary-quantized index per row wanted, before the exact re-rank.
 * Hamming distance over 384 sign bits ties and misorders near neighbours; 10× brought recall@10
 * back to the full-precision index's on the clustered bench corpus (pnpm bench:scale).
 */
export const DEFAULT_BINARY_OVERFETCH = 10;

export function vectorLiteral(v: readonly number[]): string {
  return `[${v.map((x) => (Number.isFinite(x) ? x : 0)).join(",")}]`;
}

/** The smallest ef_search of a selective caller's HNSW scan (visibilitySql); exactCutoff's cost model assumes it. */
const SELECTIVE_EF_SEARCH = 200;
/** Visible rows a selective caller's HNSW candidate list should hold: the search's default leg depth. */
const VISIBLE_CANDIDATES = 40;

/** How many chunks a caller may see, bracketed from the per-principal counts, and which model to compare against. */
export type Visibility = { model: string | null; upper: number; lower: number; total: number };

/**
 * The visibility estimate as one json expression, so the caller folds it into the statement that
 * reads term statistics (one round trip, a few primary-key lookups in chunk_counts). A chunk is
 * visible through any of the caller's principals, so the sum of their counts bounds the visible
 * set from above and the largest count from below. The preferred model is the query
 * embedder's; when no chunk carries it, the most common stored model is reported so the caller
 * can re-embed or skip. ef_search bounds the candidate list of each HNSW scan step. A caller who
 * surely sees a quarter of the corpus or more finds enough visible neighbours with 100. Below
 * that, of ef candidates only a fraction f (at most lower/total) is visible, so ef is raised to
 * hold about VISIBLE_CANDIDATES (the search's default leg depth) visible rows: 40 / f, between
 * 200 and pgvector's maximum 1000. Measured at 1M chunks for a 10 % caller: recall@10 0.887 at
 * ef 200, 0.943 at 500, 0.950 at 1000, the scan time unchanged (the graph, not ef, bounds it there).
 */
export function visibilitySql({ preferred, scope }: { preferred: string; scope: ReaderScope }): SQL {
  const total = sql`(select chunk_count::bigint from corpus_stats where id = 1)`;
  const keys = aclCountKeys(scope);
  const lower = scope.isAdmin ? total : sql`(select coalesce(max(n), 0) from chunk_counts where key = any(${keys}))`;
  return sql`json_build_object(
      'ef', set_config('hnsw.ef_search', case when ${lower} * 4 >= ${total} then '100'
        else least(1000, greatest(${sql.raw(String(SELECTIVE_EF_SEARCH))}, ceil(${sql.raw(String(VISIBLE_CANDIDATES))}.0 * ${total} / greatest(${lower}, 1))))::int::text end, true),
      'preferred_n', (select n from chunk_counts where key = ${`model:${preferred}`}),
      'other', (select substr(key, 7) from chunk_counts where key >= 'model:' and key < 'model;' and n > 0 order by n desc, key limit 1),
      'upper', ${scope.isAdmin ? total : sql`(select coalesce(sum(n), 0) from chunk_counts where key = any(${keys}))`},
      'lower', ${lower},
      'total', ${total},
      'preferred', ${preferred}::text)`;
}

/** Reads the visibility estimate (and sets ef_search as the search does), for callers outside searchChunks. */
export async function probeVisibility({
  tx,
  preferred,
  scope,
}: {
  tx: ReaderTx;
  preferred: string;
  scope: ReaderScope;
}): Promise<Visibility> {
  const r = await tx.execute<{ v: unknown }>(sql`select ${visibilitySql({ preferred, scope })} as v`);
  return readVisibility(r.rows[0]?.v);
}

export function readVisibility(value: unknown): Visibility {
  const row = (value && typeof value === "object" ? value : {}) as {
    preferred_n?: number | null;
    other?: string | null;
    preferred?: string;
    upper?: number;
    lower?: number;
    total?: number;
  };
  const model = Number(row.preferred_n ?? 0) > 0 ? (row.preferred ?? null) : (row.other ?? null);
  return { model, upper: Number(row.upper ?? 0), lower: Number(row.lower ?? 0), total: Number(row.total ?? 0) };
}

/**
 * Up to how many visible rows the exact scan is the cheaper path. An HNSW scan whose filter keeps
 * a fraction f of the rows visits about ef/f tuples before it holds ef visible ones (iterative
 * scan), and each costs a heap check; the exact scan reads the f·total visible rows through the
 * GIN index on acl and compares them all. The two meet where f·total = ef/f, i.e. at
 * sqrt(ef · total) visible rows: below it exact is cheaper and exact (recall 1). So the cutoff
 * grows with the corpus (about 4.5k rows at 100k chunks, 14k at 1M) instead of staying at the
 * configured floor, under which HNSW at 1M chunks scanned ~200 ms for a 1 % caller with
 * recall@10 0.95.
 */
export function exactCutoff({ exactThreshold, total }: { exactThreshold: number; total?: number }): number {
  if (!total || total <= 0) return exactThreshold;
  return Math.max(exactThreshold, Math.floor(Math.sqrt(SELECTIVE_EF_SEARCH * total)));
}

/** Exact count of the visible rows carrying `model`, stopping past the threshold: for when the bracket straddles it. */
async function countVisible({
  tx,
  model,
  countWhere,
  exactThreshold,
}: {
  tx: ReaderTx;
  model: string;
  countWhere: SQL;
  exactThreshold: number;
}): Promise<number> {
  const r = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from chunks c where c.embedding_model = ${model} and ${countWhere} limit ${exactThreshold + 1}) x`,
  );
  return Number(r.rows[0]?.n ?? 0);
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
  guard,
  depth,
  exactThreshold,
  exactGrowsWithCorpus = false,
  forcePath,
  visibility,
  index = VECTOR_STORAGE.index,
  binaryOverfetch = DEFAULT_BINARY_OVERFETCH,
}: {
  tx: ReaderTx;
  vector: readonly number[];
  model: string;
  /** Chunk-level predicate (ACL, filters) the scan applies. */
  where: SQL;
  /** A cheaper predicate good enough to count the visible set when the estimate is ambiguous. */
  countWhere?: SQL;
  /** Row-by-row condition over `c.document_id` (the document guard), checked on the nearest rows. */
  guard?: SQL;
  depth: number;
  exactThreshold: number;
  /** Take exactThreshold as a floor that grows with the corpus (exactCutoff), as the search's default does. */
  exactGrowsWithCorpus?: boolean;
  forcePath?: VectorPath;
  /** Result of visibilitySql when the caller already read it (saves a round trip). */
  visibility?: Pick<Visibility, "upper" | "lower"> & Partial<Pick<Visibility, "total">>;
  /** Which HNSW index the table holds (GROUNDWORK_VECTOR_INDEX): full vectors, or their sign bits with an exact re-rank. */
  index?: VectorIndex;
  binaryOverfetch?: number;
}): Promise<{ hits: LegHit[]; path: VectorPath }> {
  const literal = vectorLiteral(vector);
  let path: VectorPath = forcePath ?? "hnsw";
  if (!forcePath) {
    const cutoff = exactGrowsWithCorpus ? exactCutoff({ exactThreshold, total: visibility?.total }) : exactThreshold;
    if (visibility && visibility.upper <= cutoff) path = "exact";
    else if (visibility && visibility.lower > cutoff) path = "hnsw";
    else if ((await countVisible({ tx, model, countWhere, exactThreshold: cutoff })) <= cutoff) path = "exact";
  }
  if (path === "hnsw" && !visibility) await tx.execute(sql`select set_config('hnsw.ef_search', '200', true)`);
  const inner = sql`c.embedding_model = ${model} and c.embedding is not null and ${where}`;
  // The document guard, a lookup per row, runs on the few rows that come out of the scan.
  const check = guard ?? sql`true`;
  // The query vector is an untyped parameter beside `<=>`: Postgres reads it as the column's own
  // type (vector or halfvec), so the operator matches the HNSW index's operator class either way.
  let result;
  if (path === "hnsw" && index === "binary") {
    // Nearest by Hamming distance of the sign bits (the expression the index holds), then the
    // candidates re-ranked by exact cosine distance on the stored vectors. The ACL predicate
    // filters inside the index scan as on the full-precision path (iterative scan).
    const candidates = Math.max(depth, Math.ceil(depth * binaryOverfetch));
    await tx.execute(
      sql`select set_config('hnsw.ef_search', greatest(current_setting('hnsw.ef_search')::int, ${Math.min(1000, candidates)}::int)::text, true)`,
    );
    const bits = sql.raw(String(EMBEDDING_DIMENSIONS));
    result = await tx.execute<{ id: string; dist: number }>(sql`
          select c.id, c.dist from (
            select q.id, q.document_id, q.embedding <=> ${literal} as dist from (
              select c.id, c.document_id, c.embedding from chunks c where ${inner}
              order by binary_quantize(c.embedding)::bit(${bits}) <~> binary_quantize(${literal}::vector)
              limit ${candidates}
            ) q
            order by dist, q.id
            limit ${depth}
          ) c
          where ${check}
          order by c.dist, c.id`);
  } else
    result =
      path === "hnsw"
        ? await tx.execute<{ id: string; dist: number }>(sql`
          select c.id, c.dist from (
            select c.id, c.document_id, c.embedding <=> ${literal} as dist
            from chunks c where ${inner}
            order by c.embedding <=> ${literal}
            limit ${depth}
          ) c
          where ${check}
          order by c.dist, c.id`)
        : await tx.execute<{ id: string; dist: number }>(sql`
          with visible as materialized (
            select c.id, c.document_id, c.embedding from chunks c where ${inner}
          )
          select c.id, c.dist from (
            select id, document_id, (embedding <=> ${literal}) as dist from visible order by dist, id limit ${depth}
          ) c
          where ${check}
          order by c.dist, c.id`);
  return { hits: result.rows.map((r) => ({ chunkId: r.id, score: 1 - Number(r.dist) })), path };
}
