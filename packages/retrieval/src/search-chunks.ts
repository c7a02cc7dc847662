import { GroundworkError } from "@groundwork/core/errors";
import { databaseMode } from "@groundwork/db/client";
import { scopeOf, withReaderScope, type ReaderTx } from "@groundwork/access/reader-scope";
import { cleanQuery } from "./clean-query";
import { countFacets } from "./count-facets";
import { alignQueryVector, defaultEmbedder, embedQuery } from "./embed-query";
import { fuseResults } from "./fuse-results";
import { hydrateResults } from "./hydrate-results";
import { planQuery } from "./plan-query";
import { defaultReranker, rerankResults } from "./rerank-results";
import { resolveSearchOptions } from "./resolve-search-options";
import { lexicalWhere, runLexicalLeg, type LegHit } from "./run-lexical-leg";
import { probeVisibility, runVectorLeg, type Visibility } from "./run-vector-leg";
import { emptyResponse, shapeResponse } from "./shape-response";
import { chunkFilters, documentGuard } from "./sql-fragments";
import type { SearchRequest, SearchResponse } from "./types";

/** Runs one stage and records its wall time under `key` (stages that can degrade catch their own errors). */
async function timed<T>({
  timings,
  key,
  run,
}: {
  timings: Record<string, number>;
  key: string;
  run: () => Promise<T>;
}): Promise<T> {
  const t = performance.now();
  const value = await run();
  timings[key] = performance.now() - t;
  return value;
}

/**
 * Permission-filtered hybrid search: clean → plan (term statistics, visibility, correction) →
 * lexical leg ∥ vector leg → fuse → hydrate (+ facets) → rerank → shape. Everything runs in
 * withReaderScope transactions (RLS role + principals), and every leg also carries the ACL
 * predicate itself. Stage-to-file table: this package's README.
 */
export async function searchChunks(request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { db, principal, filters } = request;
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const queryText = cleanQuery(request.query);
  if (!principal?.principals) throw new GroundworkError("unauthorized", "Sign in to continue.");
  if (queryText === "") return emptyResponse({ queryText, timings, warnings });
  const scope = scopeOf(principal);
  const embedder = request.embedder ?? defaultEmbedder();
  const reranker = request.reranker === undefined ? defaultReranker() : request.reranker;
  const { opts, legs, limit, rerankDepth, depth } = resolveSearchOptions({ request, reranked: Boolean(reranker) });
  const queryVector = legs.vector
    ? await timed({ timings, key: "embed_ms", run: () => embedQuery({ embedder, queryText, warnings }) })
    : null;
  const guard = documentGuard(scope, filters);

  const lexicalPart = async (tx: ReaderTx) => {
    const plan = await timed({
      timings,
      key: "terms_ms",
      run: () =>
        planQuery({
          tx,
          scope,
          queryText,
          preferredModel: embedder.modelId,
          wordStats: request.options?.wordStats ?? [],
          correct: opts.correct,
          expand: opts.expand,
        }),
    });
    const where = lexicalWhere({ scope, filters, visibility: plan.visibility, exactThreshold: opts.exactThreshold });
    const { k1, b, contextBoost, proximity } = opts;
    const run = () =>
      runLexicalLeg({
        tx,
        scope,
        queryText: plan.lexicalText,
        where,
        guard,
        depth,
        k1,
        b,
        contextBoost,
        proximity,
        queryTerms: plan.stats,
        termWeights: plan.termWeights,
      });
    const lexical: LegHit[] = legs.lexical ? await timed({ timings, key: "lexical_ms", run }) : [];
    return { plan, lexical };
  };
  const vectorPart = async (tx: ReaderTx, visibility: Visibility) => {
    const run = async () => {
      const aligned = await alignQueryVector({
        tx,
        scope,
        embedder,
        queryText,
        queryVector,
        visibility,
        idfQueryWeights: opts.idfQueryWeights,
        warnings,
      });
      const where = chunkFilters(scope, filters, { documentGuard: false });
      const leg =
        aligned.model && aligned.vector
          ? await runVectorLeg({
              tx,
              vector: aligned.vector,
              model: aligned.model,
              where,
              guard,
              depth,
              exactThreshold: opts.exactThreshold,
              visibility: aligned.visibility,
            })
          : null;
      return { vector: leg?.hits ?? [], vectorPath: leg?.path ?? null, model: aligned.model };
    };
    return timed({ timings, key: "vector_ms", run });
  };
  const finishPart = async (tx: ReaderTx, lexical: LegHit[], vector: LegHit[], lexicalText: string) => {
    const fused = fuseResults({ lexical, vector, method: opts.fusion, weights: opts.weights, rrfK: opts.rrfK });
    const top = fused.slice(0, rerankDepth);
    const rows = await timed({
      timings,
      key: "hydrate_ms",
      run: () =>
        hydrateResults({ tx, scope, ids: top.map((f) => f.chunkId), queryText: lexicalText, snippets: !opts.idsOnly }),
    });
    const facets = opts.facets
      ? await timed({
          timings,
          key: "facets_ms",
          run: () => countFacets({ tx, scope, ids: fused.map((f) => f.chunkId) }),
        })
      : { sources: [], types: [] };
    return { top, rows, facets };
  };

  const noVector = { vector: [] as LegHit[], vectorPath: null, model: null };
  let inner: Awaited<ReturnType<typeof lexicalPart>> &
    Awaited<ReturnType<typeof vectorPart>> &
    Awaited<ReturnType<typeof finishPart>>;
  if ((opts.parallelLegs ?? databaseMode(db) === "server") && queryVector && legs.lexical) {
    // Two transactions, each holding its connection only for its own statements (a transaction
    // that waited for the other while holding one could starve a small pool).
    const [lex, vec] = await Promise.all([
      withReaderScope({ db, scope, fn: lexicalPart }),
      withReaderScope({
        db,
        scope,
        fn: async (tx) => vectorPart(tx, await probeVisibility({ tx, preferred: embedder.modelId, scope })),
      }),
    ]);
    const done = await withReaderScope({
      db,
      scope,
      fn: (tx) => finishPart(tx, lex.lexical, vec.vector, lex.plan.lexicalText),
    });
    inner = { ...lex, ...vec, ...done };
  } else {
    const fn = async (tx: ReaderTx) => {
      const lex = await lexicalPart(tx);
      const vec = queryVector ? await vectorPart(tx, lex.plan.visibility) : noVector;
      return { ...lex, ...vec, ...(await finishPart(tx, lex.lexical, vec.vector, lex.plan.lexicalText)) };
    };
    inner = await withReaderScope({ db, scope, fn });
  }

  const fusedOrder = inner.top.map((f) => ({ fused: f, rerank: null, score: f.score }));
  const ordered =
    reranker && fusedOrder.length > 1
      ? await timed({
          timings,
          key: "rerank_ms",
          run: () => rerankResults({ reranker, query: queryText, top: inner.top, rows: inner.rows, warnings }),
        })
      : fusedOrder;
  timings.total_ms = performance.now() - started;
  return shapeResponse({
    ordered,
    rows: inner.rows,
    limit,
    plan: inner.plan,
    model: inner.model,
    vectorPath: inner.vectorPath,
    facets: inner.facets,
    termStats: opts.termStats,
    timings,
    warnings,
  });
}
