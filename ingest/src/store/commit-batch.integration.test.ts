import os from "node:os";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { chunks, documents, ingestionFiles, ingestionRuns } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { emptyCounts, type Pending, type RunProgress } from "../run-model";
import { commitBatch } from "./commit-batch";
import { createSource } from "../sources/manage-sources";

const targets = await availableTargets();
const embedder = createHashEmbedder();

async function pendingDoc(sourceId: string, name: string, title: string): Promise<Pending> {
  const text = `${title} body text about expense approvals for ${name}.`;
  const [embedding] = await embedder.embedDocuments([text]);
  return {
    outcome: "added",
    started: Date.now(),
    inputs: [],
    write: {
      sourceId,
      path: name,
      previousId: null,
      version: 1,
      title,
      mime: "text/markdown",
      contentHash: `hash-${name}`,
      effectiveDate: null,
      owner: null,
      tags: [],
      acl: ["group:everyone"],
      normalizedText: text,
      pageCount: null,
      bytes: new TextEncoder().encode(text),
      filename: name,
      metadata: {},
      chunks: [
        {
          ordinal: 0,
          text,
          headings: [],
          pageFrom: null,
          pageTo: null,
          charStart: 0,
          charEnd: text.length,
          context: title,
          textHash: `th-${name}`,
          embedding: embedding!,
        },
      ],
      embeddingModel: embedder.modelId,
    },
  };
}

const progress =
  (size: number) =>
  (rows: { outcome: string; chunks?: number }[]): RunProgress => {
    const counts = emptyCounts();
    for (const r of rows) {
      counts.seen++;
      if (r.outcome === "added") counts.added++;
      if (r.outcome === "failed") counts.failed++;
    }
    return {
      counts,
      progressDone: size,
      chunksWritten: rows.reduce((n, r) => n + (r.chunks ?? 0), 0),
      embeddingCalls: 0,
    };
  };

describe.each(targets)("batched commits on %s", (target) => {
  let t: TestDatabase;
  let sourceId: string;
  let runId: string;

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    const source = await createSource({
      db: t.db,
      name: "batch",
      kind: "folder",
      path: os.tmpdir(),
      defaultAcl: ["everyone"],
    });
    sourceId = source.id;
    const [run] = await t.db.insert(ingestionRuns).values({ sourceId, trigger: "cli", status: "running" }).returning();
    runId = run!.id;
  });
  afterAll(async () => t?.dispose());

  it("a document the database rejects fails alone; the batch's good documents and its parse failure commit, counts add up", async () => {
    // A NUL character passes Node but Postgres refuses it in text: a database error mid-batch.
    const docs = [
      await pendingDoc(sourceId, "a.md", "Alpha"),
      await pendingDoc(sourceId, "bad.md", "Bad\u0000title"),
      await pendingDoc(sourceId, "c.md", "Gamma"),
    ];
    let committed: RunProgress | null = null;
    const rows = await commitBatch({
      db: t.db,
      runId,
      pending: docs,
      aclUpdates: [],
      outcomes: [{ path: "broken.pdf", outcome: "failed", error: "corrupt PDF", durationMs: 1 }],
      progress: progress(4),
      onCommitted: (p) => (committed = p),
    });
    expect(Object.fromEntries(rows.map((r) => [r.path, r.outcome]))).toEqual({
      "a.md": "added",
      "bad.md": "failed",
      "c.md": "added",
      "broken.pdf": "failed",
    });
    expect(rows.find((r) => r.path === "bad.md")!.error).toMatch(/^could not store/);

    const live = await t.db
      .select({ path: documents.path })
      .from(documents)
      .where(eq(documents.sourceId, sourceId))
      .orderBy(documents.path);
    expect(live.map((d) => d.path)).toEqual(["a.md", "c.md"]);
    const n = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from chunks`);
    expect(n.rows[0]!.n).toBe(2);
    const files = await t.db.select().from(ingestionFiles).where(eq(ingestionFiles.runId, runId));
    expect(files).toHaveLength(4);
    const [run] = await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.id, runId));
    expect(run!.counts).toMatchObject({ seen: 4, added: 2, failed: 2 });
    expect(run!.progressDone).toBe(4);
    expect(run!.chunksWritten).toBe(2);
    expect(committed).toMatchObject({ progressDone: 4, chunksWritten: 2 });
  });

  it("progress from two batches adds up in SQL instead of overwriting", async () => {
    const one = commitBatch({
      db: t.db,
      runId,
      pending: [await pendingDoc(sourceId, "d.md", "Delta")],
      aclUpdates: [],
      outcomes: [],
      progress: progress(1),
      onCommitted: () => undefined,
    });
    const two = commitBatch({
      db: t.db,
      runId,
      pending: [await pendingDoc(sourceId, "e.md", "Epsilon")],
      aclUpdates: [],
      outcomes: [],
      progress: progress(1),
      onCommitted: () => undefined,
    });
    await Promise.all([one, two]);
    const [run] = await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.id, runId));
    expect(run!.counts).toMatchObject({ seen: 6, added: 4, failed: 2 });
    expect(run!.progressDone).toBe(6);
    const stats = await t.db.execute<{ n: number; c: number }>(
      sql`select chunk_count as n, (select count(*)::int from chunks) as c from corpus_stats`,
    );
    expect(stats.rows[0]!.n).toBe(stats.rows[0]!.c);
    expect(await t.db.select({ id: chunks.id }).from(chunks)).toHaveLength(4);
  });
});
