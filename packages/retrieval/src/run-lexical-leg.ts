import { sql, type SQL } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { quoteLexeme } from "./build-tsquery";
import { lookupQueryTerms, type QueryTerms } from "./lookup-query-terms";
import {
  CANDIDATE_BUDGET,
  candidateClauses,
  essentialTermCount,
  proximityPairs,
  secondPassMatch,
  termBounds,
} from "./prune-lexical-terms";
import type { Visibility } from "./run-vector-leg";
import { scoreLexicalPass, type LexicalPass, type LexicalQuery } from "./score-lexical-pass";
import { chunkFilters } from "./sql-fragments";
import type { SearchFilters } from "./types";

export type LegHit = { chunkId: string; score: number };

/** Query terms beyond this many (rarest first) add cost but almost no ranking signal. */
const MAX_TERMS = 64;
/** Visible chunks per skipped invisible posting at which the acl index stops paying off in the lexical leg. */
const ACL_INDEX_RATIO = 20;
/** Above this many terms the passes steer the planner to the GIN index (see runLexicalLeg). */
const STEER_TERMS = 4;

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
  const essential = essentialTermCount({ terms, candidateBudget });
  const factor = (lexeme: string) => termWeights?.get(lexeme) ?? 1;
  const pairs = proximity > 0 ? proximityPairs({ terms: terms.filter((t) => factor(t.lexeme) >= 1) }) : [];
  const weights = terms.map((t) => t.qtf * t.idf * factor(t.lexeme));
  const dfOf = new Map(terms.map((t) => [t.lexeme, t.df]));
  const volumeOf = (lexemes: string[]) => lexemes.reduce((sum, l) => sum + (dfOf.get(l) ?? 0), 0);
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
  const seqscan = steer
    ? await tx.execute<{ was: string }>(
        sql`select current_setting('enable_seqscan') as was, set_config('enable_seqscan', 'off', true)`,
      )
    : null;
  const planner = {
    steer,
    seqscanWas: seqscan?.rows[0]?.was === "off" ? ("off" as const) : ("on" as const),
    restored: !steer,
  };
  const query: LexicalQuery = {
    tx,
    terms,
    weights,
    pairs,
    k1,
    b,
    avgdl,
    contextBoost,
    proximity,
    depth,
    where,
    guard,
    planner,
  };
  const score = (pass: LexicalPass) => scoreLexicalPass({ query, pass });
  const passes = async (): Promise<LegHit[]> => {
    const first = await score({
      match: sql`c.tsv @@ ${firstQuery}::tsquery`,
      volume: volumeOf(firstTerms),
      columns: all,
      last: essential === terms.length,
    });
    if (essential === terms.length) return first;
    // Every chunk not scored yet holds none of the essential terms, only some set S of the pruned
    // ones, so its score is at most the sum of their bounds plus the phrase pairs inside S. It can
    // reach the top `depth` only if that bound reaches the depth-th score found so far, so the
    // second pass needs only chunks holding all terms of such an S: an OR of ANDs that GIN
    // answers from posting lists, without reading the chunks that hold one common word.
    // (The slack covers ts_rank_cd's float4 arithmetic.)
    const last = first[first.length - 1]?.score ?? 0;
    const threshold = first.length >= depth ? last - 1e-6 * Math.max(1, Math.abs(last)) : -Infinity;
    const rest = terms.slice(essential).map((t, i) => ({
      term: t,
      ...termBounds({ term: t, weight: weights[essential + i]!, k1, b, avgdl, contextBoost }),
    }));
    const clauses = candidateClauses({ rest, pairs, proximity, threshold });
    if (clauses.length === 0) return first;
    const { match, volume: secondVolume } = secondPassMatch({ clauses, volumeOf });
    // The first pass scored every chunk holding one of its terms, so the second skips those and,
    // holding none of them, scores only the pruned terms: fewer calls per row on long queries.
    const second = await score({
      match,
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
  if (!planner.restored) await tx.execute(sql`select set_config('enable_seqscan', ${planner.seqscanWas}, true)`);
  return hits;
}

/**
 * The leg's chunk predicate, its ACL form picked per pass. Combining the acl index costs about a
 * tenth of a microsecond per visible chunk; it saves a row fetch (a few microseconds) per
 * invisible posting (see chunkAcl).
 */
export function lexicalWhere({
  scope,
  filters,
  visibility,
  exactThreshold,
}: {
  scope: ReaderScope;
  filters?: SearchFilters;
  visibility: Visibility;
  exactThreshold: number;
}): (pass: { volume: number }) => SQL {
  const share = visibility.total > 0 ? Math.min(visibility.upper / visibility.total, 1) : 1;
  return ({ volume }) =>
    chunkFilters(scope, filters, {
      documentGuard: false,
      aclIndexable: visibility.upper <= Math.max(exactThreshold, ACL_INDEX_RATIO * volume * (1 - share)),
    });
}
