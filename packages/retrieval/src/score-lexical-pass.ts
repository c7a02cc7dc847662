import { sql, type SQL } from "drizzle-orm";
import type { ReaderTx } from "@groundwork/access/reader-scope";
import { quoteLexeme } from "./build-tsquery";
import type { Term } from "./lookup-query-terms";
import type { Pair } from "./prune-lexical-terms";
import type { LegHit } from "./run-lexical-leg";
import { floatArray } from "./sql-fragments";

/** What every pass of one lexical query shares. */
export type LexicalQuery = {
  tx: ReaderTx;
  /** The query's terms with visible df > 0, rarest first; column `t<i>` scores `terms[i]`. */
  terms: Term[];
  /** BM25 weight per term: qtf × idf × expansion factor. */
  weights: number[];
  pairs: Pair[];
  k1: number;
  b: number;
  avgdl: number;
  contextBoost: number;
  proximity: number;
  depth: number;
  /** Chunk-level predicate; a function gets the pass's posting volume (sum of df) to pick its ACL form. */
  where: SQL | ((pass: { volume: number }) => SQL);
  /** Row-by-row condition over `c.document_id` (the document guard), checked after ranking. */
  guard?: SQL;
  /** enable_seqscan as the leg found it; with `steer` the last pass restores it from its LIMIT and sets `restored`. */
  planner: { steer: boolean; seqscanWas: "on" | "off"; restored: boolean };
};

/** One pass: what it matches, its posting volume, the term columns it scores. */
export type LexicalPass = {
  match: SQL;
  volume: number;
  columns: number[];
  exclude?: string;
  last?: boolean;
  guardInline?: boolean;
};

/**
 * Top `depth` of the chunks matching `match`, scoring only the terms at `columns` (and the
 * pairs among them): the caller guarantees every other term is absent from those chunks
 * (`exclude` holds the lexemes of the earlier pass, whose chunks that pass already scored).
 */
export async function scoreLexicalPass({ query, pass }: { query: LexicalQuery; pass: LexicalPass }): Promise<LegHit[]> {
  const { tx, terms, weights, pairs, k1, b, avgdl, contextBoost, proximity, depth, where, guard, planner } = query;
  const { match, volume, columns, exclude, last = false, guardInline = false } = pass;
  // Effective term frequency (title/breadcrumb occurrences, weight 'A', count contextBoost times)
  // straight from the stored tsvector: ts_rank_cd of a one-lexeme query is the sum of its
  // positions' weights, so with weights {1,1,1,boost} scaled into (0, 1] it is exactly that count.
  // One C call per term and row, no unnest and no per-row subquery.
  const scale = Math.max(1, contextBoost);
  const rankWeights = floatArray([1 / scale, 1 / scale, 1 / scale, Math.max(contextBoost, 0) / scale]);
  const filter = typeof where === "function" ? where({ volume }) : where;
  const held = new Set(columns.map((i) => terms[i]!.lexeme));
  const passPairs = pairs.filter((p) => held.has(p.lexemes[0]) && held.has(p.lexemes[1]));
  const tfColumns = sql.join(
    columns.map(
      (i) =>
        sql`ts_rank_cd(${rankWeights}::float4[], v.tsv, ${quoteLexeme(terms[i]!.lexeme)}::tsquery)::float8 * ${scale}::float8 as ${sql.raw(`t${i}`)}`,
    ),
    sql`, `,
  );
  const bm25 = sql.join(
    columns.map(
      (i) => sql`${weights[i]!}::float8 * r.${sql.raw(`t${i}`)} * ${k1 + 1}::float8 / (r.${sql.raw(`t${i}`)} + r.kd)`,
    ),
    sql` + `,
  );
  const pairBonus =
    passPairs.length === 0
      ? sql`0`
      : sql.join(
          passPairs.map(
            (p) => sql`(case when v.tsv @@ ${p.query}::tsquery then ${proximity * p.weight}::float8 else 0 end)`,
          ),
          sql` + `,
        );
  const r = await tx.execute<{ id: string; score: number; ok: boolean }>(sql`
    select c.id, c.score, ${guard && !guardInline ? guard : sql`true`} as ok from (
      select c.id, c.document_id, (${bm25}) + ${pairBonus} as score
      from chunks c
      -- The tsvector is stored out of line (TOAST): every function given c.tsv would fetch it
      -- again, one fetch per term. A copy made once per row (offset 0 keeps it from being
      -- inlined) is read from memory by all of them: 5x less time on SciFact's long queries.
      cross join lateral (select c.tsv || ''::tsvector as tsv offset 0) as v
      cross join lateral (
        select ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * c.token_count / ${avgdl}::float8) as kd, ${tfColumns} offset 0
      ) as r
      where ${match} and ${filter} and ${guard && guardInline ? guard : sql`true`}
        and ${exclude ? sql`not (v.tsv @@ ${exclude}::tsquery)` : sql`true`}
      order by score desc, c.id
      limit ${last && planner.steer ? sql`(select ${depth}::int from (select set_config('enable_seqscan', ${planner.seqscanWas}, true)) as s)` : sql`${depth}`}
    ) c
    order by c.score desc, c.id`);
  // The document guard is a lookup per row, so it is checked on the top rows only. If one fails
  // (a document mid re-ingest), the top `depth` of the guarded set may lie deeper: score again
  // with the guard inline, which is exact. (A last pass has restored enable_seqscan already in its
  // LIMIT; the retry is not `last`, so the leg's closing restore runs.)
  if (!guardInline && r.rows.some((row) => !row.ok))
    return scoreLexicalPass({ query, pass: { match, volume, columns, exclude, guardInline: true } });
  if (last) planner.restored = true;
  return r.rows.map((row) => ({ chunkId: row.id, score: Number(row.score) }));
}
