import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { lookupQueryTerms } from "./lookup-query-terms";
import { runLexicalLeg } from "./run-lexical-leg";
import { chunkFilters } from "./sql-fragments";
import { bruteForceBm25, expectExactTopK } from "./testing/brute-force-bm25";
import { seedDocument, testPrincipal } from "./testing/seed-documents";
import type { SearchFilters } from "./types";

/**
 * Long queries made mostly of words nearly every chunk holds, plus a few rare ones: the shape a
 * pruning scheme (MaxScore, a cap on low-idf terms) bets on, and the cases such a scheme gets
 * wrong. The leg must return the exact BM25 top k for every depth and title weight, under a
 * source filter (a pruning threshold taken from chunks the filter drops would be too high), and
 * for a caller in two groups, many of whose chunks both groups may read. Summed per principal,
 * such a caller's df of a common word once exceeded their N and its idf went negative (ranking
 * chunks lower for holding a common query word); df and N now count each visible chunk once, so
 * df never exceeds N (bm25Idf still clamps). Compared with a brute-force BM25 over every visible chunk.
 */
const common = ["paper", "study", "result", "method", "data", "model", "effect", "analysis"];
const mid = Array.from({ length: 12 }, (_, i) => `mid${String.fromCharCode(97 + i)}zq`);
const rare = Array.from({ length: 30 }, (_, i) => `rare${String.fromCharCode(97 + (i % 26))}${i}zq`);
const targets = await availableTargets();

describe.each(targets)("long queries of common words on %s", (target) => {
  let t: TestDatabase;
  const users = [
    testPrincipal({ groups: ["a"] }),
    testPrincipal({ groups: ["a", "b"] }),
    testPrincipal({ admin: true }),
  ];
  beforeAll(async () => {
    t = await createTestDatabase({ target });
    const word = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...common) },
      { weight: 3, arbitrary: fc.constantFrom(...mid) },
      { weight: 1, arbitrary: fc.constantFrom(...rare) },
    );
    const docs = fc.sample(
      fc.record({
        source: fc.constantFrom("left", "right"),
        title: fc.array(word, { minLength: 1, maxLength: 3 }),
        acl: fc.subarray(["group:a", "group:b"], { minLength: 1 }),
        // Common words in almost every chunk, lengths from a line to a long paragraph.
        words: fc.tuple(fc.shuffledSubarray(common, { minLength: 5 }), fc.array(word, { minLength: 3, maxLength: 80 })),
      }),
      { numRuns: 220, seed: 1313 },
    );
    for (const [i, d] of docs.entries()) {
      await seedDocument({
        db: t.db,
        doc: {
          source: d.source,
          path: `m-${i}.md`,
          title: d.title.join(" "),
          acl: d.acl,
          chunks: [{ text: [...d.words[0], ...d.words[1]].join(" ") }],
        },
      });
    }
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it("return an exact BM25 top k, with filters and shared chunks, df never above N, never a negative score", async () => {
    const queries = fc.sample(
      fc.record({
        commonWords: fc.array(fc.constantFrom(...common), { minLength: 10, maxLength: 24 }),
        rareWords: fc.array(fc.constantFrom(...rare, ...mid), { minLength: 1, maxLength: 4 }),
        depth: fc.constantFrom(3, 10, 40),
        boost: fc.constantFrom(1, 2),
        proximity: fc.constantFrom(0, 0.3),
        filtered: fc.boolean(),
        user: fc.nat({ max: users.length - 1 }),
        seed: fc.nat(),
      }),
      { numRuns: 40, seed: 77 },
    );
    let shared = 0;
    let filteredHits = 0;
    for (const q of queries) {
      const user = users[q.user]!;
      const scope = { principals: user.principals, isAdmin: user.isAdmin };
      // Rare words anywhere in the long query, so phrase pairs join rare and common terms.
      const words = [...q.commonWords];
      q.rareWords.forEach((w, i) => words.splice((q.seed + i * 7) % (words.length + 1), 0, w));
      const filters: SearchFilters | undefined = q.filtered ? { sourceNames: ["left"] } : undefined;
      const [hits, reference, looked] = await withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) => {
          const args = {
            tx,
            scope,
            queryText: words.join(" "),
            k1: 1.2,
            b: 0.75,
            contextBoost: q.boost,
            proximity: q.proximity,
          };
          return [
            await runLexicalLeg({
              ...args,
              depth: q.depth,
              where: chunkFilters(scope, filters),
            }),
            await bruteForceBm25({ ...args, filters }),
            await lookupQueryTerms({ tx, scope, queryText: args.queryText }),
          ] as const;
        },
      });
      expect(looked.terms.every((term) => term.df <= looked.chunkCount)).toBe(true);
      if (user.groups.length > 1) shared += 1;
      expect(reference.every((h) => h.score >= 0)).toBe(true);
      if (filters && hits.length > 0) filteredHits += 1;
      expectExactTopK({ hits, reference, depth: q.depth, expect });
    }
    // Both hard cases must occur, or the comparison does not cover them.
    expect(shared).toBeGreaterThan(0);
    expect(filteredHits).toBeGreaterThan(5);
  });
});
