import { hash } from "node:crypto";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";
import type { Embedder } from "./embedder";

/**
 * Weight-free feature hashing: words (light stemming), word bigrams and character 3-grams are
 * hashed into a fixed number of signed buckets, weighted w·(1 + log count), then L2-normalised.
 * It matches words, not meaning, but needs no model download and is deterministic.
 */
const STOP = new Set(
  "a an and are as at be by for from has have in is it its of on or that the this to was were will with".split(" "),
);

function stem(word: string): string {
  // Tiny suffix stripper: enough to fold plurals and -ing/-ed forms onto one bucket.
  if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function tokenize(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
    .filter((w) => !STOP.has(w))
    .map(stem);
}

/**
 * md5 of a feature, kept as its first 32-bit word and the low bit of the fifth byte. Hashing was
 * most of the embedder's time (about 1,000 distinct features per SciFact abstract, each its own
 * md5); words and character 3-grams repeat across texts, so theirs are remembered (bigrams mostly
 * do not, so they are hashed each time). Bounded: the cache starts over past CACHE_LIMIT features.
 */
const CACHE_LIMIT = 200_000;
const hashCache = new Map<string, number>();

function featureHash(feature: string): number {
  const cacheable = !feature.startsWith("b:");
  if (cacheable) {
    const known = hashCache.get(feature);
    if (known !== undefined) return known;
  }
  const h = hash("md5", feature, "buffer");
  const packed = h.readUInt32LE(0) * 2 + (h[4]! & 1);
  if (cacheable) {
    if (hashCache.size >= CACHE_LIMIT) hashCache.clear();
    hashCache.set(feature, packed);
  }
  return packed;
}

function bucket(feature: string, dimensions: number): [number, number] {
  const packed = featureHash(feature);
  const index = Math.floor(packed / 2) % dimensions;
  const sign = packed % 2 === 0 ? 1 : -1;
  return [index, sign];
}

export function hashEmbed(text: string, dimensions: number): number[] {
  const counts = new Map<string, { n: number; w: number }>();
  const add = (f: string, w: number) => {
    const c = counts.get(f);
    if (c) c.n += 1;
    else counts.set(f, { n: 1, w });
  };
  const words = tokenize(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    add(`w:${w}`, 1);
    if (i + 1 < words.length) add(`b:${w}_${words[i + 1]}`, 0.5);
    const padded = `_${w}_`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25);
  }
  const v = new Array<number>(dimensions).fill(0);
  for (const [f, { n, w }] of counts) {
    const [i, sign] = bucket(f, dimensions);
    v[i] = v[i]! + sign * w * (1 + Math.log(n));
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** Content words of a query as typed (lowercased), in the order the embedder sees them. */
export function queryWords(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((w) => !STOP.has(w));
}

/**
 * The same feature space as `hashEmbed`, with each word's features (word, its bigrams, its
 * character 3-grams) scaled by `weightOf(word)` — e.g. the word's IDF in the stored corpus — so a
 * query vector stresses rare words the way BM25 does. Documents keep plain `hashEmbed` vectors,
 * so the model id does not change.
 */
export function hashEmbedWeighted(text: string, dimensions: number, weightOf: (word: string) => number): number[] {
  const counts = new Map<string, { n: number; w: number }>();
  const add = (f: string, w: number) => {
    const c = counts.get(f);
    if (c) {
      c.n += 1;
      c.w = Math.max(c.w, w);
    } else counts.set(f, { n: 1, w });
  };
  const raw = queryWords(text);
  const words = raw.map(stem);
  const weights = raw.map((r) => Math.max(0, weightOf(r)));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const f = weights[i]!;
    add(`w:${w}`, f);
    if (i + 1 < words.length) add(`b:${w}_${words[i + 1]}`, 0.5 * Math.sqrt(f * weights[i + 1]!));
    const padded = `_${w}_`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25 * f);
  }
  const v = new Array<number>(dimensions).fill(0);
  for (const [feature, { n, w }] of counts) {
    const [i, sign] = bucket(feature, dimensions);
    v[i] = v[i]! + sign * w * (1 + Math.log(n));
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** The hash model at the schema's dimension unless a test asks for another. */
export function createHashEmbedder({ dimensions = EMBEDDING_DIMENSIONS }: { dimensions?: number } = {}): Embedder {
  return {
    modelId: `hash-v1-${dimensions}`,
    dimensions,
    async embedDocuments(texts) {
      return texts.map((t) => hashEmbed(t, dimensions));
    },
    async embedQuery(text) {
      return hashEmbed(text, dimensions);
    },
  };
}
