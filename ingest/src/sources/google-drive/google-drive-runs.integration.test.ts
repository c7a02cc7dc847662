import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, type TestDatabase } from "@groundwork/db/testing";
import { documents, ingestionRuns } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../../env";
import { executeRun } from "../../run/execute-run";
import { getRun } from "../../run/runs";
import { makeDocx, runSource } from "../../testing";
import { testConnectorContext } from "../../testing/connector-context";
import { startConnectorRunHarness, type ConnectorRunHarness } from "../../testing/connector-run-harness";
import { startDriveServer, type TestDriveServer } from "../../testing/google-drive-server";
import { createSource, findSource } from "../manage-sources";
import { enableSourceWebhook, receiveSourceWebhook } from "../source-webhook";
import { driveTiming, googleDriveConfigSchema, watchDriveChanges } from "./index";

/**
 * The Google Drive connector through the real run loop on both databases: mirrored Directory
 * groups, stored ACLs read back as each user under row-level security, the changes cursor, an
 * ACL-only change with no re-embedding, a push notification running the cursor at once, and a
 * revoked key marking the source for re-authorisation while its documents stay searchable.
 */
const targets = await availableTargets();
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const BULK = 300;

describe.each(targets)("google-drive source on %s", (target) => {
  let h: ConnectorRunHarness;
  let t: TestDatabase;
  let drive: TestDriveServer;
  const ids: Record<string, string> = {};

  /** Titles of active documents of the drive source the user may read (the bulk files left out). */
  const readable = async (username: string) =>
    (await h.readable({ username, source: "drive" })).filter((title) => !/^Bulk /.test(title));

  beforeAll(async () => {
    driveTiming.backoffMs = 100;
    h = await startConnectorRunHarness({
      target,
      people: [
        { username: "alice" },
        { username: "bob" },
        { username: "carol" },
        { username: "erin", verified: false },
        { username: "admin", displayName: "Drive admin", email: "drive-admin@example.com" },
      ],
    });
    t = h.t;
    drive = await startDriveServer({ pageSize: 100 });
    drive.setGroups([
      {
        id: "03x8tuzt1cgxhh8",
        email: "hr@example.com",
        name: "HR",
        members: [
          { type: "USER", id: "u-alice", email: "alice@example.com" },
          { type: "USER", id: "u-erin", email: "erin@example.com" },
        ],
      },
    ]);
    const hr = drive.addFolder({
      name: "HR",
      permissions: [{ type: "group", role: "reader", emailAddress: "hr@example.com" }],
    });
    ids.salaries = drive.addFile({
      name: "salaries.md",
      mimeType: "text/markdown",
      parentId: hr,
      content: "# Salaries\n\nBands per level.",
    });
    ids.handbook = drive.addFile({
      name: "Handbook",
      mimeType: "application/vnd.google-apps.document",
      exports: {
        [DOCX]: await makeDocx({
          title: "Handbook",
          sections: [{ heading: "Leave", paragraphs: ["Twenty-five days of leave a year."] }],
        }),
      },
      permissions: [{ type: "domain", role: "reader", domain: "example.com", allowFileDiscovery: true }],
    });
    ids.budget = drive.addFile({
      name: "budget.md",
      mimeType: "text/markdown",
      content: "# Budget\n\nSupport: 1200.",
      permissions: [
        { type: "user", role: "reader", emailAddress: "carol@example.com" },
        { type: "user", role: "reader", emailAddress: "bob@example.com" },
      ],
    });
    ids.link = drive.addFile({
      name: "link.md",
      mimeType: "text/markdown",
      content: "# Link share",
      permissions: [{ type: "anyone", role: "reader", allowFileDiscovery: false }],
    });
    drive.setDriveMembers("0ASharedOps", [{ type: "user", role: "organizer", emailAddress: "bob@example.com" }]);
    ids.ops = drive.addFile({
      name: "ops.md",
      mimeType: "text/markdown",
      driveId: "0ASharedOps",
      content: "# Ops runbook\n\nRestart the queue.",
    });
    ids.old = drive.addFile({
      name: "old.md",
      mimeType: "text/markdown",
      content: "# Old notes",
      permissions: [{ type: "user", role: "reader", emailAddress: "carol@example.com" }],
    });
    for (let i = 0; i < BULK; i++)
      drive.addFile({
        name: `bulk-${i}.md`,
        mimeType: "text/markdown",
        content: `# Bulk ${i}\n\nFiller paragraph ${i} about quarterly planning.`,
        ...(i % 2
          ? { driveId: "0ASharedOps" }
          : { permissions: [{ type: "group", role: "reader", emailAddress: "hr@example.com" }] }),
      });
    await createSource({
      db: t.db,
      name: "drive",
      kind: "google-drive",
      config: drive.config({ syncGroups: true, organisationGroup: "everyone" }),
      schedule: null,
    });
  }, 120_000);
  afterAll(async () => {
    driveTiming.backoffMs = 1000;
    await drive?.close();
    await h?.dispose();
  });

  it("first sync: My Drive and the shared drive stored with their sharing; a Google Doc exported and parsed", async () => {
    const started = performance.now();
    const run = await runSource({ db: t.db, name: "drive" });
    const seconds = (performance.now() - started) / 1000;
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts.added).toBe(BULK + 6);
    console.log(
      `[google-drive ${target}] first sync: ${run.counts.added} documents in ${seconds.toFixed(2)} s = ${(run.counts.added / seconds).toFixed(0)} documents/s`,
    );
    const [handbook] = await t.db
      .select({ title: documents.title, acl: documents.acl })
      .from(documents)
      .where(eq(documents.path, ids.handbook!));
    expect(handbook).toEqual({ title: "Handbook", acl: ["group:everyone"] });
    // The organisation group (a domain share) reaches everyone; the HR folder's group its members
    // with verified e-mail (erin's is not); a link share and unmatched principals nobody.
    expect(await readable("alice")).toEqual(["Handbook", "Salaries"]);
    expect(await readable("bob")).toEqual(["Budget", "Handbook", "Ops runbook"]);
    expect(await readable("carol")).toEqual(["Budget", "Handbook", "Old notes"]);
    expect(await readable("erin")).toEqual(["Handbook"]);
    const source = await findSource({ db: t.db, source: "drive" });
    expect(source.checkpoint).toEqual({ phase: "changes", pageToken: expect.any(String) });
  });

  it("the changes cursor picks up an edit and a removal, nothing else", async () => {
    drive.updateFile(ids.ops!, { content: "# Ops runbook\n\nRestart the queue, then the workers." });
    drive.remove(ids.old!);
    const before = drive.requests.length;
    const run = await runSource({ db: t.db, name: "drive" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts).toMatchObject({ updated: 1, deleted: 1, added: 0 });
    const after = drive.requests.slice(before);
    expect(after.some((r) => r.path === "/drive/v3/changes")).toBe(true);
    expect(after.filter((r) => r.path.endsWith("/permissions")).length).toBeLessThanOrEqual(2);
    expect(await readable("carol")).toEqual(["Budget", "Handbook"]);
  });

  it("a permission-only change at the source: ACL updated, 0 re-embeds, the user's next search no longer sees it", async () => {
    expect(await readable("carol")).toContain("Budget");
    drive.setPermissions(ids.budget!, [{ type: "user", role: "reader", emailAddress: "bob@example.com" }]);
    const run = await runSource({ db: t.db, name: "drive" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.counts).toMatchObject({ aclUpdated: 1, updated: 0 });
    expect(run.embeddingCalls).toBe(0);
    expect(await readable("carol")).not.toContain("Budget");
    expect(await readable("bob")).toContain("Budget");
  });

  it("a member removed from a Google group loses the folder's files at the next permission run (acl, 0 re-embeds)", async () => {
    expect(await readable("alice")).toContain("Salaries");
    drive.setGroups([
      {
        id: "03x8tuzt1cgxhh8",
        email: "hr@example.com",
        name: "HR",
        members: [{ type: "USER", id: "u-erin", email: "erin@example.com" }],
      },
    ]);
    const run = await runSource({ db: t.db, name: "drive", mode: "acl" });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.embeddingCalls).toBe(0);
    expect(await readable("alice")).not.toContain("Salaries");
    drive.setGroups([
      {
        id: "03x8tuzt1cgxhh8",
        email: "hr@example.com",
        name: "HR",
        members: [
          { type: "USER", id: "u-alice", email: "alice@example.com" },
          { type: "USER", id: "u-erin", email: "erin@example.com" },
        ],
      },
    ]);
    await runSource({ db: t.db, name: "drive", mode: "acl" });
    expect(await readable("alice")).toContain("Salaries");
  });

  it("push: the channel's sync message is acknowledged; a change message queues a run that reads the cursor at once", async () => {
    const { id: sourceId } = await findSource({ db: t.db, source: "drive" });
    const { secret, path } = await enableSourceWebhook({ db: t.db, source: "drive" });
    const config = googleDriveConfigSchema.parse(drive.config({ syncGroups: true }));
    const channel = await watchDriveChanges({
      config,
      ctx: testConnectorContext(),
      address: `https://gw.example${path}`,
      token: secret,
    });
    const deliver = async (state: "sync" | "change", token?: string) => {
      const { headers, body } = drive.notification(channel.channelId, state, token);
      return receiveSourceWebhook({ db: t.db, sourceId, headers, body, url: new URL(`https://gw.example${path}`) });
    };
    expect(await deliver("sync")).toMatchObject({
      respond: { status: 200, contentType: "text/plain; charset=utf-8", body: "" },
    });
    const runs = await t.db
      .select({ id: ingestionRuns.id })
      .from(ingestionRuns)
      .where(eq(ingestionRuns.sourceId, sourceId));
    await expect(deliver("change", "gwh_wrong")).rejects.toThrow(/not recognised/);

    // Revocation by notification: the source change → Groundwork stops serving it.
    expect(await readable("bob")).toContain("Ops runbook");
    const revokedAt = performance.now();
    drive.setDriveMembers("0ASharedOps", []);
    // The sync message queued nothing.
    expect(
      await t.db.select({ id: ingestionRuns.id }).from(ingestionRuns).where(eq(ingestionRuns.sourceId, sourceId)),
    ).toHaveLength(runs.length);
    const queued = await deliver("change");
    expect(queued).toMatchObject({ queued: true, runId: expect.any(String) });
    const runId = (queued as { runId: string }).runId;
    await executeRun({ db: t.db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
    const run = await getRun({ db: t.db, runId });
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect(run.trigger).toBe("webhook");
    expect(run.embeddingCalls).toBe(0);
    expect(await readable("bob")).not.toContain("Ops runbook");
    console.log(
      `[google-drive ${target}] revocation by push notification: ${(performance.now() - revokedAt).toFixed(0)} ms (run of ${run.counts.aclUpdated} ACL updates)`,
    );
    drive.setDriveMembers("0ASharedOps", [{ type: "user", role: "organizer", emailAddress: "bob@example.com" }]);
    await runSource({ db: t.db, name: "drive" });
    expect(await readable("bob")).toContain("Ops runbook");
  });

  it("a deleted service account key fails the run as needing re-authorisation and keeps every document", async () => {
    drive.revokeKey();
    await expect(runSource({ db: t.db, name: "drive" })).rejects.toThrow(/service account key/);
    expect(await h.latestRun()).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/service account key/),
    });
    expect(await h.reauthReason({ source: "drive" })).toMatch(/create a new key and update --service-account-key/);
    expect(await readable("alice")).toEqual(["Handbook", "Salaries"]);
  });
});
