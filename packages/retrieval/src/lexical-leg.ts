import { sql, type SQL } from "drizzle-orm";
import type { ReaderTx } from "@groundwork/db/scoped";
import { floatArray, textArray } from "./sql-fragments";

export type LegHit = { chunkId: string; score: number };

/** Query terms beyond this many (rarest first) add cost but almost no ranking signal. */
const MAX_TERMS = 64;
/** Posting volume (sum of df) scored in the first pass; common terms beyond it are pruned when provably harmless. */
const CANDIDATE_BUDGET = 1_500;

/** Quotes one lexeme for tsquery input: wrapped in '', with backslash and quote doubled. */
function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The query's lexemes as an OR tsquery, built from `to_tsvector` output rather than by parsing
 * user text as tsquery syntax, so quotes, `&|!():*<->` and emoji are plain characters here.
 */
export function orTsquery(queryText: string): SQL {
  return sql`(select string_agg('''' || replace(replace(u.lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')::tsquery
    from unnest(to_tsvector('english', ${queryText})) as u)`;
}

type Term = { lexeme: string; qtf: number; df: number; idf: number; positions: number[] };
type Pair = { query: string; weight: number; lexemes: [string, string] };

/** Nearby query-term pairs as phrase tsqueries (`'a' <d> 'b'`, d as in the query, ≤ 3). */
function proximityPairs(terms: Term[]): Pair[] {
  const idf = new Map(terms.map((t) => [t.lexeme, t.idf]));
  const occurrences = terms.flatMap((t) => t.positions.map((p) => ({ lexeme: t.lexeme, p }))).sort((a, b) => a.p - b.p);
  const pairs = new Map<string, Pair>();
  for (let i = 0; i + 1 < occurrences.length; i++) {
    const a = occurrences[i]!;
    const b = occurrences[i + 1]!;
    const d = b.p - a.p;
    if (a.lexeme === b.lexeme || d < 1 || d > 3) continue;
    const query = `${quoteLexeme(a.lexeme)} <${d}> ${quoteLexeme(b.lexeme)}`;
    pairs.set(query, { query, weight: (idf.get(a.lexeme)! + idf.get(b.lexeme)!) / 2, lexemes: [a.lexeme, b.lexeme] });
  }
  return [...pairs.values()].slice(0, 16);
}

async function queryTerms(tx: ReaderTx, queryText: string): Promise<{ terms: Term[]; avgdl: number }> {
  const r = await tx.execute<{ lexeme: string; qtf: number; df: number; n: number; avgdl: number; positions: number[] | null }>(sql`
    with s as (
      select greatest(chunk_count, 1)::float8 as n, greatest(token_total::float8 / greatest(chunk_count, 1), 1) as avgdl
      from corpus_stats where id = 1
    )
    select u.lexeme, coalesce(cardinality(u.positions), 1) as qtf, u.positions::int[] as positions, t.df, s.n, s.avgdl
    from unnest(to_tsvector('english', ${queryText})) as u
    join term_stats t on t.lexeme = u.lexeme and t.df > 0
    cross join s`);
  const terms = r.rows
    .map((row) => {
      const n = Number(row.n);
      const df = Number(row.df);
      return { lexeme: row.lexeme, qtf: Number(row.qtf), df, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), positions: (row.positions ?? []).map(Number) };
    })
    .sort((a, b) => b.idf - a.idf || (a.lexeme < b.lexeme ? -1 : 1))
    .slice(0, MAX_TERMS);
  return { terms, avgdl: Number(r.rows[0]?.avgdl ?? 1) };
}

/**
 * BM25 over the chunks a caller may see, computed in SQL: document frequencies and corpus size
 * come from term_stats/corpus_stats (kept by triggers), term frequencies from the stored
 * tsvector, document length from token_count. Title/breadcrumb occurrences (weight 'A') count
 * `contextBoost` times.
 *
 * Scoring every chunk that contains a common word is what makes SQL BM25 slow, so the first
 * pass only gathers candidates holding the rarer terms (MaxScore): if even a perfect match on
 * all the pruned common terms could not beat the depth-th score, the result is exact; otherwise
 * a second pass scores every match.
 */
