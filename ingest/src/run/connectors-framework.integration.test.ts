import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeAcl } from "@groundwork/access/acl";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { chunks, documents, ingestionRuns, sources } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import type { Checkpoint, Connector, PullPage, SourceItem } from "../sources/connector";
import { registerConnectorForTests } from "../sources/connectors";
import { createSource, deleteSource, findSource, listSources, updateSource } from "../sources/manage-sources";
import { RetryLaterError } from "../sources/network-guard";
import { resetSecretKeyCache } from "../sources/secret-box";
import { writeTree } from "../testing/make-fixtures";
import { executeRun } from "./execute-run";
import { getRun, requestRun } from "./runs";
import { recordRunOutcome, WORKER_SHUTDOWN } from "./schedule-state";
import { runSyncTick } from "./sync-tick";

const targets = await availableTargets();
const TOKEN = `fake-token-${randomBytes(6).toString("hex")}`;

/**
 * An in-memory source standing in for a remote system: items in id order, pages of `pageSize`,
 * the checkpoint after a page is the last id it held (the last page: a completed pass, so the
 * next run lists from the start). It counts what the run loop asks of it.
 */
function fakeSource(kind: "sql" | "s3" | "git" = "sql") {
  const state = {
    items: new Map<string, { text: string; version: string | null }>(),
    pageSize: 3,
    gone: [] as string[],
    failOnPage: null as number | null,
    failWith: null as Error | null,
    broken: [] as { id: string; error: string }[],
    pulls: [] as (Checkpoint | null)[],
    reads: [] as string[],
    hashes: [] as string[],
    tokens: [] as string[],
  };
  const item = (id: string): SourceItem => {
    const bytes = () => new TextEncoder().encode(state.items.get(id)!.text);
    return {
      id,
      filename: `${id}.md`,
      size: bytes().byteLength,
      modifiedAt: null,
      version: state.items.get(id)!.version,
      hash: async () => {
        state.hashes.push(id);
        return createHash("sha256").update(bytes()).digest("hex");
      },
      read: async () => {
        state.reads.push(id);
        return bytes();
      },
      access: async () => ({ acl: [], owner: null, tags: [] }),
    };
  };
  const connector: Connector<{ endpoint: string; token: string }> = {
    kind,
    label: "Fake",
    configSchema: z.object({
      endpoint: z.string().min(1),
      database: z.string().default("main"),
      token: z.string().min(8).meta({ secret: true }),
    }),
    check: async () => undefined,
    async *pull({ checkpoint, ctx }): AsyncIterable<PullPage> {
      state.pulls.push(checkpoint);
      state.tokens.push(ctx.secrets.token ?? "");
      const after = typeof checkpoint?.after === "string" ? checkpoint.after : null;
      const ids = [...state.items.keys()].sort().filter((id) => after === null || id > after);
      for (let i = 0, page = 1; i < Math.max(ids.length, 1); i += state.pageSize, page++) {
        if (state.failOnPage === page) throw state.failWith ?? new Error("the fake upstream answered 503");
        const slice = ids.slice(i, i + state.pageSize);
        const last = i + state.pageSize >= ids.length;
        yield {
          items: [...slice.map((id) => item(id)), ...(page === 1 ? state.broken : [])],
          ...(page === 1 && state.gone.length ? { deleted: state.gone } : {}),
          checkpoint: last ? { completed: true } : { after: slice.at(-1)! },
        };
      }
    },
    listIds: async () => [...state.items.keys()],
  };
  const reset = () => {
    state.pulls = [];
    state.reads = [];
    state.hashes = [];
  };
  return { state, connector, reset };
}

const doc = (i: number, edition = "first") =>
  `# Fake document ${i}\n\n${`Body of fake document ${i}, ${edition} edition, about topic ${i}. `.repeat(12)}`;
const id = (i: number) => `doc-${String(i).padStart(2, "0")}`;

