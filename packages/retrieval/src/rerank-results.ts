import { readModelsEnv } from "@groundwork/models/env";
import { rerankerFromEnv, type Reranker } from "@groundwork/models/rerank";
import type { Fused } from "./fuse-results";
import type { Hydrated } from "./hydrate-results";

export type Ordered = { fused: Fused; rerank: number | null; score: number };

/** The RERANK_URL reranker when configured; none when the env is unusable. */
export function defaultReranker(): Reranker | null {
  try {
    return rerankerFromEnv(readModelsEnv());
  } catch {
    return null;
  }
}

/** The fused page in the reranker's order; on failure the fused order with a warning. */
export async function rerankResults({
  reranker,
  query,
  top,
  rows,
  warnings,
}: {
  reranker: Reranker;
  query: string;
  top: Fused[];
  rows: Map<string, Hydrated>;
  warnings: string[];
}): Promise<Ordered[]> {
  const ordered: Ordered[] = top.map((f) => ({ fused: f, rerank: null, score: f.score }));
  try {
    const docs = ordered.map(({ fused }) => {
      const row = rows.get(fused.chunkId);
      return row ? `${row.title}\n${row.text}` : "";
    });
    const scores = await reranker.rerank({ query, documents: docs });
    const seen = new Set<number>();
    const reranked: Ordered[] = [];
    for (const s of scores) {
      const item = ordered[s.index];
      if (!item || seen.has(s.index)) continue;
      seen.add(s.index);
      reranked.push({ ...item, rerank: reranked.length + 1, score: s.score });
    }
    // Anything the reranker left out keeps its fused order after the reranked ones.
    ordered.forEach((item, i) => {
      if (!seen.has(i)) reranked.push(item);
    });
    return reranked;
  } catch (error) {
    warnings.push(`reranker unavailable, kept fused order: ${(error as Error).message}`);
    return ordered;
  }
}
