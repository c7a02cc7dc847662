import { GroundworkError } from "@groundwork/core/errors";
import { buildSearchContext } from "./build-search-context";
import { cleanQuery } from "./clean-query";
import { rerankResults } from "./rerank-results";
import { runSearchTransactions } from "./run-search-transactions";
import { emptyResponse, shapeResponse } from "./shape-response";
import { timeStage } from "./time-stage";
import type { SearchRequest, SearchResponse } from "./types";

/**
 * Permission-filtered hybrid search: clean → context (scope, options, embed) → plan (term
 * statistics, visibility, correction) → lexical leg ∥ vector leg → fuse → hydrate (+ facets) →
 * rerank → shape. Everything runs in withReaderScope transactions (RLS role + principals), and
 * every leg also carries the ACL predicate itself. Stage-to-file table: this package's README.
 */
export async function searchChunks(request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const queryText = cleanQuery(request.query);
  if (!request.principal?.principals) throw new GroundworkError("unauthorized", "Sign in to continue.");
  if (queryText === "") return emptyResponse({ queryText, timings, warnings });
  const ctx = await buildSearchContext({ request, queryText, timings, warnings });
  const { top, rows, plan, model, vectorPath, facets } = await runSearchTransactions({ ctx });

  const { reranker, limit, opts } = ctx;
  const fusedOrder = top.map((f) => ({ fused: f, rerank: null, score: f.score }));
  const ordered =
    reranker && fusedOrder.length > 1
      ? await timeStage({
          timings,
          key: "rerank_ms",
          run: () => rerankResults({ reranker, query: queryText, top, rows, warnings }),
        })
      : fusedOrder;
  timings.total_ms = performance.now() - started;
  return shapeResponse({
    ordered,
    rows,
    limit,
    plan,
    model,
    vectorPath,
    facets,
    termStats: opts.termStats,
    timings,
    warnings,
  });
}