describe.each(targets)("the connector framework on %s", (target) => {
  let t: TestDatabase;
  const fake = fakeSource();
  const flaky = fakeSource("s3");
  const halting = fakeSource("git");
  const env = readIngestEnv({});
  const embedder = createHashEmbedder();
  const restore: (() => void)[] = [];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-connectors-"));

  beforeAll(async () => {
    process.env.GROUNDWORK_SECRET_KEY = randomBytes(32).toString("hex");
    resetSecretKeyCache();
    restore.push(registerConnectorForTests(fake.connector as Connector<never>));
    restore.push(registerConnectorForTests(flaky.connector as Connector<never>));
    restore.push(registerConnectorForTests(halting.connector as Connector<never>));
    t = await createTestDatabase({ target });
  });
  afterAll(async () => {
    for (const r of restore) r();
    await t?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const run = async ({
    source,
    mode,
    shouldStop,
  }: {
    source: string;
    mode?: "sync" | "prune" | "acl";
    shouldStop?: () => boolean;
  }) => {
    const { runId } = await requestRun({ db: t.db, source, trigger: "cli", ...(mode ? { mode } : {}) });
    await executeRun({
      db: t.db,
      runId,
      embedder,
      env,
      batchSize: 2,
      storeConcurrency: 2,
      ...(shouldStop ? { shouldStop } : {}),
    }).catch(() => undefined);
    return getRun({ db: t.db, runId });
  };
  const sourceRow = async (name: string) => (await t.db.select().from(sources).where(eq(sources.name, name)))[0]!;
  const docsOf = async (name: string) => {
    const src = await sourceRow(name);
    return t.db
      .select({ path: documents.path, status: documents.status, acl: documents.acl, metadata: documents.metadata })
      .from(documents)
      .where(eq(documents.sourceId, src.id))
      .orderBy(documents.path, documents.version);
  };
  const chunksOf = async (name: string, docPath?: string) => {
    const src = await sourceRow(name);
    return t.db
      .select({ path: documents.path, acl: chunks.acl })
      .from(chunks)
      .innerJoin(documents, eq(documents.id, chunks.documentId))
      .where(and(eq(documents.sourceId, src.id), docPath ? eq(documents.path, docPath) : undefined));
  };

  it("keeps secrets out of every view of a source and lists which are set", async () => {
    const created = await createSource({
      db: t.db,
      name: "fake",
      kind: "sql",
      config: { endpoint: "db.internal", token: TOKEN },
      defaultAcl: ["everyone"],
    });
    expect(created.secretFields).toEqual(["token"]);
    expect(created.config).toEqual({ endpoint: "db.internal", database: "main" });
    const views = [created, await findSource({ db: t.db, source: "fake" }), await listSources({ db: t.db })];
    for (const v of views) {
      const text = JSON.stringify(v);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('"secrets"');
    }
    // The row itself holds the token encrypted, never in the clear.
    const row = await sourceRow("fake");
    expect(row.secrets).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(TOKEN);
    // An edit that leaves the secret out keeps it.
    const edited = await updateSource({ db: t.db, source: "fake", config: { endpoint: "db2.internal" } });
    expect(edited.secretFields).toEqual(["token"]);
    expect(JSON.stringify(edited)).not.toContain(TOKEN);
    await updateSource({ db: t.db, source: "fake", config: { endpoint: "db.internal" } });
  });

  it("keeps a secret out of the run's error and the per-item errors it stores", async () => {
    const src = await createSource({
      db: t.db,
      name: "leaky",
      kind: "sql",
      config: { endpoint: "leaky.internal", token: `${TOKEN}-leaky` },
    });
    fake.state.broken = [{ id: "broken-item", error: `GET /items?token=${TOKEN}-leaky answered 500` }];
    fake.state.failOnPage = 2;
    fake.state.failWith = new Error(`upstream refused token ${TOKEN}-leaky`);
    fake.state.items.set("leak-1", { text: doc(1), version: null });
    fake.state.items.set("leak-2", { text: doc(2), version: null });
    fake.state.pageSize = 1;
    const failed = await run({ source: "leaky" });
    fake.state.pageSize = 3;
    fake.state.failOnPage = null;
    fake.state.failWith = null;
    fake.state.broken = [];
    fake.state.items.clear();
    fake.reset();
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/upstream refused token/);
    expect(failed.error).not.toContain(TOKEN);
    const files = await t.db.execute<{ path: string; error: string | null }>(
      sql`select f.path, f.error from ingestion_files f where f.run_id = ${failed.id}`,
    );
    const broken = files.rows.find((f) => f.path === "broken-item")!;
    expect(broken.error).toMatch(/answered 500/);
    expect(broken.error).not.toContain(TOKEN);
    await deleteSource({ db: t.db, source: src.id });
  });

  it("resumes a stopped run from the last committed page: remaining items only, exact counts, no duplicates", async () => {
    for (let i = 1; i <= 10; i++) fake.state.items.set(id(i), { text: doc(i), version: "v1" });
    // 10 items in pages of 3 (3, 3, 3, 1), 2 items per batch: a page is 2 batches, the second
    // carrying the checkpoint. Stopping at the 5th commit leaves pages 1 and 2 committed.
    let commits = 0;
    const first = await run({ source: "fake", shouldStop: () => ++commits >= 5 });
    expect(first.status).toBe("failed");
    expect(first.error).toMatch(/shut down/);
    expect(fake.state.pulls).toEqual([null]);
    expect(fake.state.tokens.at(-1)).toBe(TOKEN);
    expect((await sourceRow("fake")).checkpoint).toEqual({ after: id(6) });
    const committed = await docsOf("fake");
    expect(committed.map((d) => d.path)).toEqual([1, 2, 3, 4, 5, 6].map(id));
    expect(first.counts.added).toBe(6);

    fake.reset();
    const second = await run({ source: "fake" });
    expect(second.status).toBe("succeeded");
    expect(fake.state.pulls).toEqual([{ after: id(6) }]);
    expect(fake.state.reads.sort()).toEqual([7, 8, 9, 10].map(id));
    expect(second.counts).toMatchObject({ added: 4, updated: 0, failed: 0 });
    expect((await sourceRow("fake")).checkpoint).toEqual({ completed: true });
    const all = await docsOf("fake");
    expect(all.map((d) => d.path)).toEqual(Array.from({ length: 10 }, (_, i) => id(i + 1)));
    expect(all.every((d) => d.status === "active")).toBe(true);
    const [{ n } = { n: 0 }] = await t.db
      .select({ n: sql<number>`count(distinct ${chunks.documentId})::int` })
      .from(chunks)
      .innerJoin(documents, eq(documents.id, chunks.documentId))
      .where(eq(documents.sourceId, (await sourceRow("fake")).id));
    expect(n).toBe(10);
  });

  it("resumes after a pull that failed on page 3 from page 2's checkpoint", async () => {
    await createSource({
      db: t.db,
      name: "flaky",
      kind: "s3",
      config: { endpoint: "bucket.internal", token: TOKEN },
      defaultAcl: ["everyone"],
    });
    for (let i = 1; i <= 8; i++) flaky.state.items.set(id(i), { text: doc(i), version: null });
    flaky.state.failOnPage = 3;
    const failed = await run({ source: "flaky" });
    flaky.state.failOnPage = null;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/the fake upstream answered 503/);
    expect(failed.counts.added).toBe(6);
    expect((await sourceRow("flaky")).checkpoint).toEqual({ after: id(6) });
    flaky.reset();
    const resumed = await run({ source: "flaky" });
    expect(resumed.status).toBe("succeeded");
    expect(flaky.state.pulls).toEqual([{ after: id(6) }]);
    expect(flaky.state.reads.sort()).toEqual([id(7), id(8)]);
    expect(resumed.counts).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    expect((await docsOf("flaky")).map((d) => d.path)).toEqual(Array.from({ length: 8 }, (_, i) => id(i + 1)));
  });

  it("resumes a run stopped inside a page from the page before: what was committed is hashed, not read", async () => {
    await createSource({
      db: t.db,
      name: "halting",
      kind: "git",
      config: { endpoint: "repo.internal", token: TOKEN },
      defaultAcl: ["everyone"],
    });
    for (let i = 1; i <= 10; i++) halting.state.items.set(id(i), { text: doc(i), version: null });
    // Pages of 3, batches of 2: the 4th stop point is before page 2's second batch, so page 2's
    // first batch (doc-04, doc-05) is stored while the checkpoint is still page 1's.
    let asked = 0;
    const stopped = await run({ source: "halting", shouldStop: () => ++asked >= 4 });
    expect(stopped.status).toBe("failed");
    expect((await sourceRow("halting")).checkpoint).toEqual({ after: id(3) });
    expect((await docsOf("halting")).map((d) => d.path)).toEqual([1, 2, 3, 4, 5].map(id));
    halting.reset();
    const resumed = await run({ source: "halting" });
    expect(halting.state.pulls).toEqual([{ after: id(3) }]);
    expect(halting.state.reads.sort()).toEqual([6, 7, 8, 9, 10].map(id));
    expect(resumed.counts).toMatchObject({ added: 5, unchanged: 2, updated: 0, failed: 0 });
    const all = await docsOf("halting");
    expect(all.map((d) => d.path)).toEqual(Array.from({ length: 10 }, (_, i) => id(i + 1)));
    expect(all.every((d) => d.status === "active")).toBe(true);
  });

  it("keeps the checkpoint when an edit changes only a secret, and drops it when the settings move", async () => {
    const before = (await sourceRow("flaky")).checkpoint;
    expect(before).toEqual({ completed: true });
    await updateSource({ db: t.db, source: "flaky", config: { token: `${TOKEN}-rotated` } });
    expect((await sourceRow("flaky")).checkpoint).toEqual(before);
    await updateSource({ db: t.db, source: "flaky", config: { endpoint: "bucket.internal" } });
    expect((await sourceRow("flaky")).checkpoint).toEqual(before);
    flaky.reset();
    await run({ source: "flaky" });
    expect(flaky.state.tokens.at(-1)).toBe(`${TOKEN}-rotated`);
    await updateSource({ db: t.db, source: "flaky", config: { endpoint: "other-bucket.internal" } });
    expect((await sourceRow("flaky")).checkpoint).toBeNull();
  });

  it("skips items whose version tag is unchanged without reading or hashing them", async () => {
    fake.reset();
    const again = await run({ source: "fake" });
    expect(again.status).toBe("succeeded");
    expect(fake.state.pulls).toEqual([{ completed: true }]);
    expect(fake.state.reads).toEqual([]);
    expect(fake.state.hashes).toEqual([]);
    expect(again.counts).toMatchObject({ seen: 10, unchanged: 10, added: 0, updated: 0 });
    expect(again.embeddingCalls).toBe(0);

    // Same bytes under a new tag: hashed (the tag moved), not read, the tag stored, unchanged.
    fake.state.items.set(id(4), { text: doc(4), version: "v2" });
    fake.reset();
    const retagged = await run({ source: "fake" });
    expect(fake.state.hashes).toEqual([id(4)]);
    expect(fake.state.reads).toEqual([]);
    expect(retagged.counts).toMatchObject({ unchanged: 10, updated: 0, aclUpdated: 0 });
    const d4 = (await docsOf("fake")).filter((d) => d.path === id(4));
    expect(d4).toHaveLength(1);
    expect(d4[0]!.metadata.sourceVersion).toBe("v2");
  });

  it("deletes what a page reports gone and, on prune runs, what listIds no longer holds", async () => {
    fake.state.items.delete(id(2));
    fake.state.gone = [id(2)];
    const pulled = await run({ source: "fake" });
    fake.state.gone = [];
    expect(pulled.status).toBe("succeeded");
    expect(pulled.counts.deleted).toBe(1);
    expect((await docsOf("fake")).find((d) => d.path === id(2))!.status).toBe("deleted");
    expect(await chunksOf("fake", id(2))).toEqual([]);

    // Gone without being reported: a sync run keeps it, a prune run deletes it.
    fake.state.items.delete(id(3));
    const synced = await run({ source: "fake" });
    expect(synced.counts.deleted).toBe(0);
    expect((await docsOf("fake")).find((d) => d.path === id(3))!.status).toBe("active");
    const pruned = await run({ source: "fake", mode: "prune" });
    expect(pruned.status).toBe("succeeded");
    expect(pruned.counts.deleted).toBe(1);
    expect((await docsOf("fake")).find((d) => d.path === id(3))!.status).toBe("deleted");
    expect(await chunksOf("fake", id(3))).toEqual([]);
    expect((await sourceRow("fake")).lastPrunedAt).not.toBeNull();
  });

  it("keeps every stored version searchable when the pull fails, with the connector's message", async () => {
    const before = (await chunksOf("fake")).length;
    fake.state.items.set(id(5), { text: doc(5, "second"), version: "v2" });
    fake.state.failOnPage = 1;
    const failed = await run({ source: "fake" });
    fake.state.failOnPage = null;
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/the fake upstream answered 503/);
    const live = (await docsOf("fake")).filter((d) => d.status === "active");
    expect(live).toHaveLength(8);
    expect((await chunksOf("fake")).length).toBe(before);
    expect((await chunksOf("fake", id(5))).length).toBeGreaterThan(0);
  });

  it("counts an ACL pass's progress over live documents only", async () => {
    await updateSource({ db: t.db, source: "fake", defaultAcl: ["support"] });
    const acl = await run({ source: "fake", mode: "acl" });
    expect(acl.status).toBe("succeeded");
    expect(acl.counts.seen).toBe(8);
    expect(acl.progressDone).toBe(acl.progressTotal);
  });

  it("brings a deleted item back as a new version", async () => {
    fake.state.items.set(id(2), { text: doc(2, "returned"), version: "v1" });
    fake.reset();
    const back = await run({ source: "fake" });
    // doc-05's second edition, which the failed pull never reached, comes in with it.
    expect(back.counts).toMatchObject({ added: 1, updated: 1 });
    expect(fake.state.reads.sort()).toEqual([id(2), id(5)]);
    const rows = (await docsOf("fake")).filter((d) => d.path === id(2));
    expect(rows.map((d) => d.status)).toEqual(["deleted", "active"]);
    expect((await chunksOf("fake", id(2))).length).toBeGreaterThan(0);
    fake.state.items.delete(id(2));
    fake.state.gone = [id(2)];
    await run({ source: "fake" });
    fake.state.gone = [];
  });

  it("re-decides access without re-reading or re-embedding (acl mode)", async () => {
    writeTree(root, {
      "a.md": "# A\n\nAlpha policy text about onboarding.",
      "b.md": "# B\n\nBeta policy text about travel.",
      "sub/c.md": "# C\n\nGamma policy text about expenses.",
    });
    await createSource({ db: t.db, name: "folder-acl", kind: "folder", path: root, defaultAcl: ["everyone"] });
    const first = await run({ source: "folder-acl" });
    expect(first.counts.added).toBe(3);
    await updateSource({ db: t.db, source: "folder-acl", defaultAcl: ["engineering", "user:carol"] });
    const acl = await run({ source: "folder-acl", mode: "acl" });
    expect(acl.status).toBe("succeeded");
    expect(acl.counts).toMatchObject({ aclUpdated: 3, added: 0, updated: 0 });
    expect(acl.embeddingCalls).toBe(0);
    expect(acl.chunksWritten).toBe(0);
    const want = normalizeAcl(["engineering", "user:carol"]);
    const docs = await docsOf("folder-acl");
    expect(docs.map((d) => d.acl)).toEqual([want, want, want]);
    const cs = await chunksOf("folder-acl");
    expect(cs.length).toBeGreaterThan(0);
    for (const c of cs) expect(c.acl).toEqual(want);
    // Nothing moved since: a second ACL pass updates nothing.
    const idle = await run({ source: "folder-acl", mode: "acl" });
    expect(idle.counts).toMatchObject({ aclUpdated: 0, unchanged: 3 });
  });

  it("deletes a source with its documents and chunks, and refuses while a run is running", async () => {
    const src = await sourceRow("folder-acl");
    const { runId } = await requestRun({ db: t.db, source: "folder-acl", trigger: "cli" });
    await t.db.update(ingestionRuns).set({ status: "running" }).where(eq(ingestionRuns.id, runId));
    await expect(deleteSource({ db: t.db, source: "folder-acl" })).rejects.toMatchObject({ code: "conflict" });
    expect((await docsOf("folder-acl")).length).toBe(3);
    await t.db.update(ingestionRuns).set({ status: "cancelled" }).where(eq(ingestionRuns.id, runId));
    expect(await deleteSource({ db: t.db, source: "folder-acl" })).toEqual({ documents: 3 });
    const left = await t.db.execute<{ docs: number; chunks: number }>(sql`
      select (select count(*)::int from documents where source_id = ${src.id}) as docs,
             (select count(*)::int from chunks c join documents d on d.id = c.document_id
               where d.source_id = ${src.id}) as chunks`);
    expect(left.rows[0]).toEqual({ docs: 0, chunks: 0 });
    await expect(findSource({ db: t.db, source: "folder-acl" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("queues due scheduled sources once, skips paused ones, and re-queues a run whose worker died", async () => {
    const dir = fs.mkdtempSync(path.join(root, "tick-"));
    writeTree(dir, { "t.md": "# T\n\nTick." });
    await createSource({ db: t.db, name: "ticked", kind: "folder", path: dir });
    await createSource({ db: t.db, name: "resting", kind: "folder", path: dir });
    await updateSource({ db: t.db, source: "ticked", schedule: "15m" });
    await updateSource({ db: t.db, source: "resting", schedule: "15m", paused: true });
    expect((await sourceRow("ticked")).nextRunAt).toBeNull();
    const now = new Date();
    const first = await runSyncTick({ db: t.db, now });
    expect(first.queued).toEqual(["ticked"]);
    const ticked = await sourceRow("ticked");
    expect(ticked.nextRunAt!.getTime()).toBe(now.getTime() + 15 * 60_000);
    const runsOf = () =>
      t.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, ticked.id)).orderBy(ingestionRuns.createdAt);
    const queued = await runsOf();
    expect(queued.map((r) => [r.trigger, r.status])).toEqual([["schedule", "queued"]]);
    expect(await runSyncTick({ db: t.db, now })).toEqual({
      queued: [],
      resumed: [],
      permissions: [],
      notifications: [],
    });
    expect(await runsOf()).toHaveLength(1);

    // The run's worker died: running, its heartbeat an hour old.
    await t.db.execute(sql`
      update ingestion_runs set status = 'running', started_at = now() - interval '1 hour',
             heartbeat_at = now() - interval '1 hour' where id = ${queued[0]!.id}`);
    const third = await runSyncTick({ db: t.db, now, staleAfterMs: 60_000 });
    expect(third).toEqual({ queued: [], resumed: ["ticked"], permissions: [], notifications: [] });
    const after = await runsOf();
    expect(after.map((r) => [r.trigger, r.mode, r.status])).toEqual([
      ["schedule", queued[0]!.mode, "failed"],
      ["schedule", queued[0]!.mode, "queued"],
    ]);
    const resting = await sourceRow("resting");
    expect(await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, resting.id))).toEqual([]);
  });

  it("leaves another source's dead run for the tick to resume when a run is requested meanwhile", async () => {
    const ticked = await sourceRow("ticked");
    const [dead] = await t.db
      .select()
      .from(ingestionRuns)
      .where(and(eq(ingestionRuns.sourceId, ticked.id), eq(ingestionRuns.status, "queued")));
    await t.db.execute(sql`
      update ingestion_runs set status = 'running', heartbeat_at = now() - interval '1 hour' where id = ${dead!.id}`);
    // Someone runs another source: that must not swallow ticked's dead run.
    await requestRun({ db: t.db, source: "halting", trigger: "cli", staleAfterMs: 60_000 });
    expect((await getRun({ db: t.db, runId: dead!.id })).status).toBe("running");
    const tick = await runSyncTick({ db: t.db, now: new Date(), staleAfterMs: 60_000 });
    expect(tick.resumed).toEqual(["ticked"]);
    expect((await getRun({ db: t.db, runId: dead!.id })).status).toBe("failed");
  });

  it("continues a run stopped by a worker shutdown, on a source run by hand too", async () => {
    const dir = fs.mkdtempSync(path.join(root, "manual-"));
    writeTree(dir, Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`m${i}.md`, doc(i)])));
    await createSource({ db: t.db, name: "manual", kind: "folder", path: dir, defaultAcl: ["everyone"] });
    const stopped = await run({ source: "manual", shouldStop: () => true });
    expect(stopped.status).toBe("failed");
    const row = await sourceRow("manual");
    expect(row.schedule).toBeNull();
    expect(row.failureStreak).toBe(0);
    expect(row.nextRunAt).not.toBeNull();
    const tick = await runSyncTick({ db: t.db, now: new Date(Date.now() + 1000) });
    expect(tick.queued).toContain("manual");
    const runs = await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, row.id));
    expect(runs.filter((r) => r.status === "queued").map((r) => r.mode)).toEqual(["sync"]);
    expect((await sourceRow("manual")).nextRunAt).toBeNull();
    expect((await runSyncTick({ db: t.db, now: new Date(Date.now() + 2000) })).queued).not.toContain("manual");
    const resumed = runs.find((r) => r.status === "queued")!;
    await executeRun({ db: t.db, runId: resumed.id, embedder, env });
    const done = await getRun({ db: t.db, runId: resumed.id });
    expect(done.status).toBe("succeeded");
    expect(done.counts.added + stopped.counts.added).toBe(5);
    expect((await sourceRow("manual")).nextRunAt).toBeNull();
  });

  it("books retries after failures: backoff within the regular schedule, Retry-After honoured", async () => {
    const src = await sourceRow("resting");
    const now = new Date("2026-06-01T12:00:00Z");
    const regular = now.getTime() + 15 * 60_000;
    const next = async () => (await sourceRow("resting")).nextRunAt!.getTime();
    await recordRunOutcome({
      db: t.db,
      sourceId: src.id,
      trigger: "schedule",
      status: "failed",
      cause: new Error("x"),
      now,
    });
    expect(await next()).toBeGreaterThan(now.getTime());
    expect(await next()).toBeLessThanOrEqual(regular);
    expect((await sourceRow("resting")).failureStreak).toBe(1);
    // Many failures: the backoff would pass the regular run, which caps it.
    await t.db.update(sources).set({ failureStreak: 20 }).where(eq(sources.id, src.id));
    await recordRunOutcome({
      db: t.db,
      sourceId: src.id,
      trigger: "schedule",
      status: "failed",
      cause: new Error("x"),
      now,
    });
    expect(await next()).toBe(regular);
    // The system said when: not sooner, even past the regular run.
    const wait = 2 * 3600_000;
    await recordRunOutcome({
      db: t.db,
      sourceId: src.id,
      trigger: "schedule",
      status: "failed",
      cause: new RetryLaterError("rate limited", wait),
      now,
    });
    expect(await next()).toBeGreaterThanOrEqual(now.getTime() + wait);
    await recordRunOutcome({
      db: t.db,
      sourceId: src.id,
      trigger: "schedule",
      status: "failed",
      cause: WORKER_SHUTDOWN,
      now,
    });
    expect(await next()).toBe(now.getTime());
    await recordRunOutcome({ db: t.db, sourceId: src.id, trigger: "schedule", status: "succeeded", now });
    expect(await next()).toBe(regular);
    expect((await sourceRow("resting")).failureStreak).toBe(0);
  });

  it("honours a RetryLaterError a connector throws during a scheduled run", async () => {
    await updateSource({ db: t.db, source: "fake", schedule: "15m" });
    fake.state.failOnPage = 1;
    fake.state.failWith = new RetryLaterError("the fake upstream asks to wait", 3 * 3600_000);
    const { runId } = await requestRun({ db: t.db, source: "fake", trigger: "schedule" });
    const started = Date.now();
    await executeRun({ db: t.db, runId, embedder, env }).catch(() => undefined);
    fake.state.failOnPage = null;
    fake.state.failWith = null;
    expect((await getRun({ db: t.db, runId })).error).toMatch(/asks to wait/);
    const row = await sourceRow("fake");
    expect(row.nextRunAt!.getTime()).toBeGreaterThanOrEqual(started + 3 * 3600_000);
    expect((await docsOf("fake")).filter((d) => d.status === "active")).toHaveLength(8);
  });
});
