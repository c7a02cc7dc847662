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

export type Term = { lexeme: string; qtf: number; df: number; idf: number; positions: number[] };
/** Every query lexeme with its corpus statistics (df 0: not in the corpus), plus the corpus size. */
export type QueryTerms = { terms: Term[]; chunkCount: number; avgdl: number };
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

/**
 * The query's lexemes with document frequencies (term_stats) and the corpus size/length
 * (corpus_stats), in one round trip. Lexemes absent from the corpus come back with df 0; they
 * cannot match, so the lexical leg leaves them out, but callers (the assistant's answerability
 * check) want to know about them. `extra` (a json expression) rides along in the same round
 * trip — the vector leg's probe uses it.
 */
export async function lookupQueryTerms({ tx, queryText, extra }: { tx: ReaderTx; queryText: string; extra?: SQL }): Promise<QueryTerms & { extra: Record<string, unknown> }> {
  const r = await tx.execute<{ lexeme: string | null; qtf: number; df: number | null; n: number; total: number; positions: number[] | null; extra: unknown }>(sql`
    select u.lexeme, coalesce(cardinality(u.positions), 1) as qtf, u.positions::int[] as positions,
           coalesce(t.df, 0)::int as df, s.chunk_count::float8 as n, s.token_total::float8 as total,
           ${extra ?? sql`null::json`} as extra
    from corpus_stats s
    left join lateral unnest(to_tsvector('english', ${queryText})) as u on true
    left join term_stats t on t.lexeme = u.lexeme
    where s.id = 1`);
  const chunkCount = Number(r.rows[0]?.n ?? 0);
  const n = Math.max(chunkCount, 1);
  const avgdl = Math.max(Number(r.rows[0]?.total ?? 0) / n, 1);
  const terms = r.rows
    .filter((row): row is typeof row & { lexeme: string } => row.lexeme !== null)
    .map((row) => {
      const df = Math.max(Number(row.df ?? 0), 0);
      return { lexeme: row.lexeme, qtf: Number(row.qtf), df, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)), positions: (row.positions ?? []).map(Number) };
    })
    .sort((a, b) => b.idf - a.idf || (a.lexeme < b.lexeme ? -1 : 1));
  const extraRow = r.rows[0]?.extra;
  return { terms, chunkCount, avgdl, extra: extraRow && typeof extraRow === "object" ? (extraRow as Record<string, unknown>) : {} };
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
  queryTerms,
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
  /** Result of lookupQueryTerms when the caller already has it (saves a round trip). */
  queryTerms?: QueryTerms;
}): Promise<LegHit[]> {
  const looked = queryTerms ?? (await lookupQueryTerms({ tx, queryText }));
  const avgdl = looked.avgdl;
  const terms = looked.terms.filter((t) => t.df > 0).slice(0, MAX_TERMS);
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
  // MaxScore: BM25's term-frequency factor is below k1 + 1, so weight × (k1 + 1) bounds what a
  // term can add. Take the cheapest-to-ignore (most common, lowest-bound) pruned terms as
  // non-essential while their summed bound, plus the phrase pairs made only of them, stays
  // below the depth-th score found so far: a chunk holding nothing else cannot reach the top.
  // Only chunks matching the remaining (essential) pruned terms need scoring in a second pass.
  const threshold = first.length >= depth ? first[first.length - 1]!.score : -Infinity;
  const bound = (i: number) => weights[i]! * (k1 + 1);
  let cut = terms.length;
  let boundSum = 0;
  const nonEssential = new Set<string>();
  while (cut > essential) {
    const lexeme = lexemes[cut - 1]!;
    const next = new Set(nonEssential).add(lexeme);
    const pairSum = pairs.filter((p) => next.has(p.lexemes[0]) && next.has(p.lexemes[1])).reduce((sum, p) => sum + proximity * p.weight, 0);
    if (boundSum + bound(cut - 1) + pairSum >= threshold) break;
    boundSum += bound(cut - 1);
    nonEssential.add(lexeme);
    cut -= 1;
  }
  if (cut === essential) return first;
  const second = await score(terms.slice(essential, cut));
  // Each pass returns its own top `depth` (score desc, id asc), so the merged top `depth` is exact.
  const merged = new Map<string, LegHit>();
  for (const h of [...first, ...second]) merged.set(h.chunkId, h);
  return [...merged.values()].sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1)).slice(0, depth);
}
