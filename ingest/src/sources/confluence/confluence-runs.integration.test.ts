import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, type TestDatabase } from "@groundwork/db/testing";
import { startConfluenceServer, type ConfluenceServer } from "../../testing/confluence-server";
import { startConnectorRunHarness, type ConnectorRunHarness } from "../../testing/connector-run-harness";
import { runSource } from "../../testing/ingest-folder";
import { makePdf } from "../../testing/make-fixtures";
import { createSource } from "../manage-sources";

/**
 * The Confluence connector through the real run loop on both databases: mirrored groups and
 * stored ACLs read under row-level security per user (what search reads), inherited view
 * restrictions, a webhook's targeted run, revocation at the source reaching the user at the next
 * permission run with 0 embeddings, a revoked token keeping the documents, and the first-sync
 * rate against the in-suite server.
 */
const targets = await availableTargets();

describe.each(targets)("confluence source on %s", (target) => {
  let h: ConnectorRunHarness;
  let t: TestDatabase;
  let wiki: ConfluenceServer;
  const readable = (username: string, source = "wiki") => h.readable({ username, source });
  const run = (options: { mode?: "sync" | "acl"; targetIds?: string[] } = {}) => h.run({ source: "wiki", ...options });

  beforeAll(async () => {
    h = await startConnectorRunHarness({
      target,
      people: [
        { username: "alice" },
        { username: "bob" },
        { username: "carol" },
        { username: "erin", verified: false },
      ],
    });
    t = h.t;
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
    await h?.dispose();
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
      expect(await h.latestRun()).toMatchObject({ status: "failed", error: expect.stringMatching(/HTTP 401/) });
      expect(await h.reauthReason({ source: "wiki" })).toMatch(/refused the credentials/);
      expect(await readable("alice")).toContain("Deploy guide");
      expect(await h.activeCount({ source: "wiki" })).toBe(6);
    } finally {
      wiki.restoreToken();
    }
    const healed = await runSource({ db: t.db, name: "wiki" });
    expect(healed.status, healed.error ?? "").toBe("succeeded");
    expect(await h.reauthReason({ source: "wiki" })).toBeNull();
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