export async function runLexicalLeg({
  tx,
  queryText,
  where,
  depth,
  k1,
  b,
  contextBoost,
  proximity = 0,
  candidateBudget = CANDIDATE_BUDGET,
}: {
  tx: ReaderTx;
  queryText: string;
  where: SQL;
  depth: number;
  k1: number;
  b: number;
  contextBoost: number;
  /** Weight of the term-proximity bonus: nearby query-term pairs found as phrases in the chunk. */
  proximity?: number;
  /** Posting volume the first pass may gather before pruning common terms (tests force pruning). */
  candidateBudget?: number;
}): Promise<LegHit[]> {
  const { terms, avgdl } = await queryTerms(tx, queryText);
  if (terms.length === 0) return [];
  let essential = 0;
  let volume = 0;
  while (essential < terms.length && (essential === 0 || volume + terms[essential]!.df <= candidateBudget)) {
    volume += terms[essential]!.df;
    essential += 1;
  }
  const lexemes = terms.map((t) => t.lexeme);
  const pairs = proximity > 0 ? proximityPairs(terms) : [];
  const pairBonus =
    pairs.length === 0
      ? sql`0`
      : sql.join(
          pairs.map((p) => sql`(case when r.v @@ ${p.query}::tsquery then ${proximity * p.weight}::float8 else 0 end)`),
          sql` + `,
        );
  const weights = terms.map((t) => t.qtf * t.idf);
  const score = async (candidateTerms: Term[]) => {
    const tsquery = candidateTerms.map((t) => quoteLexeme(t.lexeme)).join(" | ");
    // setweight + ts_filter cut each candidate's tsvector down to the query lexemes in C, so only
    // a handful of rows are unnested per chunk instead of its whole vocabulary. Title/breadcrumb
    // occurrences (weight 'A', a short list) are added again (contextBoost - 1) times.
    const lx = textArray(lexemes);
    const r = await tx.execute<{ id: string; score: number }>(sql`
      select c.id, (
        select sum((${floatArray(weights)})[array_position(${lx}, x.lexeme)] * (x.tf * (${k1}::float8 + 1)) /
                   (x.tf + ${k1}::float8 * (1 - ${b}::float8 + ${b}::float8 * c.token_count / ${avgdl}::float8)))
        from (
          select y.lexeme, sum(y.n) as tf from (
            select u.lexeme, coalesce(cardinality(u.positions), 1)::float8 as n
            from unnest(r.v) as u
            union all
            select a.lexeme, (${contextBoost}::float8 - 1) * coalesce(cardinality(a.positions), 1)
            from unnest(ts_filter(c.tsv, '{a}')) as a
            where ${contextBoost}::float8 <> 1 and a.lexeme = any(${lx})
          ) y group by y.lexeme
        ) x
      )::float8 + ${pairBonus} as score
      from chunks c
      -- Decompressed and cut to the query lexemes once per chunk, then shared by BM25 and the phrase checks.
      cross join lateral (select ts_filter(setweight(setweight(c.tsv, 'D'), 'A', ${lx}), '{a}') as v offset 0) as r
      where c.tsv @@ ${tsquery}::tsquery and ${where}
      order by score desc, c.id
      limit ${depth}`);
    return r.rows.map((row) => ({ chunkId: row.id, score: Number(row.score) }));
  };
  const first = await score(terms.slice(0, essential));
  if (essential === terms.length) return first;
  // BM25's term-frequency factor is below k1 + 1, so this bounds any chunk matching only pruned terms.
  // A chunk holding only pruned terms can only match pairs made of pruned terms.
  const pruned = new Set(lexemes.slice(essential));
  const prunedBound =
    weights.slice(essential).reduce((sum, w) => sum + w * (k1 + 1), 0) +
    pairs.filter((p) => pruned.has(p.lexemes[0]) && pruned.has(p.lexemes[1])).reduce((sum, p) => sum + proximity * p.weight, 0);
  const threshold = first.length >= depth ? first[first.length - 1]!.score : -Infinity;
  if (prunedBound < threshold) return first;
  return score(terms);
}
