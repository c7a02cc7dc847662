import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { ingestionRuns, sources } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { executeRun } from "./execute-run";
import { getRun } from "./runs";
import { isGroundworkError } from "@groundwork/core/errors";
import { runSource } from "../testing";
import { startDriveServer, type TestDriveServer } from "../testing/google-drive-server";
import { startGraphServer, type TestGraphServer } from "../testing/graph-server";
import { driveTiming } from "../sources/google-drive/index";
import { createSource, findSource } from "../sources/manage-sources";
import { resetSecretKeyCache } from "../sources/secret-box";
import { enableSourceWebhook, receiveSourceWebhook } from "../sources/source-webhook";
import { runSyncTick } from "./sync-tick";

/**
 * The sync tick registering vendor change notifications on both databases: a Graph subscription
 * per drive (with Graph's validation handshake answered by the hook route) and a Drive changes
 * channel, created once, left alone while fresh, renewed near expiry (Drive: a new channel, the
 * old one stopped), and a vendor refusal logged and retried while the tick and the content sync
 * stay healthy.
 */
const targets = await availableTargets();
const ORIGIN = "https://gw.example";

describe.each(targets)("notification registrations on %s", (target) => {
  let t: TestDatabase;
  let graph: TestGraphServer;
  let drive: TestDriveServer;
  let driveId = "";

  const registration = async (name: string) => {
    const [row] = await t.db
      .select({ r: sources.notificationRegistration })
      .from(sources)
      .where(eq(sources.name, name));
    return row!.r;
  };
  /** A tick as the scheduler fires it, with the permission runs it would queue already done (they are not under test). */
  const tick = async () => {
    await t.db.update(sources).set({ lastPermissionSyncAt: new Date() });
    return runSyncTick({ db: t.db, origin: ORIGIN });
  };
  /** A content sync of the source: the run already queued (a notification's, the schedule's), else a new one. */
  const sync = async (name: string) => {
    const { id } = await findSource({ db: t.db, source: name });
    const [queued] = await t.db
      .select({ id: ingestionRuns.id })
      .from(ingestionRuns)
      .where(and(eq(ingestionRuns.sourceId, id), eq(ingestionRuns.status, "queued")));
    if (!queued) return runSource({ db: t.db, name });
    await executeRun({ db: t.db, runId: queued.id, embedder: createHashEmbedder(), env: readIngestEnv() });
    return getRun({ db: t.db, runId: queued.id });
  };
  /** The stored registration as if it had been made `days` ago and lapses in `hours`. */
  const age = async (name: string, { days, hours }: { days: number; hours: number }) => {
    const current = (await registration(name))!;
    await t.db
      .update(sources)
      .set({
        notificationRegistration: {
          ...current,
          registeredAt: new Date(Date.now() - days * 24 * 3600_000).toISOString(),
          expiresAt: new Date(Date.now() + hours * 3600_000).toISOString(),
        },
      })
      .where(eq(sources.name, name));
  };

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_CONNECTOR_ALLOW_HOSTS", "127.0.0.1");
    vi.stubEnv("GROUNDWORK_SECRET_KEY", randomBytes(32).toString("hex"));
    resetSecretKeyCache();
    driveTiming.backoffMs = 100;
    t = await createTestDatabase({ target });
    graph = await startGraphServer();
    ({ driveId } = graph.addSite({ name: "HR" }));
    graph.addFile({ driveId, name: "handbook.txt", content: "The handbook." });
    drive = await startDriveServer({ pageSize: 100 });
    drive.addFile({ name: "notes.txt", mimeType: "text/plain", content: "Notes." });
    await createSource({ db: t.db, name: "sp", kind: "sharepoint", config: graph.config(), schedule: null });
    await createSource({ db: t.db, name: "gd", kind: "google-drive", config: drive.config(), schedule: null });
    // Graph's validation handshake and notifications reach the hook route as the web app runs it.
    const { id: spId } = await findSource({ db: t.db, source: "sp" });
    graph.deliver = async ({ url, headers, body }) => {
      expect(url.origin + url.pathname).toBe(`${ORIGIN}/api/hooks/sources/${spId}`);
      try {
        const result = await receiveSourceWebhook({ db: t.db, sourceId: spId, headers, body, url });
        return result.respond
          ? { status: result.respond.status, body: result.respond.body }
          : { status: 202, body: "" };
      } catch (error) {
        if (isGroundworkError(error) && error.code === "not_found") return { status: 404, body: "" };
        throw error;
      }
    };
  }, 120_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    driveTiming.backoffMs = 1000;
    await graph?.close();
    await drive?.close();
    await t?.close();
  });

  it("registers nothing for sources without a webhook, or without a public origin", async () => {
    expect((await tick()).notifications).toEqual([]);
    await enableSourceWebhook({ db: t.db, source: "sp" });
    await enableSourceWebhook({ db: t.db, source: "gd" });
    await t.db.update(sources).set({ lastPermissionSyncAt: new Date() });
    expect((await runSyncTick({ db: t.db, origin: null })).notifications).toEqual([]);
    expect(graph.subscriptions.size).toBe(0);
    expect(drive.channels).toHaveLength(0);
  });

  it("SharePoint: a subscription on the drive root after the validation handshake, once; renewed near expiry", async () => {
    const { id: spId } = await findSource({ db: t.db, source: "sp" });
    const first = await tick();
    expect(first.notifications).toContain("sp");
    expect(graph.subscriptions.size).toBe(1);
    const [sub] = [...graph.subscriptions.values()];
    expect(sub).toMatchObject({
      changeType: "updated",
      notificationUrl: `${ORIGIN}/api/hooks/sources/${spId}`,
      resource: `/drives/${driveId}/root`,
      clientState: expect.stringMatching(/^gwh_/),
    });
    const lifetime = Date.parse(sub!.expirationDateTime) - Date.now();
    expect(lifetime).toBeGreaterThan(29 * 24 * 3600_000);
    expect(lifetime).toBeLessThanOrEqual(42_300 * 60_000);
    expect(await registration("sp")).toMatchObject({
      id: sub!.id,
      resource: `/drives/${driveId}/root`,
      expiresAt: sub!.expirationDateTime,
    });
    // The subscription's clientState is the source's webhook secret: its notifications are taken.
    expect(await graph.notify(sub!.id)).toEqual({ status: 202, body: "" });

    const writes = graph.requests.filter((r) => r.path.startsWith("/v1.0/subscriptions")).length;
    expect((await tick()).notifications).not.toContain("sp");
    expect(graph.requests.filter((r) => r.path.startsWith("/v1.0/subscriptions")).length).toBe(writes);

    await age("sp", { days: 29, hours: 12 });
    expect((await tick()).notifications).toContain("sp");
    const renewals = graph.requests.filter((r) => r.method === "PATCH" && r.path === `/v1.0/subscriptions/${sub!.id}`);
    expect(renewals).toHaveLength(1);
    expect(graph.subscriptions.size).toBe(1);
    const renewed = await registration("sp");
    expect(renewed!.id).toBe(sub!.id);
    expect(Date.parse(renewed!.expiresAt)).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
  });

  it("SharePoint: a failed validation handshake leaves the tick and the sync healthy and is retried", async () => {
    await t.db.update(sources).set({ notificationRegistration: null }).where(eq(sources.name, "sp"));
    graph.subscriptions.clear();
    const deliver = graph.deliver;
    graph.deliver = async () => ({ status: 500, body: "" });
    const failed = await tick();
    expect(failed.notifications).not.toContain("sp");
    expect(await registration("sp")).toBeNull();
    expect(graph.subscriptions.size).toBe(0);
    const run = await sync("sp");
    expect(run.status, run.error ?? "").toBe("succeeded");
    graph.deliver = deliver;
    expect((await tick()).notifications).toContain("sp");
    expect(graph.subscriptions.size).toBe(1);
  });

  it("Google Drive: a changes channel once; near expiry a new one opens and the old one is stopped", async () => {
    const { id: gdId } = await findSource({ db: t.db, source: "gd" });
    expect(drive.channels.length).toBeGreaterThanOrEqual(1);
    const channel = drive.channels.at(-1)!;
    expect(channel).toMatchObject({
      address: `${ORIGIN}/api/hooks/sources/${gdId}`,
      token: expect.stringMatching(/^gwh_/),
      stopped: false,
    });
    expect(drive.channels).toHaveLength(1);
    expect(channel.expiration).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    expect(await registration("gd")).toMatchObject({
      id: channel.id,
      resource: channel.resourceId,
      expiresAt: new Date(channel.expiration).toISOString(),
    });
    // Drive's first message on the channel is acknowledged by the hook (the token is the webhook secret).
    const { headers, body } = drive.notification(channel.id, "sync");
    expect(await receiveSourceWebhook({ db: t.db, sourceId: gdId, headers, body })).toMatchObject({
      respond: { status: 200 },
    });

    expect((await tick()).notifications).not.toContain("gd");
    expect(drive.channels).toHaveLength(1);

    await age("gd", { days: 6, hours: 12 });
    expect((await tick()).notifications).toContain("gd");
    expect(drive.channels).toHaveLength(2);
    expect(drive.channels[0]!.stopped).toBe(true);
    expect(drive.channels[1]!.stopped).toBe(false);
    expect((await registration("gd"))!.id).toBe(drive.channels[1]!.id);
  });

  it("Google Drive: a refused channel leaves the tick and the sync healthy and is retried", async () => {
    await age("gd", { days: 6, hours: 1 });
    drive.refuseChannels(1);
    const before = await registration("gd");
    const failed = await tick();
    expect(failed.notifications).not.toContain("gd");
    expect(await registration("gd")).toEqual(before);
    expect(drive.channels.filter((c) => !c.stopped)).toHaveLength(1);
    const run = await sync("gd");
    expect(run.status, run.error ?? "").toBe("succeeded");
    expect((await tick()).notifications).toContain("gd");
    expect(drive.channels.filter((c) => !c.stopped)).toHaveLength(1);
    expect((await registration("gd"))!.id).toBe(drive.channels.at(-1)!.id);
  });

  it("a new webhook secret drops the registration; the next tick registers with the new secret", async () => {
    const { secret } = await enableSourceWebhook({ db: t.db, source: "gd" });
    expect(await registration("gd")).toBeNull();
    expect((await tick()).notifications).toContain("gd");
    expect(drive.channels.at(-1)!.token).toBe(secret);
  });
});
