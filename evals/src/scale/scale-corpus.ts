import type { Embedder } from "@groundwork/models/embeddings";
import { makeVocabulary, mulberry32 } from "../retrieval/bench-corpus";

/**
 * The synthetic corpus of bench:scale, generated in batches so a million chunks never sit in
 * memory at once. Text is bench:retrieval's (Zipf over 8,000 pseudo-words, 40–80 words a chunk,
 * 10 chunks a document, ACLs that let a caller see 50 %, 10 % or 1 % of the documents).
 *
 * Vectors have bench:retrieval's clustered geometry (a unit-variance centre among 256 plus 0.9 ×
 * Gaussian noise, normalised), but they are composed in Postgres from small tables instead of
 * being shipped as text: each chunk is `l2_normalize(centre[c] + noise[a] + noise[b])` over a
 * pool of 4,096 noise vectors of 0.9/√2 × N(0, 1) each, so the sum has the same 0.9 × N(0, 1)
 * spread, and 256 × 4,096² combinations keep a million vectors distinct. Shipping a million
 * 384-d vectors as text is ~3.8 GB to parse; this is three integers a chunk.
 */
export const SCALE_GENERATOR_VERSION = 1;
export const CHUNKS_PER_DOC = 10;
export const CENTRES = 256;
export const NOISE_POOL = 4096;

const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

export type ScaleBatch = {
  /** Document numbers of this batch and each document's ACL joined by commas. */
  docs: number[];
  docAcl: string[];
  /** Chunk numbers (document = k / 10, ordinal = k % 10), texts and their vector recipe. */
  keys: number[];
  texts: string[];
  centre: number[];
  noiseA: number[];
  noiseB: number[];
};

/** Deterministic space of the corpus: vocabulary, centres, noise pool, queries. */
export function scaleSpace({ dimensions, seed = 11 }: { dimensions: number; seed?: number }) {
  const rand = mulberry32(seed);
  const vocab = makeVocabulary(rand);
  const cdf: number[] = [];
  let total = 0;
  for (let i = 0; i < vocab.length; i++) cdf.push((total += 1 / (i + 1)));
  const vrand = mulberry32(seed + 100);
  const centres = Array.from({ length: CENTRES }, () => Array.from({ length: dimensions }, () => gauss(vrand)));
  const spread = 0.9 / Math.SQRT2;
  const noise = Array.from({ length: NOISE_POOL }, () =>
    Array.from({ length: dimensions }, () => spread * gauss(vrand)),
  );
  const qrand = mulberry32(seed + 200);
  const queries = Array.from({ length: 400 }, () =>
    Array.from({ length: 2 + Math.floor(qrand() * 3) }, () => vocab[20 + Math.floor(qrand() * 2000)]!).join(" "),
  );

  /** Batches covering chunks [0, n): the same chunks for every n (a 100k corpus is the first 100k of the 1M one). */
  function* batches({ n, docsPerBatch = 200 }: { n: number; docsPerBatch?: number }): Generator<ScaleBatch> {
    const trand = mulberry32(seed + 300);
    const arand = mulberry32(seed + 400);
    const pick = () => {
      const x = trand() * total;
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return vocab[lo]!;
    };
    const docCount = Math.ceil(n / CHUNKS_PER_DOC);
    for (let d0 = 0; d0 < docCount; d0 += docsPerBatch) {
      const b: ScaleBatch = { docs: [], docAcl: [], keys: [], texts: [], centre: [], noiseA: [], noiseB: [] };
      for (let d = d0; d < Math.min(docCount, d0 + docsPerBatch); d++) {
        const u = arand();
        const acl = ["group:nobody"];
        if (u < 0.5) acl.push("group:s50");
        if (u < 0.1) acl.push("group:s10");
        if (u < 0.01) acl.push("group:s1");
        b.docs.push(d);
        b.docAcl.push(acl.join(","));
        for (let j = 0; j < CHUNKS_PER_DOC; j++) {
          const k = d * CHUNKS_PER_DOC + j;
          if (k >= n) break;
          const words = 40 + Math.floor(trand() * 40);
          const parts: string[] = [];
          for (let w = 0; w < words; w++) parts.push(pick());
          b.keys.push(k);
          b.texts.push(parts.join(" "));
          b.centre.push(Math.floor(trand() * CENTRES));
          b.noiseA.push(Math.floor(trand() * NOISE_POOL));
          b.noiseB.push(Math.floor(trand() * NOISE_POOL));
        }
      }
      yield b;
    }
  }

  /** Query vectors from the same geometry: a centre chosen by the text's hash plus fresh noise. */
  function embedder(modelId: string): Embedder {
    const embed = (text: string) => {
      let h = 2166136261;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
      const r = mulberry32(h >>> 0);
      const c = centres[Math.floor(r() * centres.length)]!;
      const v = c.map((x) => x + 0.9 * gauss(r));
      const l = Math.hypot(...v) || 1;
      return v.map((x) => x / l);
    };
    return {
      modelId,
      dimensions,
      embedDocuments: async (texts) => texts.map(embed),
      embedQuery: async (text) => embed(text),
    };
  }

  return { centres, noise, queries, batches, embedder };
}
