import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "@groundwork/access/principal";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { inArray } from "drizzle-orm";
import { chunks } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { runLexicalLeg } from "./run-lexical-leg";
import { readDocument } from "./read-document";
import { chunkFilters } from "./sql-fragments";
import { runVectorLeg } from "./run-vector-leg";
import { searchChunks } from "./search-chunks";
import { seedDocument, testPrincipal } from "./testing/seed-documents";
import { bruteForceBm25, expectExactTopK } from "./testing/brute-force-bm25";
import { withReaderScope } from "@groundwork/access/reader-scope";

/**
 * Property-based leak test. A random company (users, groups, document ACLs) is written to the
 * database; for many random (user, query, filter) triples every returned chunk must be allowed
 * by the oracle below, which is written from the ACL rules alone and shares no code with the
 * search. Canary documents readable by one group must never surface for anyone else — not as
 * results, in snippets or text, nor in facet counts.
 */
const vocab = [
  "budget",
  "invoice",
  "travel",
  "laptop",
  "vendor",
  "contract",
  "payroll",
  "pension",
  "privacy",
  "backup",
  "refund",
  "expense",
  "audit",
  "badge",
  "parking",
];
const groups = ["g0", "g1", "g2", "g3", "g4"];
const CANARY = "zebracanary";

type WorldDoc = { id: string; acl: string[]; source: string; chunks: string[] };
type World = { users: Principal[]; canaryHolder: Principal; docs: WorldDoc[]; canaryDocs: string[] };

/** The independent oracle: deny by default, admins see all, otherwise ACL ∩ principals ≠ ∅. */
function allowed(user: Principal, doc: WorldDoc): boolean {
  if (user.role === "admin") return true;
  const mine = new Set([`user:${user.userId}`, "group:everyone", ...user.groups.map((g) => `group:${g}`)]);
  return doc.acl.some((a) => mine.has(a));
}

async function buildWorld(db: TestDatabase["db"]): Promise<World> {
  const rand = fc.sample(
    fc.record({
      users: fc.array(fc.record({ groups: fc.subarray(groups) }), { minLength: 10, maxLength: 10 }),
      docs: fc.array(
        fc.record({
          groups: fc.subarray(groups, { maxLength: 2 }),
          everyone: fc.double({ min: 0, max: 1, noNaN: true }),
          userIdx: fc.option(fc.nat({ max: 9 }), { nil: undefined }),
          source: fc.constantFrom("wiki", "hr", "legal"),
          chunks: fc.array(fc.array(fc.constantFrom(...vocab), { minLength: 3, maxLength: 8 }), {
            minLength: 1,
            maxLength: 3,
          }),
        }),
        { minLength: 50, maxLength: 50 },
      ),
    }),
    { numRuns: 1, seed: 4242 },
  )[0]!;
  const users = rand.users.map((u, i) => testPrincipal({ groups: u.groups, admin: i === 9 }));
  const canaryHolder = testPrincipal({ groups: ["canary"] });
  const docs: WorldDoc[] = [];
  for (const [i, d] of rand.docs.entries()) {
    const acl = [
      ...d.groups.map((g) => `group:${g}`),
      ...(d.everyone < 0.15 ? ["group:everyone"] : []),
      ...(d.userIdx !== undefined ? [`user:${users[d.userIdx]!.userId}`] : []),
    ];
    const texts = d.chunks.map((words) => words.join(" "));
    const { documentId } = await seedDocument({
      db,
      doc: {
        source: d.source,
        path: `doc-${i}.md`,
        title: `Record ${i}`,
        acl,
        chunks: texts.map((text) => ({ text })),
      },
    });
    docs.push({ id: documentId, acl, source: d.source, chunks: texts });
  }
  const canaryDocs: string[] = [];
  for (let i = 0; i < 3; i++) {
    const texts = [`${CANARY} ${vocab.slice(i * 4, i * 4 + 5).join(" ")}`, `budget invoice ${CANARY} payroll`];
    const { documentId } = await seedDocument({
      db,
      doc: {
        source: "vault",
        path: `canary-${i}.md`,
        title: `Vault ${i}`,
        acl: ["group:canary"],
        chunks: texts.map((text) => ({ text })),
      },
    });
    docs.push({ id: documentId, acl: ["group:canary"], source: "vault", chunks: texts });
    canaryDocs.push(documentId);
  }
  return { users, canaryHolder, docs, canaryDocs };
}

