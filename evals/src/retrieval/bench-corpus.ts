import type { Embedder } from "@groundwork/models/embeddings";
import type { Principal } from "@groundwork/access/principal";
import { newId } from "@groundwork/core/ids";

/** Deterministic synthetic corpus and embedder for bench:retrieval (and ad-hoc query studies). */
export function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 8,000 distinct made-up words of 2–4 syllables, drawn from `rand` (the synthetic corpora's vocabulary). */
export function makeVocabulary(rand: () => number): string[] {
  const syl = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "qu", "fe", "do", "bi", "gu", "ha"];
  const vocab: string[] = [];
  const seen = new Set<string>();
  while (vocab.length < 8000) {
    const len = 2 + Math.floor(rand() * 3);
    let w = "";
    for (let i = 0; i < len; i++) w += syl[Math.floor(rand() * syl.length)];
    if (!seen.has(w)) {
      seen.add(w);
      vocab.push(w);
    }
  }
  return vocab;
}

export function makeCorpus(n: number, seed = 11) {
  const rand = mulberry32(seed);
  const vocab = makeVocabulary(rand);
  // Zipf(1.0) over the vocabulary: a few very common words, a long tail of rare ones.
  const cdf: number[] = [];
  let total = 0;
  for (let i = 0; i < vocab.length; i++) cdf.push((total += 1 / (i + 1)));
  const pick = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]!;
  };
  const texts: string[] = [];
  for (let i = 0; i < n; i++) texts.push(Array.from({ length: 40 + Math.floor(rand() * 40) }, pick).join(" "));
  // Queries: 2–4 words from the middle of the distribution, like real keyword queries.
  const queries: string[] = [];
  for (let i = 0; i < 400; i++) {
    queries.push(
      Array.from({ length: 2 + Math.floor(rand() * 3) }, () => vocab[20 + Math.floor(rand() * 2000)]!).join(" "),
    );
  }
  const docLevel = Array.from({ length: Math.ceil(n / 10) }, () => rand());
  // Long queries (20–30 words, a pasted message or a question with its chat history), from their
  // own generator so the corpus and the short queries stay what earlier runs measured.
  const longRand = mulberry32(seed + 1);
  const longQueries: string[] = [];
  for (let i = 0; i < 400; i++) {
    longQueries.push(
      Array.from({ length: 20 + Math.floor(longRand() * 11) }, () => vocab[20 + Math.floor(longRand() * 2000)]!).join(
        " ",
      ),
    );
  }
  return { texts, queries, longQueries, docLevel };
}

/**
 * Stand-in for a neural embedding model: vectors scattered around 256 topic centres, the
 * geometry HNSW is built for (and what ARCHITECTURE.md's pgvector table measured). The
 * weight-free hash embedder is measured too with `--vectors hash`.
 */
export function clusteredEmbedder(dimensions: number, seed = 5): Embedder {
  const rand = mulberry32(seed);
  const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: 256 }, () => Array.from({ length: dimensions }, () => gauss(rand)));
  const norm = (v: number[]) => {
    const l = Math.hypot(...v) || 1;
    return v.map((x) => x / l);
  };
  const embed = (text: string) => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    const r = mulberry32(h >>> 0);
    const c = centres[Math.floor(r() * centres.length)]!;
    return norm(c.map((x) => x + 0.9 * gauss(r)));
  };
  return {
    modelId: `bench-clustered-${dimensions}`,
    dimensions,
    embedDocuments: async (texts) => texts.map(embed),
    embedQuery: async (text) => embed(text),
  };
}

/** The caller who sees `selectivity` of a synthetic bench corpus (its documents carry group:s50/s10/s1). */
export function selectivityPrincipal(selectivity: number): Principal {
  const userId = newId();
  const group = `s${Math.round(selectivity * 100)}`;
  return {
    userId,
    username: group,
    displayName: group,
    role: "employee",
    groups: [group],
    principals: [`user:${userId}`, `group:${group}`],
    isAdmin: false,
  };
}
