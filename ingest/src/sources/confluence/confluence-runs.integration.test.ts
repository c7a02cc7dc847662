import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { withReaderScope, scopeOf } from "@groundwork/access/reader-scope";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { documents, ingestionRuns, sources, users } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../../env";
import { executeRun } from "../../run/execute-run";
import { getRun, requestRun } from "../../run/runs";
import { runSource } from "../../testing/ingest-folder";
import { startConfluenceServer, type ConfluenceServer } from "../../testing/confluence-server";
import { makePdf } from "../../testing/make-fixtures";
import { createSource } from "../manage-sources";
import { resetSecretKeyCache } from "../secret-box";

/**
 * The Confluence connector through the real run loop on both databases: mirrored groups and
 * stored ACLs read under row-level security per user (what search reads), inherited view
 * restrictions, a webhook's targeted run, revocation at the source reaching the user at the next
 * permission run with 0 embeddings, a revoked token keeping the documents, and the first-sync
 * rate against the in-suite server.
 */
const targets = await availableTargets();

describe.each(targets)("confluence source on %s", (target) => {
  let t: TestDatabase;
  let wiki: ConfluenceServer;

  /** Titles of active documents of `source` the user may read (RLS, as search reads them). */
  const readable = async (username: string, source = "wiki") => {
    const principal = await resolvePrincipal({ db: t.db, username });
    const rows = await withReaderScope({
      db: t.db,
      scope: scopeOf(principal),
      fn: (tx) =>
        tx
          .select({ title: documents.title })
          .from(documents)
          .innerJoin(sources, eq(sources.id, documents.sourceId))
          .where(and(eq(sources.name, source), eq(documents.status, "active"))),
    });
    return rows.map((r) => r.title).sort();
  };
  const run = async (options: { mode?: "sync" | "acl"; targetIds?: string[] } = {}) => {
    const { runId } = await requestRun({
      db: t.db,
      source: "wiki",
      trigger: options.targetIds ? "webhook" : "cli",
      ...(options.mode ? { mode: options.mode } : {}),
      ...(options.targetIds ? { targetIds: options.targetIds } : {}),
    });
    await executeRun({ db: t.db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
    return getRun({ db: t.db, runId });
  };

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_CONNECTOR_ALLOW_HOSTS", "127.0.0.1");
    vi.stubEnv("GROUNDWORK_SECRET_KEY", randomBytes(32).toString("hex"));
    resetSecretKeyCache();
    t = await createTestDatabase({ target });
    for (const [username, verified] of [
      ["alice", true],
      ["bob", true],
      ["carol", true],
      ["erin", false],
    ] as const)
      await t.db
        .insert(users)
        .values({ username, displayName: username, email: `${username}@example.com`, emailVerified: verified });
    wiki = await startConfluenceServer();
    for (const name of ["alice", "bob", "carol", "erin"])
      wiki.putUser({ id: `u-${name}`, email: `${name}@example.com`, name });
    wiki.putGroup({ id: "g-eng", name: "engineers", members: ["u-alice", "u-bob", "u-erin"] });
    wiki.putGroup({ id: "g-leads", name: "leads", members: ["u-bob"] });
    wiki.putSpace({ id: "1", key: "ENG", name: "Engineering", readers: { groups: ["g-eng"] } });
    wiki.putSpace({ id: "2", key: "PUB", name: "Public", anonymous: true, readers: {} });
    wiki.putPage({ id: "10", spaceKey: "ENG", title: "Engineering home", storage: "<p>Welcome.</p>" });
    wiki.putPage({ id: "11", spaceKey: "ENG", title: "Deploy guide", storage: "<p>Run deploy.</p>", parentId: "10" });
    wiki.putPage({
      id: "12",
      spaceKey: "ENG",
      title: "Leads plan",
      storage: "<p>Headcount.</p>",
      parentId: "10",
      restriction: { groups: ["g-leads"] },
    });
    wiki.putPage({ id: "13", spaceKey: "ENG", title: "Leads budget", storage: "<p>Budget.</p>", parentId: "12" });
    wiki.putPage({ id: "20", spaceKey: "PUB", title: "Public FAQ", storage: "<p>Open.</p>" });
    wiki.putAttachment({
      id: "900",
      pageId: "11",
      title: "runbook.pdf",
      mediaType: "application/pdf",
      bytes: await makePdf({ pages: [["Restart the queue workers."]] }),
    });
    await createSource({ db: t.db, name: "wiki", kind: "confluence", config: wiki.config(), schedule: null });
  }, 120_000);
  afterAll(async () => {
    await wiki?.close();
    await t?.dispose();
    vi.unstubAllEnvs();
  });

  it("first sync: pages and attachments stored with mirrored access; inherited restrictions hold for every user", async () => {
    const first = await run();
    expect(first.status, first.error ?? "").toBe("succeeded");
    expect(first.counts.added).toBe(6);
    expect(await readable("alice")).toEqual(["Deploy guide", "Engineering home", "Public FAQ", "runbook.pdf"]);
    // bob is a lead: the restricted page and its child (the restriction is inherited).
    expect(await readable("bob")).toEqual([
      "Deploy guide",
      "Engineering home",
      "Leads budget",
      "Leads plan",
      "Public FAQ",
      "runbook.pdf",
    ]);
    // carol has no space permission: the anonymous space only.
    expect(await readable("carol")).toEqual(["Public FAQ"]);
    // An engineers member whose Groundwork e-mail is unverified matches nobody.
    expect(await readable("erin")).toEqual(["Public FAQ"]);
  });

  it("a webhook's targeted run re-reads only the named page", async () => {
    wiki.putPage({
      id: "11",
      spaceKey: "ENG",
      title: "Deploy guide",
      storage: "<p>Run deploy twice.</p>",
      parentId: "10",
    });
    const before = wiki.requests.length;
    const targeted = await run({ targetIds: ["page/11"] });
    expect(targeted.status, targeted.error ?? "").toBe("succeeded");
    expect(targeted.counts.updated).toBe(1);
    const asked = wiki.requests.slice(before).map((r) => r.path);
    expect(asked).toContain("/api/v2/pages/11");
    expect(asked.some((p) => p.endsWith("/pages") && p.startsWith("/api/v2/spaces/"))).toBe(false);
  });

  it("revocation at the source: a restriction added, then a member removed, reach search after the next permission run with 0 embeddings", async () => {
    expect(await readable("alice")).toContain("Deploy guide");
    wiki.restrictPage("10", { users: ["u-bob"] });
    // Nothing changed in Groundwork before the permission run.
    expect(await readable("alice")).toContain("Deploy guide");
    const acl = await run({ mode: "acl" });
    expect(acl.status, acl.error ?? "").toBe("succeeded");
    expect(acl.embeddingCalls).toBe(0);
    // The restriction on the home page is inherited by every page and attachment under it.
    expect(await readable("alice")).toEqual(["Public FAQ"]);
    expect(await readable("bob")).toContain("Leads budget");
    wiki.restrictPage("10", null);
    await run({ mode: "acl" });
    expect(await readable("alice")).toContain("runbook.pdf");
    // Removed from the group that holds the space permission: gone at the next permission run.
    wiki.putGroup({ id: "g-eng", name: "engineers", members: ["u-bob", "u-erin"] });
    const removed = await run({ mode: "acl" });
    expect(removed.embeddingCalls).toBe(0);
    expect(await readable("alice")).toEqual(["Public FAQ"]);
    wiki.putGroup({ id: "g-eng", name: "engineers", members: ["u-alice", "u-bob", "u-erin"] });
    await run({ mode: "acl" });
    expect(await readable("alice")).toContain("Deploy guide");
  });

  it("a revoked token fails the run, marks the source for re-authorisation and keeps its documents", async () => {
    wiki.revokeToken();
    try {
      await expect(runSource({ db: t.db, name: "wiki" })).rejects.toThrow(/HTTP 401/);
      const [failed] = await t.db
        .select({ status: ingestionRuns.status, error: ingestionRuns.error })
        .from(ingestionRuns)
        .orderBy(desc(ingestionRuns.createdAt))
        .limit(1);
      expect(failed).toMatchObject({ status: "failed", error: expect.stringMatching(/HTTP 401/) });
      const [row] = await t.db.select({ reauth: sources.reauthReason }).from(sources).where(eq(sources.name, "wiki"));
      expect(row!.reauth).toMatch(/refused the credentials/);
      expect(await readable("alice")).toContain("Deploy guide");
      const [{ n }] = (await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(documents)
        .innerJoin(sources, eq(sources.id, documents.sourceId))
        .where(and(eq(sources.name, "wiki"), eq(documents.status, "active")))) as [{ n: number }];
      expect(n).toBe(6);
    } finally {
      wiki.restoreToken();
    }
    const healed = await runSource({ db: t.db, name: "wiki" });
    expect(healed.status, healed.error ?? "").toBe("succeeded");
    const [row] = await t.db.select({ reauth: sources.reauthReason }).from(sources).where(eq(sources.name, "wiki"));
    expect(row!.reauth).toBeNull();
  });

  it("first-sync rate against the in-suite server", async () => {
    const bulk = await startConfluenceServer();
    try {
      const n = 300;
      bulk.putGroup({ id: "g-all", name: "all", members: [] });
      bulk.putSpace({ id: "7", key: "BULK", name: "Bulk", readers: { groups: ["g-all"] } });
      for (let i = 0; i < n; i++)
        bulk.putPage({
          id: String(5000 + i),
          spaceKey: "BULK",
          title: `Bulk page ${i}`,
          storage: `<h2>Section ${i}</h2><p>${"Confluence bulk text for the first-sync rate. ".repeat(20)}</p>`,
          // Every fifth page is restricted; every page under page 5000 inherits its chain.
          parentId: i === 0 ? null : "5000",
          ...(i % 5 === 0 && i > 0 ? { restriction: { groups: ["g-all"] } } : {}),
        });
      await createSource({ db: t.db, name: "bulk", kind: "confluence", config: bulk.config(), schedule: null });
      const started = performance.now();
      const result = await runSource({ db: t.db, name: "bulk" });
      const seconds = (performance.now() - started) / 1000;
      expect(result.status, result.error ?? "").toBe("succeeded");
      expect(result.counts.added).toBe(n);
      console.log(
        `confluence first sync (${target}): ${n} pages in ${seconds.toFixed(2)} s = ${(n / seconds).toFixed(1)} documents/s, ${bulk.requests.length} requests`,
      );
      // The permission-only pass over the same pages: restrictions and the space permission asked again, nothing embedded.
      bulk.restrictPage("5000", { users: ["u-nobody"] });
      const aclStarted = performance.now();
      const acl = await runSource({ db: t.db, name: "bulk", mode: "acl" });
      expect(acl.status, acl.error ?? "").toBe("succeeded");
      expect(acl.embeddingCalls).toBe(0);
      // The restriction on the top page reaches every page under it.
      expect(acl.counts.aclUpdated).toBe(n);
      console.log(
        `confluence permission-only run (${target}): ${n} pages in ${((performance.now() - aclStarted) / 1000).toFixed(2)} s, ${acl.counts.aclUpdated} ACLs updated`,
      );
    } finally {
      await bulk.close();
    }
  }, 120_000);
});
