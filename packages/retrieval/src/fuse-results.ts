import type { LegHit } from "./run-lexical-leg";
import type { FusionMethod } from "./types";

export type Fused = { chunkId: string; score: number; lexicalRank: number | null; vectorRank: number | null };

/**
 * Combines the legs' ranked lists. Weighted RRF uses only ranks; score fusion min-max
 * normalises each leg's scores to [0, 1] first, which keeps a strong BM25 margin intact where
 * rank-only fusion would let a weak leg pull noise up (see ARCHITECTURE.md's table).
 */
export function fuseResults({
  lexical,
  vector,
  method,
  weights,
  rrfK,
}: {
  lexical: LegHit[];
  vector: LegHit[];
  method: FusionMethod;
  weights: { lexical: number; vector: number };
  rrfK: number;
}): Fused[] {
  const byId = new Map<string, Fused>();
  const entry = (id: string) => {
    let f = byId.get(id);
    if (!f) {
      f = { chunkId: id, score: 0, lexicalRank: null, vectorRank: null };
      byId.set(id, f);
    }
    return f;
  };
  const apply = (hits: LegHit[], weight: number, leg: "lexicalRank" | "vectorRank") => {
    if (hits.length === 0) return;
    let max = -Infinity;
    let min = Infinity;
    for (const h of hits) {
      max = Math.max(max, h.score);
      min = Math.min(min, h.score);
    }
    const span = max - min;
    hits.forEach((h, i) => {
      const f = entry(h.chunkId);
      f[leg] = i + 1;
      // A single hit (or all equal) normalises to 1: it is the best this leg has.
      const contribution = method === "rrf" ? 1 / (rrfK + i + 1) : span > 0 ? (h.score - min) / span : 1;
      f.score += weight * contribution;
    });
  };
  apply(lexical, weights.lexical, "lexicalRank");
  apply(vector, weights.vector, "vectorRank");
  return [...byId.values()].sort(
    (a, b) =>
      b.score - a.score ||
      (a.lexicalRank ?? Infinity) - (b.lexicalRank ?? Infinity) ||
      (a.vectorRank ?? Infinity) - (b.vectorRank ?? Infinity) ||
      (a.chunkId < b.chunkId ? -1 : 1),
  );
}
