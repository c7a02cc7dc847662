import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { chunks, documents, users } from "@groundwork/db/schema";
import { createHashEmbedder, type Embedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { createSource, listSources } from "../sources/manage-sources";
import { cancelRun, getRun, listRunFiles, requestRun } from "./runs";
import { startIngestWorker, type IngestWorker } from "./start-ingest-worker";
import { storeUpload } from "../store/store-upload";
import { updateDocumentAcl } from "../store/update-document-acl";
import { reembedCorpus } from "../store/reembed-corpus";
import { makeDocx, makeEncryptedPdf, makePdf, writeTree } from "../testing/make-fixtures";
import { waitForRun } from "./wait-for-run";

/** Counts every text the embedder computes, so tests can assert "0 embeddings". */
function countingEmbedder(): Embedder & { count: number } {
  const inner = createHashEmbedder();
  const e = {
    count: 0,
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    async embedDocuments(texts: string[]) {
      e.count += texts.length;
      return inner.embedDocuments(texts);
    },
    embedQuery: (t: string) => inner.embedQuery(t),
  };
  return e;
}

const targets = await availableTargets();

describe.each(targets)("ingestion runs on %s", (target) => {
  let t: TestDatabase;
  let worker: IngestWorker;
  let embedder: ReturnType<typeof countingEmbedder>;
  let root: string;
  const env = { ...readIngestEnv({}), maxFileBytes: 200_000 };

  const run = async (source = "handbook") => {
    const { runId } = await requestRun({ db: t.db, source, trigger: "cli" });
    return waitForRun({ db: t.db, runId });
  };
  const activeChunks = async () =>
    t.db
      .select({
        id: chunks.id,
        path: documents.path,
        text: chunks.text,
        acl: chunks.acl,
        ordinal: chunks.ordinal,
        model: chunks.embeddingModel,
      })
      .from(chunks)
      .innerJoin(documents, eq(documents.id, chunks.documentId))
      .orderBy(documents.path, chunks.ordinal);
  const docRows = async (p: string) =>
    t.db.select().from(documents).where(eq(documents.path, p)).orderBy(documents.version);

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    await seedDemoUsers({ db: t.db });
    embedder = countingEmbedder();
    worker = await startIngestWorker({ handle: t, embedder, env, pollingIntervalSeconds: 0.5, log: () => undefined });
    root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-ingest-"));
    const longRows = Array.from({ length: 60 }, (_, i) => `Customer ${i},Plan ${i % 3},${100 + i}`).join("\n");
    writeTree(root, {
      "handbook.md": "# Handbook\n\nWelcome to Quillfeather Labs. Everyone reads this.",
      "hr/.access.yaml": "groups: [hr]\nusers: [harper]\nowner: People Team\ntags: [policy]\n",
      "hr/travel-policy-2023.md":
        "---\ntitle: Travel Policy 2023\neffective_date: 2023-01-01\n---\n# Travel\n\nFly business class on long trips.",
      "hr/travel-policy-2024.md":
        "---\ntitle: Travel Policy 2024\neffective_date: 2024-01-01\nsupersedes: hr/travel-policy-2023.md\ntags: [travel]\n---\n# Travel\n\nFly economy class on every trip.",
      "hr/remote.docx": await makeDocx({
        title: "Remote Work",
        sections: [{ heading: "Eligibility", paragraphs: ["Staff may work remotely three days a week."] }],
      }),
      "legal/.access.yaml": "groups: [legal]\n",
      "legal/sla.html":
        "<html><head><title>SLA</title></head><body><h1>SLA</h1><p>Uptime 99.9 percent.</p><script>leak()</script></body></html>",
      "legal/customers.csv": `Customer,Plan,Price\n${longRows}\n`,
      "it/security.pdf": await makePdf({
        title: "Security",
        pages: [["Use a password manager."], ["Lock your screen."]],
      }),
      "notes.txt": "Plain text notes about the office coffee machine.",
      // Bad inputs: each must fail alone while everything else commits.
      "bad/corrupt.pdf": "%PDF-1.4\nnot a real pdf",
      "bad/encrypted.pdf": makeEncryptedPdf(),
      "bad/empty.md": "",
      "bad/binary.md": Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      "bad/invalid-utf8.txt": Uint8Array.from([0x61, 0xe2, 0x82, 0x20, 0x8f, 0x62]),
      "bad/oversize.txt": "x".repeat(250_000),
      "bad/slides.pptx": "PK\u0003\u0004 not parsed locally",
    });
    // A symlink that escapes the source root.
    fs.symlinkSync("/etc/hostname", path.join(root, "bad", "escape.md"));
    await createSource({ db: t.db, name: "handbook", kind: "folder", path: root, defaultAcl: ["everyone"] });
  });

  afterAll(async () => {
    await worker?.stop();
    await t?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("first run: adds the good files, fails each bad file alone, applies access files and supersedes", async () => {
    const done = await run();
    expect(done.status).toBe("partial");
    expect(done.counts).toEqual({ seen: 16, added: 8, updated: 0, unchanged: 0, deleted: 0, aclUpdated: 0, failed: 8 });
    expect(done.progressDone).toBe(done.progressTotal);
    const files = await listRunFiles({ db: t.db, runId: done.id });
    const failed = Object.fromEntries(files.filter((f) => f.outcome === "failed").map((f) => [f.path, f.error]));
    expect(failed).toEqual({
      "bad/binary.md": "binary content — not a text file",
      "bad/corrupt.pdf": expect.stringMatching(/^corrupt PDF/),
      "bad/empty.md": "empty file",
      "bad/encrypted.pdf": "encrypted PDF — a password is required",
      "bad/escape.md": expect.stringMatching(/symbolic link refused/),
      "bad/invalid-utf8.txt": expect.stringMatching(/invalid UTF-8/),
      "bad/oversize.txt": "file too large: 250000 bytes (limit 200000)",
      "bad/slides.pptx": "unsupported format .pptx — set UNSTRUCTURED_API_URL",
    });

    const [harper] = await t.db.select().from(users).where(eq(users.username, "harper"));
    const rows = await activeChunks();
    const byPath = (p: string) => rows.filter((r) => r.path === p);
    expect(byPath("handbook.md")[0]!.acl).toEqual(["group:everyone"]);
    expect(byPath("hr/remote.docx")[0]!.acl).toEqual(["group:hr", `user:${harper!.id}`]);
    expect(byPath("legal/sla.html")[0]!.acl).toEqual(["group:legal"]);
    expect(byPath("legal/sla.html")[0]!.text).not.toContain("leak");
    expect(byPath("legal/customers.csv").length).toBeGreaterThan(1);
    for (const c of byPath("legal/customers.csv")) expect(c.text.startsWith("Customer | Plan | Price\n")).toBe(true);
    expect(rows.every((r) => r.model === "hash-v1-384")).toBe(true);

    // Superseded: row kept with its text, no chunks.
    const [old] = await docRows("hr/travel-policy-2023.md");
    const [current] = await docRows("hr/travel-policy-2024.md");
    expect(old!.status).toBe("superseded");
    expect(old!.supersededBy).toBe(current!.id);
    expect(old!.normalizedText).toContain("business class");
    expect(byPath("hr/travel-policy-2023.md")).toHaveLength(0);
    expect(current!).toMatchObject({
      status: "active",
      effectiveDate: "2024-01-01",
      owner: "People Team",
      tags: ["policy", "travel"],
    });

    const [pdf] = await docRows("it/security.pdf");
    expect(pdf!.pageCount).toBe(2);
  });

  it("second run is idempotent: identical chunk ids, nothing parsed or embedded", async () => {
    const before = await activeChunks();
    embedder.count = 0;
    const done = await run();
    expect(done.counts).toMatchObject({ seen: 16, added: 0, updated: 0, unchanged: 8, failed: 8, deleted: 0 });
    expect(embedder.count).toBe(0);
    expect(done.embeddingCalls).toBe(0);
    expect((await activeChunks()).map((c) => c.id)).toEqual(before.map((c) => c.id));
  });

  it("a changed file becomes a new version; only its changed chunks are embedded", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `Customer ${i},Plan ${i % 3},${100 + i}`);
    rows[59] = "Customer 59,Plan 9,999";
    fs.writeFileSync(path.join(root, "legal/customers.csv"), `Customer,Plan,Price\n${rows.join("\n")}\n`);
    const csvChunks = (await activeChunks()).filter((c) => c.path === "legal/customers.csv");
    embedder.count = 0;
    const done = await run();
    expect(done.counts).toMatchObject({ added: 0, updated: 1, unchanged: 7 });
    expect(embedder.count).toBe(1);
    expect(csvChunks.length).toBeGreaterThan(1);
    const versions = await docRows("legal/customers.csv");
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [1, "superseded"],
      [2, "active"],
    ]);
    expect(versions[0]!.supersededBy).toBe(versions[1]!.id);
    const now = (await activeChunks()).filter((c) => c.path === "legal/customers.csv");
    expect(now).toHaveLength(csvChunks.length);
    expect(now.some((c) => c.text.includes("Customer 59 | Plan 9 | 999"))).toBe(true);
    // No duplicates: one live set of ordinals.
    expect(new Set(now.map((c) => c.ordinal)).size).toBe(now.length);
  });

  it("an access-file change updates ACLs on documents and chunks with 0 embeddings", async () => {
    fs.writeFileSync(path.join(root, "legal/.access.yaml"), "groups: [legal, exec]\n");
    embedder.count = 0;
    const done = await run();
    expect(done.counts).toMatchObject({ aclUpdated: 2, updated: 0, added: 0 });
    expect(embedder.count).toBe(0);
    const legal = (await activeChunks()).filter((c) => c.path.startsWith("legal/"));
    expect(legal.length).toBeGreaterThan(0);
    expect(legal.every((c) => c.acl.join() === "group:exec,group:legal")).toBe(true);
    const [sla] = await t.db
      .select()
      .from(documents)
      .where(and(eq(documents.path, "legal/sla.html"), eq(documents.status, "active")));
    expect(sla!.acl).toEqual(["group:exec", "group:legal"]);
  });

  it("a deleted file is deleted and unsearchable in the same run; bad files fixed later are added", async () => {
    fs.rmSync(path.join(root, "notes.txt"));
    fs.rmSync(path.join(root, "bad"), { recursive: true });
    const done = await run();
    expect(done.status).toBe("succeeded");
    expect(done.counts).toMatchObject({ seen: 7, deleted: 1, failed: 0, unchanged: 7 });
    expect((await activeChunks()).filter((c) => c.path === "notes.txt")).toHaveLength(0);
    const [notes] = await docRows("notes.txt");
    expect(notes!.status).toBe("deleted");
    // The file comes back: a fresh version number, searchable again.
    fs.writeFileSync(path.join(root, "notes.txt"), "Plain text notes, back again.");
    const again = await run();
    expect(again.counts).toMatchObject({ added: 1 });
    expect((await docRows("notes.txt")).map((d) => [d.version, d.status])).toEqual([
      [1, "deleted"],
      [2, "active"],
    ]);
  });

  it("refuses a second run while one is active, naming it; cancel stops a queued run", async () => {
    await worker.stop();
    const first = await requestRun({ db: t.db, source: "handbook", trigger: "user" });
    const error = await requestRun({ db: t.db, source: "handbook", trigger: "user" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "conflict" });
    expect((error as Error).message).toContain(first.runId);
    const cancelled = await cancelRun({ db: t.db, runId: first.runId });
    expect(cancelled.status).toBe("cancelled");
    worker = await startIngestWorker({ handle: t, embedder, env, pollingIntervalSeconds: 0.5, log: () => undefined });
    const next = await run();
    expect(next.status).toBe("succeeded");
  });

  it("cancels a running run at its next checkpoint", async () => {
    await worker.stop();
    worker = await startIngestWorker({
      handle: t,
      embedder,
      env,
      pollingIntervalSeconds: 0.5,
      batchSize: 1,
      fileDelayMs: 250,
      log: () => undefined,
    });
    const { runId } = await requestRun({ db: t.db, source: "handbook", trigger: "user" });
    const deadline = Date.now() + 30_000;
    let progress = 0;
    while (Date.now() < deadline) {
      const r = await getRun({ db: t.db, runId });
      progress = r.progressDone;
      if (r.status === "running" && progress >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(progress).toBeGreaterThanOrEqual(1);
    await cancelRun({ db: t.db, runId });
    const done = await waitForRun({ db: t.db, runId });
    expect(done.status).toBe("cancelled");
    expect(done.progressDone).toBeLessThan(done.progressTotal);
    await worker.stop();
    worker = await startIngestWorker({ handle: t, embedder, env, pollingIntervalSeconds: 0.5, log: () => undefined });
  });

  it("upload source: stores the file with its ACL, refuses path tricks and bad types, and ingests it", async () => {
    const uploadDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-upload-"));
    await createSource({ db: t.db, name: "uploads", kind: "upload", path: uploadDir, defaultAcl: [] });
    await expect(
      storeUpload({
        db: t.db,
        source: "uploads",
        filename: "../escape.md",
        bytes: Buffer.from("x"),
        acl: ["everyone"],
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      storeUpload({ db: t.db, source: "uploads", filename: ".hidden.md", bytes: Buffer.from("x"), acl: [] }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      storeUpload({ db: t.db, source: "uploads", filename: "tool.exe", bytes: Buffer.from("MZ"), acl: [] }),
    ).rejects.toMatchObject({ code: "unsupported" });
    await expect(
      storeUpload({
        db: t.db,
        source: "uploads",
        filename: "big.md",
        bytes: Buffer.alloc(300),
        acl: [],
        maxBytes: 100,
      }),
    ).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(
      storeUpload({ db: t.db, source: "handbook", filename: "a.md", bytes: Buffer.from("x"), acl: [] }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(fs.existsSync(path.join(os.tmpdir(), "escape.md"))).toBe(false);
    const stored = await storeUpload({
      db: t.db,
      source: "uploads",
      filename: "Support FAQ.md",
      bytes: Buffer.from("# FAQ\n\nReset passwords from the login page."),
      acl: ["support"],
    });
    expect(stored.path).toBe("Support FAQ.md");
    const done = await run("uploads");
    expect(done.counts).toMatchObject({ added: 1, failed: 0 });
    const rows = (await activeChunks()).filter((c) => c.path === "Support FAQ.md");
    expect(rows[0]!.acl).toEqual(["group:support"]);
    expect((await listSources({ db: t.db })).map((s) => s.name)).toEqual(["handbook", "uploads"]);
    fs.rmSync(uploadDir, { recursive: true, force: true });
  });

  it("updateDocumentAcl changes a document and its chunks without re-embedding", async () => {
    const [doc] = await t.db
      .select()
      .from(documents)
      .where(and(eq(documents.path, "handbook.md"), eq(documents.status, "active")));
    embedder.count = 0;
    const before = doc!.acl;
    const result = await updateDocumentAcl({
      db: t.db,
      documentId: doc!.id,
      acl: ["exec", "user:00000000-0000-0000-0000-000000000001"],
    });
    expect(result.acl).toEqual(["group:exec", "user:00000000-0000-0000-0000-000000000001"]);
    // The ACL it replaced comes back for the audit row's before/after.
    expect(result.previous).toEqual(before);
    expect(result.previous).not.toEqual(result.acl);
    const rows = await t.db.select({ acl: chunks.acl }).from(chunks).where(eq(chunks.documentId, doc!.id));
    expect(rows.every((r) => r.acl.join() === result.acl.join())).toBe(true);
    expect(embedder.count).toBe(0);
    const [{ n }] = (
      await t.db.execute<{ n: number }>(
        sql`select count(*)::int as n from chunks where document_id = ${doc!.id} and embedding is null`,
      )
    ).rows as [{ n: number }];
    expect(n).toBe(0);
  });

  it("reembed moves every chunk to another model, reusing the cache on a second pass", async () => {
    const inner = createHashEmbedder();
    let computed = 0;
    const other: Embedder = {
      modelId: "hash-alt-384",
      dimensions: inner.dimensions,
      async embedDocuments(texts) {
        computed += texts.length;
        return (await inner.embedDocuments(texts)).map((v) => v.map((x) => -x));
      },
      embedQuery: (q) => inner.embedQuery(q),
    };
    const total = (await activeChunks()).length;
    const result = await reembedCorpus({ db: t.db, embedder: other, batchSize: 7 });
    expect(result.chunks).toBe(total);
    expect(result.embedded).toBe(computed);
    expect(computed).toBeGreaterThan(0);
    expect((await activeChunks()).every((c) => c.model === "hash-alt-384")).toBe(true);
    expect(await reembedCorpus({ db: t.db, embedder: other })).toEqual({ chunks: 0, embedded: 0 });
    // Back to the first model: every vector comes from the cache.
    const back = await reembedCorpus({ db: t.db, embedder: createHashEmbedder() });
    expect(back).toEqual({ chunks: total, embedded: 0 });
  });
});
