import type { ReaderTx } from "@groundwork/access/reader-scope";
import type { SearchContext } from "./build-search-context";
import { alignQueryVector } from "./embed-query";
import type { LegHit } from "./run-lexical-leg";
import { runVectorLeg, type VectorPath, type Visibility } from "./run-vector-leg";
import { chunkFilters } from "./sql-fragments";
import { timeStage } from "./time-stage";

export type VectorPart = { vector: LegHit[]; vectorPath: VectorPath | null; model: string | null };

/** Align the query vector with the stored model, then the vector leg; both timed together as `vector_ms`. */
export async function runVectorPart({
  ctx,
  tx,
  visibility,
}: {
  ctx: SearchContext;
  tx: ReaderTx;
  visibility: Visibility;
}): Promise<VectorPart> {
  const { scope, filters, opts, depth, guard, embedder, queryText, queryVector, timings, warnings } = ctx;
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
            exactGrowsWithCorpus: opts.exactGrowsWithCorpus,
            visibility: aligned.visibility,
            index: opts.vectorIndex,
            binaryOverfetch: opts.binaryOverfetch,
          })
        : null;
    return { vector: leg?.hits ?? [], vectorPath: leg?.path ?? null, model: aligned.model };
  };
  return timeStage({ timings, key: "vector_ms", run });
}
