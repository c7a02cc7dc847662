import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { lookupQueryTerms } from "../lookup-query-terms";
import { proximityPairs } from "../proximity-pairs";
import type { LegHit } from "../run-lexical-leg";
import { chunkFilters } from "../sql-fragments";
import type { SearchFilters } from "../types";

/**
 * Test-only reference for the lexical leg: BM25 over every chunk the caller may read, with term
 * frequencies counted in TypeScript from each chunk's stored tsvector (positions and weights, not
 * the postings table), and the proximity bonus from a phrase test on every chunk. Same statistics
 * (lookupQueryTerms) and formula as the leg, none of its machinery.
 */
export async function bruteForceBm25({
  tx,
  scope,
  queryText,
  k1,
  b,
  contextBoost,
  proximity = 0,
  filters,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  queryText: string;
  k1: number;
  b: number;
  contextBoost: number;
  proximity?: number;
  /** Source, type and tag filters, applied as the leg's chunkFilters apply them. */
  filters?: SearchFilters;
}): Promise<LegHit[]> {
  const looked = await lookupQueryTerms({ tx, scope, queryText });
  const terms = looked.terms.filter((t) => t.df > 0).slice(0, 63);
  if (terms.length === 0) return [];
  const pairs = proximity > 0 ? proximityPairs({ terms }) : [];
  const rows = await tx.execute<{ id: string; token_count: number; entries: string; phrases: boolean[] }>(sql`
    select c.id, c.token_count, c.tsv::text as entries,
           ${
             pairs.length === 0
               ? sql`'{}'::boolean[]`
               : sql`array[${sql.join(
                   pairs.map((p) => sql`c.tsv @@ ${p.query}::tsquery`),
                   sql`, `,
                 )}]`
           } as phrases
    from chunks c where ${chunkFilters(scope, filters)}`);
  // tsvector text: 'lexeme':1A,5,7B … (a lexeme stored without positions counts once, in the body).
  const parse = (text: string) => {
    const out = new Map<string, { body: number; title: number }>();
    for (const m of text.matchAll(/'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g)) {
      const positions = m[2] ? m[2].split(",") : ["1"];
      const title = positions.filter((p) => p.endsWith("A")).length;
      out.set(m[1]!.replace(/''/g, "'"), { body: positions.length - title, title });
    }
    return out;
  };
  const hits: LegHit[] = [];
  for (const row of rows.rows) {
    const tfs = parse(row.entries);
    const norm = k1 * (1 - b + (b * Number(row.token_count)) / looked.avgdl);
    let score = 0;
    let matched = false;
    for (const t of terms) {
      const tf = tfs.get(t.lexeme);
      if (!tf) continue;
      matched = true;
      const f = tf.body + Math.max(contextBoost, 0) * tf.title;
      score += (t.qtf * t.idf * f * (k1 + 1)) / (f + norm);
    }
    if (!matched) continue;
    pairs.forEach((p, i) => {
      if (row.phrases[i]) score += proximity * p.weight;
    });
    hits.push({ chunkId: row.id, score });
  }
  return hits.sort((x, y) => y.score - x.score || (x.chunkId < y.chunkId ? -1 : 1));
}

/**
 * A leg result is an exact top `depth` of the reference when it has min(depth, matches) hits,
 * each with its reference score (float tolerance), in the reference's score order. Ties at the
 * cut may be broken either way by float summation order, so ids are compared through scores.
 */
export function expectExactTopK({
  hits,
  reference,
  depth,
  expect,
}: {
  hits: LegHit[];
  reference: LegHit[];
  depth: number;
  expect: (value: unknown) => { toBe: (v: unknown) => void; toBeLessThan: (v: number) => void };
}): void {
  const ref = new Map(reference.map((h) => [h.chunkId, h.score]));
  expect(hits.length).toBe(Math.min(depth, reference.length));
  expect(new Set(hits.map((h) => h.chunkId)).size).toBe(hits.length);
  hits.forEach((h, i) => {
    const want = ref.get(h.chunkId);
    expect(want === undefined).toBe(false);
    const tol = 1e-9 * Math.max(1, Math.abs(want ?? 0));
    expect(Math.abs(h.score - (want ?? NaN))).toBeLessThan(tol);
    // The i-th hit scores what the i-th best chunk of the reference scores.
    expect(Math.abs(h.score - reference[i]!.score)).toBeLessThan(tol);
  });
}
