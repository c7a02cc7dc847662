import { VECTOR_STORAGE } from "@groundwork/core/vector-storage";
import { readRetrievalEnv } from "./env";
import { DEFAULT_BINARY_OVERFETCH } from "./run-vector-leg";
import type { SearchOptions, SearchRequest } from "./types";

/** Defaults measured on SciFact (pnpm eval:retrieval); see this package's README. */
export const defaultSearchOptions: Required<
  Omit<SearchOptions, "legs" | "idsOnly" | "facets" | "termStats" | "wordStats" | "parallelLegs">
> = {
  correct: true,
  // On by default: synonyms only (no hypernyms), chosen on the tuning halves, where it cut false
  // declines with no out-of-scope cost; it never fires on SciFact (packages/retrieval/README.md).
  // GROUNDWORK_QUERY_EXPANSION=off turns it off for a deployment (and for measuring it end to end).
  expand: readRetrievalEnv().GROUNDWORK_QUERY_EXPANSION === "on",
  fusion: "score",
  weights: { lexical: 0.85, vector: 0.15 },
  rrfK: 60,
  depth: 40,
  k1: 1.2,
  b: 0.75,
  contextBoost: 2,
  proximity: 0.3,
  idfQueryWeights: false,
  rerankDepth: 30,
  exactThreshold: 2_000,
  vectorIndex: VECTOR_STORAGE.index,
  binaryOverfetch: DEFAULT_BINARY_OVERFETCH,
};

export const MAX_LIMIT = 200;

/** The request's options over the defaults, the page size clamped, and how deep each leg and the reranker go. */
export function resolveSearchOptions({
  request,
  reranked,
}: {
  request: Pick<SearchRequest, "limit" | "options">;
  reranked: boolean;
}) {
  const opts = {
    ...defaultSearchOptions,
    facets: false,
    termStats: false,
    ...request.options,
    // The default threshold is a floor that grows with the corpus (exactCutoff); one the request
    // sets is taken as it is (evaluation, diagnostics and tests pin the path with it).
    exactGrowsWithCorpus: request.options?.exactThreshold === undefined,
  };
  const legs = { lexical: true, vector: true, ...request.options?.legs };
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? 10), 1), MAX_LIMIT);
  const rerankDepth = reranked ? Math.max(limit, opts.rerankDepth) : limit;
  // Fusion only needs a few times the page size from each leg; a smaller depth also lets the
  // lexical leg prune common terms more often.
  const depth = request.options?.depth ?? Math.max(40, 3 * rerankDepth);
  return { opts, legs, limit, rerankDepth, depth };
}

export type ResolvedOptions = ReturnType<typeof resolveSearchOptions>["opts"];
