import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { startFakeOpenAI, type FakeOpenAI } from "@groundwork/models/testing";
import { createRerankClient } from "@groundwork/models/rerank";
import { readDocument, readDocumentFile } from "./read-document";
import { searchChunks } from "./search-chunks";
import { seedDocument, testPrincipal } from "./testing/seed-documents";

const hostileQueries = [
  `"unterminated quote`,
  `'single' "double" ''`,
  "refund: policy: 30:days",
  "a & b | !c ( ) : * <-> <2> !!! &&& ||| ((((",
  "!",
  "*:*",
  "'",
  "\\",
  "🙂 refund 🚀 policy 😀",
  "DROP TABLE chunks; --",
  "null\u0000byte refund",
  "   ",
  "the of and",
  `${"refund policy & (parental | leave) <-> 'quote' ".repeat(220)}`.slice(0, 10_240),
];

describe.each(await availableTargets())("searchChunks on %s", (target) => {
  let t: TestDatabase;
  let fake: FakeOpenAI;
  const hr = testPrincipal({ groups: ["hr"] });
  const employee = testPrincipal();
  const admin = testPrincipal({ admin: true });
  let refundDoc = "";
  let leaveDoc = "";
  let oldLeaveDoc = "";

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    fake = await startFakeOpenAI();
    const db = t.db;
    refundDoc = (
      await seedDocument({
        db,
        doc: {
          source: "policies",
          path: "finance/refunds.md",
          title: "Refund policy",
          acl: ["group:everyone"],
          tags: ["finance"],
          owner: "finance@quillfeather.example",
          effectiveDate: "2026-01-01",
          chunks: [
            {
              text: "Customers may request a refund within 30 days of purchase. Refunds go back to the original card.",
              headings: ["Refund policy", "Eligibility"],
              pageFrom: 1,
              pageTo: 1,
            },
            {
              text: "Annual plans are refunded pro rata after the first 30 days; monthly plans are not refunded.",
              headings: ["Refund policy", "Plans"],
              pageFrom: 2,
              pageTo: 2,
            },
          ],
        },
      })
    ).documentId;
    oldLeaveDoc = (
      await seedDocument({
        db,
        doc: {
          source: "hr-handbook",
          path: "leave.md",
          title: "Parental leave (2024)",
          acl: ["group:hr"],
          version: 1,
          status: "superseded",
          mime: "application/pdf",
          chunks: [{ text: "Parental leave is twelve weeks of paid leave for every parent (old rule)." }],
        },
      })
    ).documentId;
    leaveDoc = (
      await seedDocument({
        db,
        doc: {
          source: "hr-handbook",
          path: "leave.md",
          title: "Parental leave",
          acl: ["group:hr"],
          version: 2,
          mime: "application/pdf",
          tags: ["benefits"],
          file: { filename: "leave.pdf", content: Buffer.from("%PDF-1.4 fake leave") },
          chunks: [
            { text: "Parental leave is sixteen weeks of paid leave for every parent, taken within the first year." },
          ],
        },
      })
    ).documentId;
    await t.db.execute(sql`update documents set superseded_by = ${leaveDoc}::uuid where id = ${oldLeaveDoc}::uuid`);
    await seedDocument({
      db,
      doc: {
        source: "policies",
        path: "it/laptops.md",
        title: "Laptop policy",
        acl: ["group:everyone"],
        tags: ["it"],
        mime: "text/plain",
        updatedAt: new Date("2020-01-01T00:00:00Z"),
        chunks: [{ text: "Laptops are replaced every three years. Lost laptops must be reported within 24 hours." }],
      },
    });
  });

  afterAll(async () => {
    await fake?.close();
    await t?.dispose();
  });

  it("finds the passage and returns everything a citation needs", async () => {
    const r = await searchChunks({
      db: t.db,
      principal: employee,
      query: "can customers request a refund after purchase?",
      limit: 5,
      reranker: null,
      options: { facets: true },
    });
    const top = r.results[0]!;
    expect(top.documentId).toBe(refundDoc);
    expect(top).toMatchObject({
      title: "Refund policy",
      path: "finance/refunds.md",
      version: 1,
      sourceName: "policies",
      pageFrom: 1,
      pageTo: 1,
      mime: "text/markdown",
      owner: "finance@quillfeather.example",
      effectiveDate: "2026-01-01",
    });
    expect(top.headings).toEqual(["Refund policy", "Eligibility"]);
    expect(top.charStart).toBe(0);
    expect(top.charEnd).toBe(top.text.length);
    expect(top.snippet).toMatch(/«refund»/i);
    expect(top.ranks.lexical).toBe(1);
    expect(top.ranks.vector).not.toBeNull();
    expect(r.embeddingModel).toBe("hash-v1-384");
    expect(r.facets.sources.map((f) => f.value)).toEqual(["policies"]);
    expect(r.timings.total_ms).toBeGreaterThan(0);
  });

  it("leaves facets and term statistics out unless asked, and counts the statistics over the caller's chunks", async () => {
    const plain = await searchChunks({
      db: t.db,
      principal: employee,
      query: "refund purchase zyxwvut",
      limit: 5,
      reranker: null,
    });
    expect(plain.results.length).toBeGreaterThan(0);
    expect(plain.facets).toEqual({ sources: [], types: [] });
    expect(plain.queryTerms).toEqual([]);
    expect(plain.chunkCount).toBe(0);
    const r = await searchChunks({
      db: t.db,
      principal: employee,
      query: "refund purchase zyxwvut",
      limit: 5,
      reranker: null,
      options: { termStats: true },
    });
    // df and N count only chunks this employee may read (hr's documents are left out).
    const principals = sql`${sql.param(employee.principals)}::text[]`;
    const stats = await t.db.execute<{ n: number; df: number; all: number }>(sql`
      select (select count(*) from chunks where acl && ${principals})::int as n,
             (select count(*) from chunks where acl && ${principals} and tsv @@ 'refund'::tsquery)::int as df,
             (select chunk_count from corpus_stats where id = 1)::int as all`);
    expect(Number(stats.rows[0]!.n)).toBeLessThan(Number(stats.rows[0]!.all));
    const chunkCount = Number(stats.rows[0]!.n);
    const refundDf = Number(stats.rows[0]!.df);
    expect(r.chunkCount).toBe(chunkCount);
    const byLexeme = new Map(r.queryTerms.map((q) => [q.lexeme, q]));
    expect([...byLexeme.keys()].sort()).toEqual(["purchas", "refund", "zyxwvut"]);
    expect(byLexeme.get("refund")!.df).toBe(refundDf);
    expect(byLexeme.get("zyxwvut")!.df).toBe(0);
    // Rarer lexemes carry more weight; a lexeme absent from the corpus the most.
    expect(byLexeme.get("zyxwvut")!.idf).toBeGreaterThan(byLexeme.get("refund")!.idf);
    expect(byLexeme.get("refund")!.idf).toBeCloseTo(Math.log(1 + (chunkCount - refundDf + 0.5) / (refundDf + 0.5)), 9);
  });

  it("parses any user text without a syntax error", async () => {
    for (const query of hostileQueries) {
      const r = await searchChunks({ db: t.db, principal: employee, query, limit: 5, reranker: null });
      expect(Array.isArray(r.results)).toBe(true);
    }
    const r = await searchChunks({ db: t.db, principal: employee, query: hostileQueries.at(-1)!, reranker: null });
    expect(r.results.some((x) => x.documentId === refundDoc)).toBe(true);
    expect((await searchChunks({ db: t.db, principal: employee, query: "   ", reranker: null })).results).toEqual([]);
  });

  it("keeps restricted and superseded documents out", async () => {
    const forEmployee = await searchChunks({
      db: t.db,
      principal: employee,
      query: "parental leave weeks",
      reranker: null,
    });
    expect(forEmployee.results.map((r) => r.documentId)).not.toContain(leaveDoc);
    const forHr = await searchChunks({ db: t.db, principal: hr, query: "parental leave weeks", reranker: null });
    expect(forHr.results[0]?.documentId).toBe(leaveDoc);
    expect(forHr.results.map((r) => r.documentId)).not.toContain(oldLeaveDoc);
    const history = await searchChunks({
      db: t.db,
      principal: hr,
      query: "parental leave weeks",
      filters: { includeSuperseded: true },
      reranker: null,
    });
    expect(history.results.map((r) => r.documentId)).toContain(oldLeaveDoc);
    const forAdmin = await searchChunks({ db: t.db, principal: admin, query: "parental leave weeks", reranker: null });
    expect(forAdmin.results[0]?.documentId).toBe(leaveDoc);
  });

  it("applies source, type, tag and date filters", async () => {
    const q = "policy leave refund laptops";
    const bySource = await searchChunks({
      db: t.db,
      principal: admin,
      query: q,
      filters: { sourceNames: ["hr-handbook"] },
      reranker: null,
    });
    expect(new Set(bySource.results.map((r) => r.sourceName))).toEqual(new Set(["hr-handbook"]));
    const byType = await searchChunks({
      db: t.db,
      principal: admin,
      query: q,
      filters: { types: ["pdf"] },
      reranker: null,
    });
    expect(byType.results.map((r) => r.documentId)).toEqual([leaveDoc]);
    const byTag = await searchChunks({
      db: t.db,
      principal: admin,
      query: q,
      filters: { tags: ["it"] },
      reranker: null,
    });
    expect(byTag.results.map((r) => r.title)).toEqual(["Laptop policy"]);
    const recent = await searchChunks({
      db: t.db,
      principal: admin,
      query: q,
      filters: { updatedAfter: new Date("2025-01-01") },
      reranker: null,
    });
    expect(recent.results.map((r) => r.title)).not.toContain("Laptop policy");
    expect(recent.results.length).toBeGreaterThan(0);
    const bySourceId = await searchChunks({
      db: t.db,
      principal: admin,
      query: q,
      filters: { sourceIds: [bySource.results[0]!.sourceId] },
      reranker: null,
    });
    expect(new Set(bySourceId.results.map((r) => r.sourceName))).toEqual(new Set(["hr-handbook"]));
  });

  it("takes the exact vector path for selective callers and HNSW for broad ones", async () => {
    const broad = await searchChunks({
      db: t.db,
      principal: employee,
      query: "refund",
      reranker: null,
      options: { exactThreshold: 1 },
    });
    expect(broad.vectorPath).toBe("hnsw");
    expect(broad.results.length).toBeGreaterThan(0);
    const selective = await searchChunks({
      db: t.db,
      principal: hr,
      query: "sixteen weeks",
      reranker: null,
      options: { legs: { lexical: false } },
    });
    expect(selective.vectorPath).toBe("exact");
    expect(selective.results.every((r) => r.ranks.lexical === null && r.ranks.vector !== null)).toBe(true);
  });

  it("never mixes embedding models", async () => {
    const other = {
      modelId: "openai:other@384",
      dimensions: 384,
      embedDocuments: async (x: string[]) => x.map(() => new Array(384).fill(0.1)),
      embedQuery: async () => new Array(384).fill(0.1),
    };
    const r = await searchChunks({
      db: t.db,
      principal: employee,
      query: "refund days",
      embedder: other,
      reranker: null,
    });
    // The stored chunks are hash vectors: the query is re-embedded with the stored model.
    expect(r.embeddingModel).toBe("hash-v1-384");
    expect(r.results[0]?.documentId).toBe(refundDoc);
  });

  it("reranks through a /rerank endpoint and survives its failure", async () => {
    const reranker = createRerankClient({ url: fake.url, model: "fake-rerank" });
    // Fused order puts the 30-days eligibility chunk first; the fake cross-encoder prefers word overlap with "annual plans pro rata".
    const r = await searchChunks({
      db: t.db,
      principal: employee,
      query: "refund annual plans pro rata",
      limit: 3,
      reranker,
    });
    expect(r.results[0]?.text).toMatch(/Annual plans/);
    expect(r.results[0]?.ranks.rerank).toBe(1);
    expect(r.timings.rerank_ms).toBeGreaterThanOrEqual(0);
    const broken = createRerankClient({ url: "http://127.0.0.1:9/rerank", model: "x", timeoutMs: 500 });
    const degraded = await searchChunks({
      db: t.db,
      principal: employee,
      query: "refund annual plans",
      limit: 3,
      reranker: broken,
    });
    expect(degraded.results.length).toBeGreaterThan(0);
    expect(degraded.results.every((x) => x.ranks.rerank === null)).toBe(true);
    expect(degraded.warnings.join(" ")).toMatch(/reranker/);
  });

  it("reads a document only when allowed, with the same null for hidden and missing", async () => {
    expect(await readDocument({ db: t.db, principal: employee, documentId: leaveDoc })).toBeNull();
    expect(
      await readDocument({ db: t.db, principal: employee, documentId: "00000000-0000-4000-8000-000000000000" }),
    ).toBeNull();
    expect(await readDocument({ db: t.db, principal: employee, documentId: "not-a-uuid" })).toBeNull();
    const doc = await readDocument({ db: t.db, principal: hr, documentId: leaveDoc });
    expect(doc).toMatchObject({
      title: "Parental leave",
      version: 2,
      status: "active",
      sourceName: "hr-handbook",
      hasFile: true,
      current: null,
    });
    expect(doc?.normalizedText).toMatch(/sixteen weeks/);
    const old = await readDocument({ db: t.db, principal: hr, documentId: oldLeaveDoc });
    expect(old).toMatchObject({ status: "superseded", supersededBy: leaveDoc, current: { id: leaveDoc, version: 2 } });
    expect(await readDocumentFile({ db: t.db, principal: employee, documentId: leaveDoc })).toBeNull();
    const file = await readDocumentFile({ db: t.db, principal: hr, documentId: leaveDoc });
    expect(file?.filename).toBe("leave.pdf");
    expect(file?.content.toString()).toBe("%PDF-1.4 fake leave");
    expect(await readDocumentFile({ db: t.db, principal: admin, documentId: leaveDoc })).not.toBeNull();
  });

  it("row-level security hides rows from a query that forgets its ACL predicate", async () => {
    const count = async (p: ReturnType<typeof testPrincipal>, table: "chunks" | "documents" | "document_files") =>
      withReaderScope({
        db: t.db,
        scope: { principals: p.principals, isAdmin: p.isAdmin },
        fn: async (tx) =>
          Number(
            (await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`)).rows[0]!.n,
          ),
      });
    const all = Number((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from chunks`)).rows[0]!.n);
    expect(await count(employee, "chunks")).toBe(all - 2);
    expect(await count(hr, "chunks")).toBe(all);
    expect(await count(employee, "documents")).toBe(2);
    expect(await count(employee, "document_files")).toBe(0);
    expect(await count(hr, "document_files")).toBe(1);
    expect(await count(testPrincipal({ groups: [] }), "chunks")).toBe(all - 2);
    // No principals at all (a forgotten set_config): nothing.
    expect(await count({ ...employee, principals: [] }, "chunks")).toBe(0);
    expect(await count(admin, "chunks")).toBe(all);
  });

  it("counts each result document's chunks the caller may read, with term statistics only", async () => {
    const { documentId } = await seedDocument({
      db: t.db,
      doc: {
        source: "policies",
        path: "finance/mileage.md",
        title: "Mileage",
        acl: ["group:everyone"],
        chunks: [
          { text: "Mileage is repaid at 45p per mile for the first 10,000 miles." },
          { text: "Mileage claims need the journey's start and end postcodes." },
          { text: "Mileage for board members is repaid at 60p per mile." },
        ],
      },
    });
    // One chunk of the readable document is hr's only: the employee's count leaves it out.
    await t.db.execute(
      sql`update chunks set acl = '{group:hr}' where document_id = ${documentId}::uuid and text like '%board%'`,
    );
    const ask = (principal: ReturnType<typeof testPrincipal>, termStats: boolean) =>
      searchChunks({
        db: t.db,
        principal,
        query: "mileage per mile",
        limit: 10,
        reranker: null,
        options: { termStats },
      });
    const mine = await ask(employee, true);
    expect(mine.results.some((r) => r.documentId === documentId)).toBe(true);
    expect(mine.documentChunks[documentId]).toBe(2);
    expect(new Set(Object.keys(mine.documentChunks))).toEqual(new Set(mine.results.map((r) => r.documentId)));
    expect((await ask(hr, true)).documentChunks[documentId]).toBe(3);
    expect((await ask(admin, true)).documentChunks[documentId]).toBe(3);
    expect((await ask(employee, false)).documentChunks).toEqual({});
    await t.db.execute(sql`delete from chunks where document_id = ${documentId}::uuid`);
    await t.db.execute(sql`delete from documents where id = ${documentId}::uuid`);
  });
});
