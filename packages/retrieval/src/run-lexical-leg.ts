import type { SQL } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { lookupQueryTerms, type QueryTerms } from "./lookup-query-terms";
import { proximityPairs } from "./proximity-pairs";
import { scoreLexicalQuery } from "./score-lexical-pass";
import { chunkFilters } from "./sql-fragments";
import type { SearchFilters } from "./types";

export type LegHit = { chunkId: string; score: number };

/** Query terms beyond this many (rarest first) add cost but almost no ranking signal; one bit each in a bigint. */
const MAX_TERMS = 63;

/**
 * BM25 over the chunks a caller may see, computed in SQL: document frequencies and corpus size
 * come from term_principal_stats/chunk_counts (only chunks the caller may read, kept by
 * triggers), term frequencies and lengths from the chunk_postings table (kept by triggers too).
 * Title/breadcrumb occurrences (weight 'A') count `contextBoost` times; nearby query-term pairs
 * found as phrases add a proximity bonus. One statement scores every posting of the query's
 * terms (see scoreLexicalQuery): its cost grows with the postings read, a narrow index-only
 * row each, not with query length × matching chunks × a tsvector detoast per term.
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
  queryTerms,
  guard,
  termWeights,
}: {
  tx: ReaderTx;
  /** Whose statistics rank and whose postings are read: df and N over the chunks this caller may read (see lookupQueryTerms). */
  scope: ReaderScope;
  queryText: string;
  /** Chunk-level predicate over `chunks c`, checked per candidate (by primary key) before the limit. */
  where: SQL;
  depth: number;
  k1: number;
  b: number;
  contextBoost: number;
  /** Weight of the term-proximity bonus: nearby query-term pairs found as phrases in the chunk. */
  proximity?: number;
  /** Result of lookupQueryTerms when the caller already has it (saves a round trip). */
  queryTerms?: QueryTerms;
  /** Row-by-row condition over `c.document_id` (the document guard), checked with `where`. */
  guard?: SQL;
  /**
   * Multipliers per lexeme (default 1): query expansion adds synonyms at a fraction of a typed
   * word's weight. A lexeme weighted below 1 forms no proximity pairs — its position in the
   * query text says nothing about where it would stand in a passage.
   */
  termWeights?: ReadonlyMap<string, number>;
}): Promise<LegHit[]> {
  const looked = queryTerms ?? (await lookupQueryTerms({ tx, scope, queryText }));
  const terms = looked.terms.filter((t) => t.df > 0).slice(0, MAX_TERMS);
  if (terms.length === 0) return [];
  const factor = (lexeme: string) => termWeights?.get(lexeme) ?? 1;
  const pairs = proximity > 0 ? proximityPairs({ terms: terms.filter((t) => factor(t.lexeme) >= 1) }) : [];
  const weights = terms.map((t) => t.qtf * t.idf * factor(t.lexeme));
  // Per-principal postings read Σ over the caller's principals of their chunks' postings; the
  // lexeme-keyed table reads every chunk's. When the sum is no larger (no admin, principals that
  // overlap little), the first reads no more rows, skips the ACL test on each and has a narrower
  // key. Decided from chunk counts per principal, so the choice (and its time) says nothing about words.
  const share = looked.postingsShare;
  const byPrincipal =
    !scope.isAdmin &&
    share !== undefined &&
    share.principalChunks !== null &&
    share.principalChunks <= share.corpusChunks;
  return scoreLexicalQuery({
    query: {
      tx,
      scope,
      terms,
      weights,
      pairs,
      k1,
      b,
      avgdl: looked.avgdl,
      contextBoost,
      proximity,
      depth,
      where,
      guard,
      byPrincipal,
    },
  });
}

/**
 * The leg's chunk predicate (ACL, source, type, tags). It is checked by primary key on the few
 * top candidates, so the ACL form that keeps the planner off the acl GIN index is the right one
 * (the postings were ACL-filtered already).
 */
export function lexicalWhere({ scope, filters }: { scope: ReaderScope; filters?: SearchFilters }): SQL {
  return chunkFilters(scope, filters, { documentGuard: false, aclIndexable: false });
}
