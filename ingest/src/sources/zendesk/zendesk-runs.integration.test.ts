import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, type TestDatabase } from "@groundwork/db/testing";
import { documents, sources } from "@groundwork/db/schema";
import { startConnectorRunHarness, type ConnectorRunHarness } from "../../testing/connector-run-harness";
import { runSource } from "../../testing/ingest-folder";
import { startZendeskServer, type ZendeskServer } from "../../testing/zendesk-server";
import { createSource, findSource } from "../manage-sources";

/**
 * The Zendesk connector through the real run loop (requestRun → executeRun) on both databases:
 * mirrored identities, stored ACLs, searches as each user under row-level security, an
 * incremental run, a run stopped mid-export resuming from its checkpoint, revocation at the
 * source reaching the user at the next permission run, a revoked token keeping the documents.
 */
const targets = await availableTargets();

describe.each(targets)("zendesk source on %s", (target) => {
  let h: ConnectorRunHarness;
  let t: TestDatabase;
  let zd: ZendeskServer;
  const readable = (username: string) => h.readable({ username, source: "kb" });

  beforeAll(async () => {
    h = await startConnectorRunHarness({
      target,
      people: [{ username: "alice" }, { username: "carol" }, { username: "erin", verified: false }],
    });
    t = h.t;
    zd = await startZendeskServer();
    zd.putCategory({ id: 1, name: "Playbooks" });
    zd.putSection({ id: 2, name: "Escalations", categoryId: 1 });
    zd.putUser({ id: 101, email: "alice@example.com", role: "agent" });
    zd.putUser({ id: 103, email: "carol@example.com", role: "end-user" });
    zd.putUser({ id: 105, email: "erin@example.com", role: "agent" }); // Groundwork e-mail not verified
    zd.putGroup({ id: 10, name: "Tier 2", members: [101, 105] });
    zd.putSegment({ id: 21, name: "Tier 2 agents", userType: "staff", groupIds: [10] });
    zd.putSegment({ id: 22, name: "VIP", userType: "signed_in_users", tags: ["vip"] });
    zd.putArticle({ id: 1, title: "Public returns", body: "<p>Returns within 30 days.</p>", sectionId: 2 });
    zd.putArticle({ id: 2, title: "Tier 2 runbook", body: "<p>Page the on-call lead.</p>", segmentId: 21 });
    zd.putArticle({ id: 3, title: "VIP perks", body: "<p>Tagged users only.</p>", segmentId: 22 });
    zd.putArticle({ id: 4, title: "Draft pricing", body: "<p>Unreleased.</p>", draft: true });
    await createSource({
      db: t.db,
      name: "kb",
      kind: "zendesk",
      config: { url: zd.url, email: zd.email, apiToken: zd.apiToken },
      schedule: null,
    });
  }, 120_000);
  afterAll(async () => {
    await zd?.close();
    await h?.dispose();
  });

  it("first sync: published articles stored with their segments' access, drafts never; mirrored groups decide who reads", async () => {
    const run = await runSource({ db: t.db, name: "kb" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts.added).toBe(3);
    const stored = await t.db
      .select({ path: documents.path, acl: documents.acl })
      .from(documents)
      .innerJoin(sources, eq(sources.id, documents.sourceId))
      .where(eq(sources.name, "kb"));
    expect(stored.map((d) => d.path).sort()).toEqual(["1", "2", "3"]);
    expect(stored.find((d) => d.path === "1")!.acl).toEqual(["group:everyone"]);
    // Tags cannot be evaluated: a segment group with nobody in it.
    expect(await readable("alice")).toEqual(["Public returns", "Tier 2 runbook"]);
    expect(await readable("carol")).toEqual(["Public returns"]);
    // A Zendesk group member whose Groundwork e-mail is unverified matches nobody.
    expect(await readable("erin")).toEqual(["Public returns"]);
    const source = await findSource({ db: t.db, source: "kb" });
    expect(source.checkpoint).toMatchObject({ startTime: expect.any(Number) });
  });

  it("an incremental run asks from the checkpoint and re-reads only what changed", async () => {
    const before = zd.requests.length;
    zd.putArticle({ id: 1, title: "Public returns", body: "<p>Returns within 60 days.</p>", sectionId: 2 });
    const run = await runSource({ db: t.db, name: "kb" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts.updated).toBe(1);
    const exports = zd.requests.slice(before).filter((r) => r.path.startsWith("/api/v2/help_center/incremental/"));
    expect(Number(exports[0]!.query.get("start_time"))).toBeGreaterThan(0);
  });

  it("a run cut off mid-export resumes after its last committed page, not from the start", async () => {
    zd.incrementalPageSize = 100;
    for (let i = 0; i < 150; i++) zd.putArticle({ id: 100 + i, title: `Bulk ${i}`, body: `<p>Bulk article ${i}.</p>` });
    // The second export request is refused with a wait beyond what a run sits out: the run stops there.
    const exportsBefore = zd.requests.filter((r) => r.path.startsWith("/api/v2/help_center/incremental/")).length;
    zd.throttle(1, 3600, { after: 8 });
    // The run fails with the wait for the scheduler (RetryLaterError); what it committed stays.
    await expect(runSource({ db: t.db, name: "kb" })).rejects.toThrow(/retry in 3600 s/);
    expect(await h.activeCount({ source: "kb" })).toBeGreaterThanOrEqual(3 + 64);
    const checkpoint = (await findSource({ db: t.db, source: "kb" })).checkpoint as { startTime: number };
    const resumed = await runSource({ db: t.db, name: "kb" });
    expect(resumed.status, resumed.error ?? "").toBe("succeeded");
    const exports = zd.requests
      .filter((r) => r.path.startsWith("/api/v2/help_center/incremental/"))
      .slice(exportsBefore);
    expect(Number(exports.at(-2)!.query.get("start_time"))).toBe(checkpoint.startTime);
    expect(checkpoint.startTime).toBeGreaterThan(0);
    expect(await h.activeCount({ source: "kb" })).toBe(3 + 150);
    zd.incrementalPageSize = 1000;
  });

  it("revocation at the source: a user removed from the Zendesk group stops seeing the article after the next permission run", async () => {
    expect(await readable("alice")).toContain("Tier 2 runbook");
    zd.putGroup({ id: 10, name: "Tier 2", members: [105] });
    // Before the permission run nothing changed in Groundwork yet.
    expect(await readable("alice")).toContain("Tier 2 runbook");
    const run = await runSource({ db: t.db, name: "kb", mode: "acl" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.embeddingCalls).toBe(0);
    expect(await readable("alice")).not.toContain("Tier 2 runbook");
    // The segment narrowed at the source (to a group alice is not in): gone after the next permission run too.
    zd.putGroup({ id: 10, name: "Tier 2", members: [101, 105] });
    await runSource({ db: t.db, name: "kb", mode: "acl" });
    expect(await readable("alice")).toContain("Tier 2 runbook");
    zd.putGroup({ id: 11, name: "Tier 3", members: [105] });
    zd.putSegment({ id: 21, name: "Tier 2 agents", userType: "staff", groupIds: [11] });
    const narrowed = await runSource({ db: t.db, name: "kb", mode: "acl" });
    expect(narrowed.embeddingCalls).toBe(0);
    expect(await readable("alice")).not.toContain("Tier 2 runbook");
    zd.putSegment({ id: 21, name: "Tier 2 agents", userType: "staff", groupIds: [10] });
    await runSource({ db: t.db, name: "kb", mode: "acl" });
  });

  it("an unpublished article leaves with the next sync; a revoked token fails the run, marks the source and keeps its documents", async () => {
    expect(await readable("alice")).toContain("Tier 2 runbook");
    zd.putArticle({
      id: 2,
      title: "Tier 2 runbook",
      body: "<p>Page the on-call lead.</p>",
      segmentId: 21,
      draft: true,
    });
    const run = await runSource({ db: t.db, name: "kb" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts.deleted).toBe(1);
    expect(await readable("alice")).not.toContain("Tier 2 runbook");

    zd.revokeToken();
    try {
      await expect(runSource({ db: t.db, name: "kb" })).rejects.toThrow(/HTTP 401/);
      expect(await h.latestRun()).toMatchObject({ status: "failed", error: expect.stringMatching(/HTTP 401/) });
      expect(await h.reauthReason({ source: "kb" })).toMatch(/refused the credentials/);
      expect(await readable("carol")).toContain("Public returns");
    } finally {
      zd.restoreToken();
    }
  });
});
