import fc from "fast-check";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { type Term } from "./lookup-query-terms";
import { candidateClauses } from "./prune-lexical-terms";
import { runLexicalLeg } from "./run-lexical-leg";
import { chunkFilters } from "./sql-fragments";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

/**
 * Long queries (15–30 words: a pasted message, a question with its history) take the paths
 * short ones never reach: more pruned terms than the clause search may combine (MaxScore
 * instead), and a second pass that skips first-pass chunks and scores only the pruned terms.
 * Pruned must still equal scoring every match, and the planner switch the passes use must be
 * back to what it was afterwards.
 */
const vocab = Array.from(
  { length: 60 },
  (_, i) => `w${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}zq`,
);
const term = (lexeme: string, high: number): Term => ({
  lexeme,
  qtf: 1,
  df: 1,
  idf: 1,
  positions: [],
  maxTf: high,
  maxTitleTf: 0,
  minLength: 1,
});

describe("candidate clauses for many pruned terms", () => {
  it("fall back to MaxScore: pruned terms together stay below the threshold, the rest each form a clause", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.1, max: 3, noNaN: true }), { minLength: 12, maxLength: 30 }),
        fc.double({ min: 1, max: 12, noNaN: true }),
        (highs, threshold) => {
          const rest = highs.map((h, i) => ({ term: term(`t${i}`, 1), low: h / 2, high: h }));
          const clauses = candidateClauses({ rest, pairs: [], proximity: 0, threshold });
          const covered = new Set(clauses.flatMap((c) => [...c.any, ...c.high]));
          // Whatever is left out can never reach the threshold, even all of it at its bound.
          const leftOut = rest.filter((r) => !covered.has(r.term.lexeme)).reduce((s, r) => s + r.high, 0);
          expect(leftOut).toBeLessThan(threshold);
        },
      ),
      { numRuns: 200, seed: 31 },
    );
  });
});

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

  it("returns exactly what scoring every match returns, and leaves enable_seqscan as it found it", async () => {
    const queries = fc.sample(
      fc.record({
        words: fc.array(fc.constantFrom(...vocab), { minLength: 15, maxLength: 30 }),
        depth: fc.constantFrom(3, 10),
        budget: fc.constantFrom(1, 20, 80),
        user: fc.nat({ max: users.length - 1 }),
      }),
      { numRuns: 30, seed: 4 },
    );
    for (const q of queries) {
      const user = users[q.user]!;
      const scope = { principals: user.principals, isAdmin: user.isAdmin };
      const [cheap, full, setting] = await withReaderScope({
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
            contextBoost: 2,
            proximity: 0.3,
            where: chunkFilters(scope),
          };
          const cheap = await runLexicalLeg({ ...common, candidateBudget: q.budget });
          const after = await tx.execute<{ s: string }>(sql`select current_setting('enable_seqscan') as s`);
          return [
            cheap,
            await runLexicalLeg({ ...common, candidateBudget: Number.POSITIVE_INFINITY }),
            after.rows[0]?.s,
          ];
        },
      });
      expect(setting).toBe("on");
      expect(cheap.length).toBeGreaterThan(0);
      expect(cheap.map((h) => [h.chunkId, h.score.toFixed(6)])).toEqual(
        full.map((h) => [h.chunkId, h.score.toFixed(6)]),
      );
    }
  });
});
