import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { type Term } from "./lookup-query-terms";
import { candidateClauses } from "./prune-lexical-terms";
import { runLexicalLeg } from "./run-lexical-leg";
import { chunkFilters } from "./sql-fragments";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

/**
 * The lexical leg prunes common terms with stored bounds (MaxScore plus conjunctions over the
 * tsv_high index). Pruning must never change the result: these properties compare it with
 * scoring every match, on corpora where words repeat, sit in titles and chunks vary in length.
 */
const term = (lexeme: string): Term => ({
  lexeme,
  qtf: 1,
  df: 1,
  idf: 1,
  positions: [],
  maxTf: 1,
  maxTitleTf: 0,
  minLength: 1,
});

describe("candidate clauses", () => {
  it("cover every combination of pruned terms whose bound reaches the threshold", () => {
    const item = fc.record({
      low: fc.double({ min: 0, max: 5, noNaN: true }),
      extra: fc.double({ min: 0, max: 5, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(item, { minLength: 1, maxLength: 6 }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (raw, threshold, pairWeight) => {
          const rest = raw.map((r, i) => ({ term: term(`w${i}`), low: r.low, high: r.low + r.extra }));
          const pairs =
            rest.length > 1
              ? [{ query: "w0 <1> w1", weight: pairWeight, lexemes: ["w0", "w1"] as [string, string] }]
              : [];
          const clauses = candidateClauses({ rest, pairs, proximity: 1, threshold });
          // Every chunk state: which terms it holds (mask) and which of those are high postings.
          for (let mask = 1; mask < 1 << rest.length; mask++) {
            for (let high = mask; ; high = (high - 1) & mask) {
              const held = rest.filter((_, i) => mask & (1 << i));
              const bound =
                held.reduce((sum, r) => sum + (high & (1 << Number(r.term.lexeme.slice(1))) ? r.high : r.low), 0) +
                pairs
                  .filter(
                    (p) =>
                      held.some((r) => r.term.lexeme === p.lexemes[0]) &&
                      held.some((r) => r.term.lexeme === p.lexemes[1]),
                  )
                  .reduce((s, p) => s + p.weight, 0);
              if (bound >= threshold) {
                const has = (l: string) => held.some((r) => r.term.lexeme === l);
                const isHigh = (l: string) => has(l) && Boolean(high & (1 << Number(l.slice(1))));
                expect(clauses.some((c) => c.any.every(has) && c.high.every(isHigh))).toBe(true);
              }
              if (high === 0) break;
            }
          }
        },
      ),
      { numRuns: 400, seed: 17 },
    );
  });
});

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

  it("returns exactly what scoring every match returns, for any caller, depth and title weight", async () => {
    const queries = fc.sample(
      fc.record({
        words: fc.array(fc.constantFrom(...vocab), { minLength: 2, maxLength: 6 }),
        depth: fc.constantFrom(3, 5, 10),
        boost: fc.constantFrom(1, 2, 3),
        user: fc.nat({ max: users.length - 1 }),
      }),
      { numRuns: 60, seed: 99 },
    );
    let pruned = 0;
    for (const q of queries) {
      const user = users[q.user]!;
      const scope = { principals: user.principals, isAdmin: user.isAdmin };
      const [cheap, full] = await withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) => {
          const common = {
            tx,
            scope,
            queryText: q.words.join(" "),
            depth: q.depth,
            k1: 1.2,
            b: 0.75,
            contextBoost: q.boost,
            proximity: 0.3,
          };
          // The ACL form may differ per pass; both forms must give the same rows.
          const where = ({ volume }: { volume: number }) => chunkFilters(scope, {}, { aclIndexable: volume % 2 === 0 });
          return [
            await runLexicalLeg({ ...common, where, candidateBudget: 1 }),
            await runLexicalLeg({ ...common, where: chunkFilters(scope), candidateBudget: Number.POSITIVE_INFINITY }),
          ];
        },
      });
      if (new Set(q.words).size > 1) pruned += 1;
      expect(cheap.map((h) => [h.chunkId, h.score.toFixed(6)])).toEqual(
        full.map((h) => [h.chunkId, h.score.toFixed(6)]),
      );
    }
    expect(pruned).toBeGreaterThan(30);
  });
});
