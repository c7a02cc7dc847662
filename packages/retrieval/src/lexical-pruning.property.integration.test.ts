import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { lookupQueryTerms } from "./lookup-query-terms";
import { runLexicalLeg } from "./run-lexical-leg";
import { chunkFilters } from "./sql-fragments";
import { bruteForceBm25, expectExactTopK } from "./testing/brute-force-bm25";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

/**
 * The lexical leg scores from the postings table and tests phrase pairs only on the candidates
 * whose bound could still reach the top k. Neither may change the result: these properties
 * compare it with a brute-force BM25 over every visible chunk's tsvector, on corpora where words
 * repeat, sit in titles and chunks vary in length.
 */
const targets = await availableTargets();
const vocab = [
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
  "kilo",
  "lima",
  "mike",
  "november",
  "oscar",
  "papa",
  "quebec",
  "romeo",
  "sierra",
  "tango",
];

describe.each(targets)("lexical pruning on %s", (target) => {
  let t: TestDatabase;
  const users = [
    testPrincipal({ groups: ["a"] }),
    testPrincipal({ groups: ["b", "c"] }),
    testPrincipal({ admin: true }),
  ];
  beforeAll(async () => {
    t = await createTestDatabase({ target });
    // Zipf-like word choice so a few words are common and most are rare; titles reuse the words.
    const zipf = fc
      .integer({ min: 0, max: 10_000 })
      .map((x) => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length * (x / 10_000) ** 2.5))]!);
    const docs = fc.sample(
      fc.record({
        title: fc.array(zipf, { minLength: 1, maxLength: 3 }),
        acl: fc.subarray(["group:a", "group:b", "group:c"], { minLength: 1 }),
        chunks: fc.array(fc.array(zipf, { minLength: 2, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
      }),
      { numRuns: 120, seed: 5150 },
    );
    for (const [i, d] of docs.entries()) {
      await seedDocument({
        db: t.db,
        doc: {
          source: "prune",
          path: `p-${i}.md`,
          title: d.title.join(" "),
          acl: d.acl,
          chunks: d.chunks.map((w) => ({ text: w.join(" ") })),
        },
      });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it("returns an exact BM25 top k (brute-force reference), for any caller, depth and title weight", async () => {
    const queries = fc.sample(
      fc.record({
        words: fc.array(fc.constantFrom(...vocab), { minLength: 2, maxLength: 6 }),
        depth: fc.constantFrom(3, 5, 10),
        boost: fc.constantFrom(1, 2, 3),
        user: fc.nat({ max: users.length - 1 }),
      }),
      { numRuns: 60, seed: 99 },
    );
    let withPairs = 0;
    for (const q of queries) {
      const user = users[q.user]!;
      const scope = { principals: user.principals, isAdmin: user.isAdmin };
      const [hits, reference] = await withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) => {
          const common = {
            tx,
            scope,
            queryText: q.words.join(" "),
            k1: 1.2,
            b: 0.75,
            contextBoost: q.boost,
            proximity: 0.3,
          };
          const looked = await lookupQueryTerms({ tx, scope, queryText: common.queryText });
          const leg = (postingsShare: typeof looked.postingsShare) =>
            runLexicalLeg({
              ...common,
              where: chunkFilters(scope),
              depth: q.depth,
              queryTerms: { ...looked, postingsShare },
            });
          return [
            [
              await runLexicalLeg({ ...common, where: chunkFilters(scope), depth: q.depth }),
              // Both postings tables whatever the path rule picks: the per-principal one (with
              // user b/c's chunks held twice, the multiplicity divided out) and the lexeme one.
              await leg({ principalChunks: 0, corpusChunks: 1 }),
              await leg(undefined),
            ],
            await bruteForceBm25(common),
          ];
        },
      });
      if (new Set(q.words).size > 1) withPairs += 1;
      for (const h of hits) expectExactTopK({ hits: h, reference, depth: q.depth, expect });
    }
    expect(withPairs).toBeGreaterThan(30);
  });
});