describe.each(await availableTargets())("permission leaks on %s", (target) => {
  let t: TestDatabase;
  let world: World;

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    world = await buildWorld(t.db);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("every returned chunk is allowed by the oracle (random users, queries, filters)", async () => {
    const byId = new Map(world.docs.map((d) => [d.id, d]));
    const everyone = [...world.users, world.canaryHolder];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...everyone),
        fc.array(fc.constantFrom(...vocab, CANARY, "Record", "vault", "&|!", "'"), { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom("wiki", "hr", "legal", "vault"), { nil: undefined }),
        fc.constantFrom<"both" | "lexical" | "vector">("both", "lexical", "vector"),
        async (user, words, source, legs) => {
          const r = await searchChunks({
            db: t.db,
            principal: user,
            query: words.join(" "),
            limit: 50,
            reranker: null,
            filters: source ? { sourceNames: [source] } : undefined,
            options: {
              legs: { lexical: legs !== "vector", vector: legs !== "lexical" },
              facets: true,
              termStats: true,
            },
          });
          const visible = world.docs.filter((d) => allowed(user, d) && (!source || d.source === source));
          const visibleChunks = visible.reduce((n, d) => n + d.chunks.length, 0);
          for (const res of r.results) {
            const doc = byId.get(res.documentId);
            expect(doc, "result for a document the test never wrote").toBeDefined();
            expect(allowed(user, doc!), `user ${user.username} got ${res.documentId} (acl ${doc!.acl.join(",")})`).toBe(
              true,
            );
          }
          // Readable chunks per result document: exactly the oracle's count, and for no other document.
          const resultDocs = new Set(r.results.map((x) => x.documentId));
          expect(new Set(Object.keys(r.documentChunks))).toEqual(resultDocs);
          for (const [id, n] of Object.entries(r.documentChunks)) expect(n).toBe(byId.get(id)!.chunks.length);
          const canaryVisible = world.docs.some((d) => d.source === "vault" && allowed(user, d));
          if (!canaryVisible) {
            for (const res of r.results) {
              expect(res.text).not.toContain(CANARY);
              expect(res.snippet).not.toContain(CANARY);
            }
            expect(r.facets.sources.map((f) => f.value)).not.toContain("vault");
          }
          const facetTotal = r.facets.sources.reduce((n, f) => n + f.count, 0);
          expect(facetTotal).toBeLessThanOrEqual(visibleChunks);
          expect(r.facets.types.reduce((n, f) => n + f.count, 0)).toBe(facetTotal);
          const visibleSources = new Set(visible.map((d) => d.source));
          for (const f of r.facets.sources) expect(visibleSources.has(f.value)).toBe(true);
        },
      ),
      { numRuns: 80, seed: 7 },
    );
  });

  it("finds every visible chunk holding a word, and only those (lexical leg)", async () => {
    for (const user of [...world.users, world.canaryHolder]) {
      for (const word of [vocab[0]!, vocab[7]!, CANARY]) {
        const expected = new Set<string>();
        for (const d of world.docs) {
          if (!allowed(user, d)) continue;
          d.chunks.forEach((c) => {
            if (c.split(" ").includes(word)) expected.add(`${d.id}:${c}`);
          });
        }
        const r = await searchChunks({
          db: t.db,
          principal: user,
          query: word,
          limit: 200,
          reranker: null,
          options: { legs: { vector: false }, depth: 500 },
        });
        expect(new Set(r.results.map((x) => `${x.documentId}:${x.text}`))).toEqual(expected);
      }
    }
  });

  it("the lexical leg returns an exact BM25 top k over the visible chunks (brute-force reference)", async () => {
    const queries = fc.sample(
      fc.record({
        words: fc.array(fc.constantFrom(...vocab, CANARY), { minLength: 2, maxLength: 5 }),
        user: fc.nat({ max: world.users.length }),
      }),
      { numRuns: 25, seed: 99 },
    );
    for (const q of queries) {
      const user = q.user === world.users.length ? world.canaryHolder : world.users[q.user]!;
      const scope = { principals: user.principals, isAdmin: user.isAdmin };
      const [hits, reference] = await withReaderScope({
        db: t.db,
        scope,
        fn: async (tx) => {
          const common = { tx, scope, queryText: q.words.join(" "), k1: 1.2, b: 0.75, contextBoost: 2, proximity: 0.3 };
          return [
            await runLexicalLeg({ ...common, where: chunkFilters(scope), depth: 5 }),
            await bruteForceBm25(common),
          ];
        },
      });
      expectExactTopK({ hits, reference, depth: 5, expect });
    }
  });

  it("canary documents stay unreadable for everyone outside the group", async () => {
    for (const user of world.users.filter((u) => !u.isAdmin)) {
      for (const id of world.canaryDocs)
        expect(await readDocument({ db: t.db, principal: user, documentId: id })).toBeNull();
    }
    expect(
      await readDocument({ db: t.db, principal: world.canaryHolder, documentId: world.canaryDocs[0]! }),
    ).not.toBeNull();
    const r = await searchChunks({
      db: t.db,
      principal: world.canaryHolder,
      query: CANARY,
      reranker: null,
      options: { legs: { vector: false } },
    });
    expect(r.results.length).toBe(6);
    expect(new Set(r.results.map((x) => x.documentId))).toEqual(new Set(world.canaryDocs));
  });

  it("the ACL predicate alone (first wall, RLS bypassed as table owner) already filters each leg", async () => {
    const byId = new Map(world.docs.map((d) => [d.id, d]));
    const embedder = createHashEmbedder();
    for (const user of world.users.filter((u) => !u.isAdmin)) {
      const scope = { principals: user.principals, isAdmin: false };
      // A plain transaction as the owner: row-level security does not apply, only our SQL does.
      const ids = await t.db.transaction(async (tx) => {
        const where = chunkFilters(scope);
        const lexical = await runLexicalLeg({
          tx,
          scope,
          queryText: `${CANARY} budget payroll`,
          where,
          depth: 500,
          k1: 1.2,
          b: 0.75,
          contextBoost: 1,
        });
        const vector = await runVectorLeg({
          tx,
          vector: await embedder.embedQuery(`${CANARY} budget`),
          model: embedder.modelId,
          where,
          depth: 500,
          exactThreshold: 0,
        });
        return [...lexical, ...vector.hits].map((h) => h.chunkId);
      });
      expect(ids.length).toBeGreaterThan(0);
      const rows = await t.db
        .select({ id: chunks.id, documentId: chunks.documentId })
        .from(chunks)
        .where(inArray(chunks.id, ids));
      for (const row of rows) expect(allowed(user, byId.get(row.documentId)!)).toBe(true);
    }
  });
});
