import type { ReaderTx } from "@groundwork/access/reader-scope";
import type { SearchContext } from "./build-search-context";
import { countFacets } from "./count-facets";
import { fuseResults } from "./fuse-results";
import { hydrateResults } from "./hydrate-results";
import type { LegHit } from "./run-lexical-leg";
import { timeStage } from "./time-stage";

/**
 * Fuse both legs, hydrate the top `rerankDepth` (`hydrate_ms`), and count facets over every fused hit
 * when asked (`facets_ms`).
 */
export async function runFinishPart({
  ctx,
  tx,
  lexical,
  vector,
  lexicalText,
}: {
  ctx: SearchContext;
  tx: ReaderTx;
  lexical: LegHit[];
  vector: LegHit[];
  lexicalText: string;
}) {
  const { scope, opts, rerankDepth, timings } = ctx;
  const fused = fuseResults({ lexical, vector, method: opts.fusion, weights: opts.weights, rrfK: opts.rrfK });
  const top = fused.slice(0, rerankDepth);
  const rows = await timeStage({
    timings,
    key: "hydrate_ms",
    run: () =>
      hydrateResults({
        tx,
        scope,
        ids: top.map((f) => f.chunkId),
        queryText: lexicalText,
        snippets: !opts.idsOnly,
        documentChunks: Boolean(opts.termStats),
      }),
  });
  const facets = opts.facets
    ? await timeStage({
        timings,
        key: "facets_ms",
        run: () => countFacets({ tx, scope, ids: fused.map((f) => f.chunkId) }),
      })
    : { sources: [], types: [] };
  return { top, rows, facets };
}

export type FinishPart = Awaited<ReturnType<typeof runFinishPart>>;
