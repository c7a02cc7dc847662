import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeOf, withReaderScope } from "@groundwork/access/reader-scope";
import type { Principal } from "@groundwork/access/principal";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { applyVectorLayout, readVectorLayout, type VectorLayout } from "@groundwork/db/vector-layout";
import { createHashEmbedder, type Embedder } from "@groundwork/models/embeddings";
import { runVectorLeg } from "./run-vector-leg";
import { searchChunks } from "./search-chunks";
import { chunkFilters } from "./sql-fragments";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

/**
 * The storage options for size (halfvec, the binary-quantized index with exact re-ranking) on a
 * tiny corpus: each layout returns the full-precision exact top results, permission-filtered,
 * through the vector leg's HNSW path and through the whole search. (Their recall and sizes at
 * 100k–1M chunks are measured by `pnpm bench:scale`.)
 */
const topics = ["refund", "payroll", "laptop", "parking", "privacy", "travel", "pension", "badge"];
const words = ["policy", "request", "approval", "deadline", "manager", "form", "exception", "receipt", "limit"];
const layouts: VectorLayout[] = [
  { type: "halfvec", index: "hnsw" },
  { type: "vector", index: "binary" },
  { type: "halfvec", index: "binary" },
  { type: "vector", index: "hnsw" },
];

/**
 * The hash embedder's vectors are sparse (most components 0, so most sign bits 0), which binary
 * quantization cannot tell apart; neural embeddings are dense. A fixed random rotation of the
 * hash vectors keeps their angles and makes them dense, as a model's are.
 */
function denseEmbedder(): Embedder {
  const base = createHashEmbedder();
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  const matrix = Array.from({ length: base.dimensions }, () => Array.from({ length: base.dimensions }, rand));
  const rotate = (v: number[]) => {
    const out = matrix.map((row) => row.reduce((sum, x, i) => sum + x * v[i]!, 0));
    const norm = Math.hypot(...out) || 1;
    return out.map((x) => x / norm);
  };
  return {
    modelId: `${base.modelId}-dense`,
    dimensions: base.dimensions,
    embedDocuments: async (texts) => (await base.embedDocuments(texts)).map(rotate),
    embedQuery: async (text) => rotate(await base.embedQuery(text)),
  };
}

describe.each(await availableTargets())("vector layouts on %s", (target) => {
  let t: TestDatabase;
  const embedder = denseEmbedder();
  const everyone = testPrincipal();
  const hr = testPrincipal({ groups: ["hr"] });
  const admin = testPrincipal({ admin: true });
  const readers = [everyone, hr, admin];
  const unrelated = "secret merger";
  const queries = ["refund policy deadline", "payroll manager approval", "laptop exception form", unrelated];
  const secretChunks = new Set<string>();
  const aclOf = new Map<string, string[]>();
  let baseline = new Map<string, string[]>();

  /** Exact top 5 of the vector leg (a scan of the visible rows), per reader and query. */
  async function exactTop(p: Principal, q: string): Promise<string[]> {
    const vector = await embedder.embedQuery(q);
    return withReaderScope({
      db: t.db,
      scope: scopeOf(p),
      fn: async (tx) =>
        (
          await runVectorLeg({
            tx,
            vector,
            model: embedder.modelId,
            where: chunkFilters(scopeOf(p)),
            depth: 5,
            exactThreshold: 0,
            forcePath: "exact",
          })
        ).hits.map((h) => h.chunkId),
    });
  }

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    let n = 0;
    for (const topic of topics)
      for (let d = 0; d < 5; d++) {
        const acl = d % 3 === 0 ? ["group:hr"] : ["group:everyone"];
        const { chunkIds } = await seedDocument({
          db: t.db,
          embedder,
          doc: {
            source: "handbook",
            path: `${topic}/${d}.md`,
            title: `${topic} ${words[d]}`,
            acl,
            chunks: [0, 1, 2].map((c) => ({
              text: `${topic} ${words[(d + c) % words.length]} ${words[(d * 2 + c) % words.length]} ${topic} rules ${n++}`,
            })),
          },
        });
        for (const id of chunkIds) aclOf.set(id, acl);
      }
    // Readable by nobody but admins: never in a non-admin's results, whatever the layout.
    const secret = await seedDocument({
      db: t.db,
      embedder,
      doc: {
        source: "board",
        path: "merger.md",
        title: "secret merger",
        acl: ["group:board"],
        chunks: [{ text: "secret merger refund payroll laptop" }],
      },
    });
    for (const id of secret.chunkIds) {
      secretChunks.add(id);
      aclOf.set(id, ["group:board"]);
    }
    baseline = new Map();
    for (const p of readers) for (const q of queries) baseline.set(`${p.userId}|${q}`, await exactTop(p, q));
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it.each(layouts)("$type with the $index index returns the exact top results, permission-filtered", async (layout) => {
    await applyVectorLayout({ db: t.db, layout, maintenanceWorkMem: "64MB" });
    expect(await readVectorLayout({ db: t.db })).toEqual({ ...layout, indexed: true });
    for (const p of readers)
      for (const q of queries) {
        const vector = await embedder.embedQuery(q);
        const scope = scopeOf(p);
        const leg = await withReaderScope({
          db: t.db,
          scope,
          fn: async (tx) => {
            // A 46-row table would be scanned rather than searched; make the planner take the index.
            await tx.execute(sql`select set_config('enable_seqscan', 'off', true)`);
            return runVectorLeg({
              tx,
              vector,
              model: embedder.modelId,
              where: chunkFilters(scope),
              depth: 5,
              exactThreshold: 0,
              forcePath: "hnsw",
              index: layout.index,
            });
          },
        });
        const got = leg.hits.map((h) => h.chunkId);
        const want = baseline.get(`${p.userId}|${q}`)!;
        // 16-bit floats may swap two near-equal neighbours; the set of the top 5 is what must hold.
        // (A query with no related visible text has only near-equal far neighbours, which sign
        // bits cannot order: there only the permission checks below apply.)
        if (q !== unrelated) expect(new Set(got)).toEqual(new Set(want));
        for (const id of got) {
          if (!p.isAdmin) expect(secretChunks.has(id)).toBe(false);
          if (!p.isAdmin) expect(aclOf.get(id)!.some((a) => p.principals.includes(a))).toBe(true);
        }
        const search = await searchChunks({
          db: t.db,
          principal: p,
          query: q,
          limit: 5,
          embedder,
          reranker: null,
          options: { vectorIndex: layout.index, exactThreshold: 0 },
        });
        for (const r of search.results) if (!p.isAdmin) expect(secretChunks.has(r.chunkId)).toBe(false);
        if (p.isAdmin && q === "secret merger")
          expect(search.results.map((r) => r.chunkId)).toContain([...secretChunks][0]);
      }
  });

  it("the binary query is served by the binary-quantized index", async () => {
    await applyVectorLayout({ db: t.db, layout: { type: "vector", index: "binary" }, maintenanceWorkMem: "64MB" });
    const plan = await t.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('enable_seqscan', 'off', true)`);
      const literal = `[${(await embedder.embedQuery("refund")).join(",")}]`;
      const r = await tx.execute<{ "QUERY PLAN": string }>(
        sql`explain select id from chunks c order by binary_quantize(c.embedding)::bit(${sql.raw(String(embedder.dimensions))}) <~> binary_quantize(${literal}::vector) limit 10`,
      );
      return r.rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("chunks_embedding_idx");
  });
});
