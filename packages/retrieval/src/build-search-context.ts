import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";
import { scopeOf, type ReaderScope } from "@groundwork/access/reader-scope";
import type { SQL } from "drizzle-orm";
import { defaultEmbedder, embedQuery } from "./embed-query";
import { defaultReranker } from "./rerank-results";
import { resolveSearchOptions, type ResolvedOptions } from "./resolve-search-options";
import { documentGuard } from "./sql-fragments";
import { timeStage } from "./time-stage";
import type { SearchFilters, SearchRequest } from "./types";

type Resolved = ReturnType<typeof resolveSearchOptions>;

/** Everything the stages after "clean" share: the caller's scope, resolved options, the query vector. */
export type SearchContext = {
  db: Database;
  scope: ReaderScope;
  filters: SearchFilters | undefined;
  opts: ResolvedOptions;
  legs: Resolved["legs"];
  limit: number;
  rerankDepth: number;
  depth: number;
  guard: SQL;
  embedder: Embedder;
  reranker: Reranker | null;
  queryText: string;
  /** null: no vector leg (turned off, or the embedder gave a zero vector). */
  queryVector: number[] | null;
  wordStats: string[];
  timings: Record<string, number>;
  warnings: string[];
};

/** Scope, embedder, reranker, options, then the query embedding (timed as `embed_ms`) and the document guard. */
export async function buildSearchContext({
  request,
  queryText,
  timings,
  warnings,
}: {
  request: SearchRequest;
  queryText: string;
  timings: Record<string, number>;
  warnings: string[];
}): Promise<SearchContext> {
  const { db, principal, filters } = request;
  const scope = scopeOf(principal);
  const embedder = request.embedder ?? defaultEmbedder();
  const reranker = request.reranker === undefined ? defaultReranker() : request.reranker;
  const { opts, legs, limit, rerankDepth, depth } = resolveSearchOptions({ request, reranked: Boolean(reranker) });
  const queryVector = legs.vector
    ? await timeStage({ timings, key: "embed_ms", run: () => embedQuery({ embedder, queryText, warnings }) })
    : null;
  const guard = documentGuard(scope, filters);
  const wordStats = request.options?.wordStats ?? [];
  return {
    db,
    scope,
    filters,
    opts,
    legs,
    limit,
    rerankDepth,
    depth,
    guard,
    embedder,
    reranker,
    queryText,
    queryVector,
    wordStats,
    timings,
    warnings,
  };
}
