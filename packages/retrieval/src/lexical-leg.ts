import { sql, type SQL } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/db/scoped";
import { floatArray, visibleChunkCount, visibleDf } from "./sql-fragments";

export type LegHit = { chunkId: string; score: number };

/** Query terms beyond this many (rarest first) add cost but almost no ranking signal. */
const MAX_TERMS = 64;
/** Posting volume (sum of df) scored in the first pass; common terms beyond it are pruned when provably harmless. */
const CANDIDATE_BUDGET = 1_500;
/** Above this many terms the passes steer the planner to the GIN index (see runLexicalLeg). */
const STEER_TERMS = 4;

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

/** BM25's idf of a lexeme held by `df` of `n` chunks (the Lucene form, never negative). */
export function bm25Idf({ n, df }: { n: number; df: number }): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

export type Term = {
  lexeme: string;
  qtf: number;
  df: number;
  idf: number;
  positions: number[];
  /** Corpus-wide bounds kept by the stats triggers: max occurrences, max title occurrences, shortest chunk. */
  maxTf: number;
  maxTitleTf: number;
  minLength: number;
};
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
 * The query's lexemes with document frequencies and the corpus size/length, in one round trip.
 * df and N count only the chunks `scope` may read (term_principal_stats, chunk_counts): a lexeme
 * that occurs only in hidden documents comes back exactly like one that occurs nowhere (df 0),
 * so nothing downstream — pruning, ranking, rarity, answerability, and the time all of that
 * takes — can tell them apart. Lexemes with df 0 cannot match, so the lexical leg leaves them
 * out, but callers (the assistant's answerability check) want to know about them. The per-term
 * pruning bounds (max_tf, min_length) stay corpus-wide: they only widen what is scored. `extra`
 * (a json expression) rides along in the same round trip — the vector leg's probe uses it.
 */
export async function lookupQueryTerms({ tx, scope, queryText, extra }: { tx: ReaderTx; scope: ReaderScope; queryText: string; extra?: SQL }): Promise<QueryTerms & { extra: Record<string, unknown> }> {
  const r = await tx.execute<{
    lexeme: string | null;
    qtf: number;
    df: number | null;
    n: number;
    corpus_n: number;
    total: number;
    positions: number[] | null;
    max_tf: number;
    max_title_tf: number;
    min_length: number;
    extra: unknown;
  }>(sql`
    select u.lexeme, coalesce(cardinality(u.positions), 1) as qtf, u.positions::int[] as positions,
           ${visibleDf(scope, sql`u.lexeme`)}::int as df, ${visibleChunkCount(scope)}::float8 as n, s.chunk_count::float8 as corpus_n, s.token_total::float8 as total,
           coalesce(t.max_tf, 0) as max_tf, coalesce(t.max_title_tf, 0) as max_title_tf, coalesce(t.min_length, 0) as min_length,
           ${extra ?? sql`null::json`} as extra
    from corpus_stats s
    left join lateral unnest(to_tsvector('english', ${queryText})) as u on true
    left join term_stats t on t.lexeme = u.lexeme
    where s.id = 1`);
  const chunkCount = Number(r.rows[0]?.n ?? 0);
  const n = Math.max(chunkCount, 1);
  // Average length is corpus-wide: the same for every query, so it reveals no word.
  const avgdl = Math.max(Number(r.rows[0]?.total ?? 0) / Math.max(Number(r.rows[0]?.corpus_n ?? 0), 1), 1);
  const terms = r.rows
    .filter((row): row is typeof row & { lexeme: string } => row.lexeme !== null)
    .map((row) => {
      const df = Math.max(Number(row.df ?? 0), 0);
      return {
        lexeme: row.lexeme,
        qtf: Number(row.qtf),
        df,
        idf: bm25Idf({ n, df }),
        positions: (row.positions ?? []).map(Number),
        maxTf: Number(row.max_tf),
        maxTitleTf: Number(row.max_title_tf),
        minLength: Number(row.min_length),
      };
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
  scope,
  queryText,
  where,
  depth,
  k1,
  b,
  contextBoost,
  proximity = 0,
  candidateBudget = CANDIDATE_BUDGET,
  queryTerms,
  guard,
  termWeights,
}: {
  tx: ReaderTx;
  /** Whose statistics rank: df and N over the chunks this caller may read (see lookupQueryTerms). */
  scope: ReaderScope;
  queryText: string;
  /** Chunk-level predicate; a function gets the pass's posting volume (sum of df) to pick its ACL form. */
  where: SQL | ((pass: { volume: number }) => SQL);
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
  /** Row-by-row condition over `c.document_id` (the document guard), checked after ranking. */
  guard?: SQL;
  /**
   * Multipliers per lexeme (default 1): query expansion adds synonyms at a fraction of a typed
   * word's weight. A lexeme weighted below 1 forms no proximity pairs — its position in the
   * query text says nothing about where it would stand in a passage.
   */
  termWeights?: ReadonlyMap<string, number>;
}): Promise<LegHit[]> {
  const looked = queryTerms ?? (await lookupQueryTerms({ tx, scope, queryText }));
  const avgdl = looked.avgdl;
  const terms = looked.terms.filter((t) => t.df > 0).slice(0, MAX_TERMS);
  if (terms.length === 0) return [];
  let essential = 0;
  let volume = 0;
  while (essential < terms.length && (essential === 0 || volume + terms[essential]!.df <= candidateBudget)) {
    volume += terms[essential]!.df;
    essential += 1;
  }
  const factor = (lexeme: string) => termWeights?.get(lexeme) ?? 1;
  const pairs = proximity > 0 ? proximityPairs(terms.filter((t) => factor(t.lexeme) >= 1)) : [];
  const weights = terms.map((t) => t.qtf * t.idf * factor(t.lexeme));
  // Effective term frequency (title/breadcrumb occurrences, weight 'A', count contextBoost times)
  // straight from the stored tsvector: ts_rank_cd of a one-lexeme query is the sum of its
  // positions' weights, so with weights {1,1,1,boost} scaled into (0, 1] it is exactly that count.
  // One C call per term and row, no unnest and no per-row subquery.
  const scale = Math.max(1, contextBoost);
  const rankWeights = floatArray([1 / scale, 1 / scale, 1 / scale, Math.max(contextBoost, 0) / scale]);
  const dfOf = new Map(terms.map((t) => [t.lexeme, t.df]));
  const volumeOf = (lexemes: string[]) => lexemes.reduce((sum, l) => sum + (dfOf.get(l) ?? 0), 0);
  /**
   * Top `depth` of the chunks matching `match`, scoring only the terms at `columns` (and the
   * pairs among them): the caller guarantees every other term is absent from those chunks
   * (`exclude` holds the lexemes of the earlier pass, whose chunks that pass already scored).
   */
  const score = async ({ match, volume, columns, exclude, last = false, guardInline = false }: { match: SQL; volume: number; columns: number[]; exclude?: string; last?: boolean; guardInline?: boolean }): Promise<LegHit[]> => {
    const filter = typeof where === "function" ? where({ volume }) : where;
    const held = new Set(columns.map((i) => terms[i]!.lexeme));
    const passPairs = pairs.filter((p) => held.has(p.lexemes[0]) && held.has(p.lexemes[1]));
    const tfColumns = sql.join(
      columns.map((i) => sql`ts_rank_cd(${rankWeights}::float4[], v.tsv, ${quoteLexeme(terms[i]!.lexeme)}::tsquery)::float8 * ${scale}::float8 as ${sql.raw(`t${i}`)}`),
      sql`, `,
    );
    const bm25 = sql.join(
      columns.map((i) => sql`${weights[i]!}::float8 * r.${sql.raw(`t${i}`)} * ${k1 + 1}::float8 / (r.${sql.raw(`t${i}`)} + r.kd)`),
      sql` + `,
    );
    const pairBonus =
      passPairs.length === 0 ? sql`0` : sql.join(passPairs.map((p) => sql`(case when v.tsv @@ ${p.query}::tsquery then ${proximity * p.weight}::float8 else 0 end)`), sql` + `);
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
        limit ${last && steer ? sql`(select ${depth}::int from (select set_config('enable_seqscan', ${seqscanWas}, true)) as s)` : sql`${depth}`}
      ) c
      order by c.score desc, c.id`);
    // The document guard is a lookup per row, so it is checked on the top rows only. If one fails
    // (a document mid re-ingest), the top `depth` of the guarded set may lie deeper: score again
    // with the guard inline, which is exact.
    if (!guardInline && r.rows.some((row) => !row.ok)) return score({ match, volume, columns, exclude, guardInline: true });
    if (last) restored = true;
    return r.rows.map((row) => ({ chunkId: row.id, score: Number(row.score) }));
  };
  const all = terms.map((_, i) => i);
  const firstTerms = terms.slice(0, essential).map((t) => t.lexeme);
  const firstQuery = firstTerms.map(quoteLexeme).join(" | ");
  // GIN answers an OR of plain lexemes exactly (no recheck), so only matching rows are read; the
  // planner's GIN cost model prices a many-term OR above a sequential scan, which then reads
  // every row's out-of-line tsvector (6x slower on SciFact). Off for these statements only.
  // Restored by the last pass itself (its LIMIT runs the set_config once the statement is
  // planned), so the switch costs one round trip, not two; and only queries with more terms
  // than a short keyword query pay it (with a few terms the GIN scan is priced right).
  const steer = terms.length > STEER_TERMS;
  const seqscan = steer ? await tx.execute<{ was: string }>(sql`select current_setting('enable_seqscan') as was, set_config('enable_seqscan', 'off', true)`) : null;
  const seqscanWas = seqscan?.rows[0]?.was === "off" ? "off" : "on";
  let restored = !steer;
  const passes = async (): Promise<LegHit[]> => {
    const first = await score({ match: sql`c.tsv @@ ${firstQuery}::tsquery`, volume: volumeOf(firstTerms), columns: all, last: essential === terms.length });
    if (essential === terms.length) return first;
    // Every chunk not scored yet holds none of the essential terms, only some set S of the pruned
    // ones, so its score is at most the sum of their bounds plus the phrase pairs inside S. It can
    // reach the top `depth` only if that bound reaches the depth-th score found so far, so the
    // second pass needs only chunks holding all terms of such an S: an OR of ANDs that GIN
    // answers from posting lists, without reading the chunks that hold one common word.
    // (The slack covers ts_rank_cd's float4 arithmetic.)
    const last = first[first.length - 1]?.score ?? 0;
    const threshold = first.length >= depth ? last - 1e-6 * Math.max(1, Math.abs(last)) : -Infinity;
    const rest = terms.slice(essential).map((t, i) => ({ term: t, ...termBounds({ term: t, weight: weights[essential + i]!, k1, b, avgdl, contextBoost }) }));
    const clauses = candidateClauses({ rest, pairs, proximity, threshold });
    if (clauses.length === 0) return first;
    const and = (lexemes: string[]) => (lexemes.length === 1 ? quoteLexeme(lexemes[0]!) : `(${lexemes.map(quoteLexeme).join(" & ")})`);
    const anyClauses = clauses.filter((c) => c.high.length === 0);
    // A clause with a high literal is matched on those literals alone through the small tsv_high
    // index: a wider candidate set than the clause (still exact), at a fraction of the postings.
    const highClauses = clauses.filter((c) => c.high.length > 0);
    const arms: SQL[] = [];
    if (anyClauses.length > 0) arms.push(sql`c.tsv @@ ${anyClauses.map((c) => and(c.any)).join(" | ")}::tsquery`);
    if (highClauses.length > 0) arms.push(sql`c.tsv_high @@ ${highClauses.map((c) => and(c.high)).join(" | ")}::tsquery`);
    const secondVolume = volumeOf([...new Set(anyClauses.flatMap((c) => c.any))]) + volumeOf([...new Set(highClauses.flatMap((c) => c.high))]) / 8;
    // The first pass scored every chunk holding one of its terms, so the second skips those and,
    // holding none of them, scores only the pruned terms: fewer calls per row on long queries.
    const second = await score({
      match: arms.length === 1 ? arms[0]! : sql`(${sql.join(arms, sql` or `)})`,
      volume: secondVolume,
      columns: all.slice(essential),
      exclude: firstQuery,
      last: true,
    });
    // Each pass returns its own top `depth` (score desc, id asc) over disjoint chunks, so the merged top `depth` is exact.
    const merged = new Map<string, LegHit>();
    for (const h of [...first, ...second]) merged.set(h.chunkId, h);
    return [...merged.values()].sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1)).slice(0, depth);
  };
  const hits = await passes();
  // Restored for the rest of the transaction (the vector leg's exact path needs its scan) when
  // no pass did (no second pass was needed). A failed statement aborts the transaction, and the
  // setting with it.
  if (!restored) await tx.execute(sql`select set_config('enable_seqscan', ${seqscanWas}, true)`);
  return hits;
}

/**
 * The most one term can add to a chunk's BM25 score. The term-frequency factor grows with tf and
 * shrinks with length, so the corpus-wide max occurrences (title ones counted contextBoost times)
 * in the shortest chunk holding the term bounds it (`high`). A chunk outside the term's high
 * postings holds it exactly once in the body (tf 1), a much lower cap (`low`). Without stored
 * bounds both are weight × (k1 + 1).
 */
export function termBounds({ term, weight, k1, b, avgdl, contextBoost }: { term: Term; weight: number; k1: number; b: number; avgdl: number; contextBoost: number }): { low: number; high: number } {
  if (term.maxTf <= 0) return { low: weight * (k1 + 1), high: weight * (k1 + 1) };
  const norm = k1 * (1 - b + (b * Math.max(term.minLength, 0)) / avgdl);
  const factor = (tf: number) => (tf * (k1 + 1)) / (tf + norm);
  const high = weight * factor(Math.max(term.maxTf + Math.max(contextBoost - 1, 0) * term.maxTitleTf, 1));
  return { low: Math.min(weight * factor(1), high), high };
}

const MAX_CLAUSES = 64;
const MAX_CLAUSE_TERMS = 4;

/** Chunks holding every `any` lexeme, with every `high` lexeme among their high postings. */
export type Clause = { any: string[]; high: string[] };

/**
 * Minimal conjunctions of pruned terms, each taken as "present" (low bound) or "a high posting"
 * (high bound), whose summed bounds plus the phrase pairs inside reach the threshold. Every
 * chunk that could reach the threshold satisfies one of them. When there are too many, falls
 * back to every term alone: still exact, just wider.
 */
export function candidateClauses({ rest, pairs, proximity, threshold }: { rest: { term: Term; low: number; high: number }[]; pairs: Pair[]; proximity: number; threshold: number }): Clause[] {
  const all = rest.map((r) => ({ any: [r.term.lexeme], high: [] }));
  if (!Number.isFinite(threshold)) return all;
  const items = [...rest].sort((x, y) => y.high - x.high);
  const pairGain = (set: string[], lexeme: string) =>
    pairs.filter((p) => (p.lexemes[0] === lexeme && set.includes(p.lexemes[1])) || (p.lexemes[1] === lexeme && set.includes(p.lexemes[0]))).reduce((sum, p) => sum + proximity * p.weight, 0);
  // What any chunk could still add on top of a partial set: every later term and every pair.
  const allPairs = pairs.reduce((sum, p) => sum + proximity * p.weight, 0);
  const suffix = [...items.map((_, i) => items.slice(i).reduce((sum, r) => sum + r.high, 0)), 0];
  const clauses: Clause[] = [];
  let overflow = false;
  const grow = (start: number, clause: Clause, sum: number) => {
    for (let i = start; i < items.length && !overflow; i++) {
      if (sum + suffix[i]! + allPairs < threshold) return;
      const lexeme = items[i]!.term.lexeme;
      const gain = pairGain([...clause.any, ...clause.high], lexeme);
      const size = clause.any.length + clause.high.length + 1;
      // "Present" first; when that already reaches the threshold, the high variant is redundant.
      const withAny = { any: [...clause.any, lexeme], high: clause.high };
      const low = sum + items[i]!.low + gain;
      if (low >= threshold) {
        clauses.push(withAny);
      } else {
        if (size < MAX_CLAUSE_TERMS) grow(i + 1, withAny, low);
        else if (low + suffix[i + 1]! + allPairs >= threshold) overflow = true;
        const withHigh = { any: clause.any, high: [...clause.high, lexeme] };
        const high = sum + items[i]!.high + gain;
        if (high >= threshold) clauses.push(withHigh);
        else if (size < MAX_CLAUSE_TERMS) grow(i + 1, withHigh, high);
        else if (high + suffix[i + 1]! + allPairs >= threshold) overflow = true;
      }
      if (clauses.length > MAX_CLAUSES) overflow = true;
    }
  };
  grow(0, { any: [], high: [] }, 0);
  if (!overflow) return clauses;
  // Too many combinations (long queries): MaxScore instead. The terms with the smallest bounds
  // are pruned while all of them together, with every phrase pair among them, stay below the
  // threshold; a chunk holding only pruned terms cannot reach it, so every candidate holds one
  // of the others. Wider than the clauses, still exact, and never wider than every term alone.
  const pruned: string[] = [];
  let sum = 0;
  for (const r of [...rest].sort((x, y) => x.high - y.high || (x.term.lexeme < y.term.lexeme ? -1 : 1))) {
    const set = [...pruned, r.term.lexeme];
    const pairSum = pairs.filter((p) => set.includes(p.lexemes[0]) && set.includes(p.lexemes[1])).reduce((s, p) => s + proximity * p.weight, 0);
    if (sum + r.high + pairSum >= threshold) break;
    sum += r.high;
    pruned.push(r.term.lexeme);
  }
  return all.filter((c) => !pruned.includes(c.any[0]!));
}
