import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { runLexicalLeg } from "./run-lexical-leg";
import { chunkFilters } from "./sql-fragments";
import { bruteForceBm25, expectExactTopK } from "./testing/brute-force-bm25";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

/**
 * Long queries (15–30 words: a pasted message, a question with its history) bring many terms and
 * many phrase pairs, so the pair bounds reorder candidates most and the leg may fetch more of them
 * than a short query needs. The result must still be an exact BM25 top k, and the planner
 * settings must be as the leg found them.
 */
const vocab = Array.from(
  { length: 60 },
  (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}zq`,
);
const targets = await availableTargets();

describe.each(targets)("long queries on %s", (target) => {
  let t: TestDatabase;
  const users = [testPrincipal({ groups: ["a"] }), testPrincipal({ groups: ["b"] }), testPrincipal({ admin: true })];
  beforeAll(async () => {
    t = await createTestDatabase({ target });
    const zipf = fc
      .integer({ min: 0, max: 10_000 })
      .map((x) => vocab[Math.min(vocab.length - 1, Math.floor(vocab.length * (x / 10_000) ** 2))]!);
    const docs = fc.sample(
      fc.record({
        title: fc.array(zipf, { minLength: 1, maxLength: 3 }),
        acl: fc.subarray(["group:a", "group:b"], { minLength: 1 }),
        words: fc.array(zipf, { minLength: 5, maxLength: 60 }),
      }),
      { numRuns: 150, seed: 808 },
    );
    for (const [i, d] of docs.entries()) {
      await seedDocument({
        db: t.db,
        doc: {
          source: "long",
          path: `l-${i}.md`,
          title: d.title.join(" "),
          acl: d.acl,
          chunks: [{ text: d.words.join(" ") }],
        },
      });
    }
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it("returns an exact BM25 top k (brute-force reference) and leaves enable_seqscan as it found it", async () => {
    const queries = fc.sample(
      fc.record({
        words: fc.array(fc.constantFrom(...vocab), { minLength: 15, maxLength: 30 }),
        depth: fc.constantFrom(3, 10, 40),
        user: fc.nat({ max: users.length - 1 }),
      }),
      { numRuns: 30, seed: 4 },
    );
    for (const q of queries) {
      const user = users[q.user]!;
      const scope = { principals: user.principals, isAdmin: user.isAdmin };
      const [hits, reference, setting] = await withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) => {
          const common = { tx, scope, queryText: q.words.join(" "), k1: 1.2, b: 0.75, contextBoost: 2, proximity: 0.3 };
          const hits = await runLexicalLeg({ ...common, depth: q.depth, where: chunkFilters(scope) });
          const after = await tx.execute<{ s: string }>(sql`select current_setting('enable_seqscan') as s`);
          return [hits, await bruteForceBm25(common), after.rows[0]?.s];
        },
      });
      expect(setting).toBe("on");
      expect(hits.length).toBeGreaterThan(0);
      expectExactTopK({ hits, reference, depth: q.depth, expect });
    }
  });
});
