import type { Hydrated } from "./hydrate-results";
import type { QueryPlan } from "./plan-query";
import type { Ordered } from "./rerank-results";
import type { VectorPath } from "./run-vector-leg";
import { readWordStats } from "./sql-fragments";
import type { SearchResponse, SearchResult } from "./types";

/** What a search returns when there is nothing to search for. */
export function emptyResponse({
  queryText,
  timings,
  warnings,
}: {
  queryText: string;
  timings: Record<string, number>;
  warnings: string[];
}): SearchResponse {
  return {
    results: [],
    timings,
    embeddingModel: null,
    facets: { sources: [], types: [] },
    warnings,
    vectorPath: null,
    queryTerms: [],
    chunkCount: 0,
    documentChunks: {},
    wordStats: new Map(),
    corrections: [],
    expansions: [],
    searchedQuery: queryText,
  };
}

/** The page (hydrated rows in final order, up to `limit`) and what the plan and legs report; term statistics only when asked. */
export function shapeResponse({
  ordered,
  rows,
  limit,
  plan,
  model,
  vectorPath,
  facets,
  termStats,
  timings,
  warnings,
}: {
  ordered: Ordered[];
  rows: Map<string, Hydrated>;
  limit: number;
  plan: QueryPlan;
  model: string | null;
  vectorPath: VectorPath | null;
  facets: SearchResponse["facets"];
  termStats: boolean;
  timings: Record<string, number>;
  warnings: string[];
}): SearchResponse {
  const results: SearchResult[] = [];
  const documentChunks: Record<string, number> = {};
  for (const item of ordered) {
    const hydrated = rows.get(item.fused.chunkId);
    if (!hydrated) continue;
    const { documentChunks: n, ...row } = hydrated;
    if (termStats && n !== null) documentChunks[row.documentId] = n;
    results.push({
      ...row,
      score: item.score,
      ranks: { lexical: item.fused.lexicalRank, vector: item.fused.vectorRank, rerank: item.rerank },
    });
    if (results.length >= limit) break;
  }
  return {
    results,
    timings,
    embeddingModel: model,
    facets,
    warnings,
    vectorPath,
    queryTerms: termStats ? plan.stats.terms.map((q) => ({ lexeme: q.lexeme, df: q.df, idf: q.idf })) : [],
    chunkCount: termStats ? plan.stats.chunkCount : 0,
    documentChunks,
    wordStats: readWordStats(plan.stats.extra.words),
    corrections: plan.corrections,
    expansions: plan.expansions,
    searchedQuery: plan.lexicalText,
  };
}
