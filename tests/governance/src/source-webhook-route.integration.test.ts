import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, documents, ingestionRuns, users } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { cancelRun, createSource, enableSourceWebhook, executeRun, getRun, readIngestEnv } from "@groundwork/ingest";
import {
  runSource,
  startGraphServer,
  startZendeskServer,
  type TestGraphServer,
  type ZendeskServer,
} from "@groundwork/ingest/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { startAppHarness, type AppHarness } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * The push webhook over HTTP: a Git host's POST (no browser Origin, no cookie) with the source's
 * secret queues a `webhook` run; a wrong secret, an unknown source and an admin's session
 * cookie without the secret all get the same 404 — the cookie grants nothing on this route.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};

describe.each(await availableTargets())("source webhook route on %s", (target) => {
  let app: AppHarness;
  let dir: string;
  let sourceId: string;
  let secret: string;
  let POST: Handler;
  const payload = JSON.stringify({ ref: "refs/heads/main", after: "abc123" });
  const signature = (key: string) => `sha256=${createHmac("sha256", key).update(payload).digest("hex")}`;
  const push = (
    id: string,
    headers: Record<string, string>,
    session: Awaited<ReturnType<AppHarness["sessionFor"]>> = null,
  ) =>
    app.invoke({
      handler: POST,
      method: "POST",
      path: `/api/hooks/sources/${id}`,
      params: { id },
      session,
      body: payload,
      csrf: false,
      headers: { "content-type": "application/json", origin: "https://git.example.com", ...headers },
    });

  beforeAll(async () => {
    app = await startAppHarness({ target });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-hook-route-"));
    fs.writeFileSync(path.join(dir, "a.md"), "# A\n\nText.");
    sourceId = (await createSource({ db: app.db, name: "pushed", kind: "folder", path: dir })).id;
    ({ secret } = await enableSourceWebhook({ db: app.db, source: "pushed" }));
    ({ POST } = (await import(path.join(webDir, "app/api/hooks/sources/[id]/route.ts"))) as { POST: Handler });
  });
  afterAll(async () => {
    await app?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a signed push from another origin queues a webhook run, audited without the secret", async () => {
    const res = await push(sourceId, { "x-hub-signature-256": signature(secret) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: true });
    const runs = await app.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, sourceId));
    expect(runs.map((r) => r.trigger)).toEqual(["webhook"]);
    const audit = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "source.webhook"));
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(secret);
    for (const r of runs) if (r.status === "queued") await cancelRun({ db: app.db, runId: r.id });
  });

  it("a wrong secret, an unknown source and an admin cookie alone get the same 404", async () => {
    const bodies: string[] = [];
    for (const res of [
      await push(sourceId, { "x-hub-signature-256": signature("wrong") }),
      await push(sourceId, { authorization: "Bearer gwh_guess" }),
      await push("00000000-0000-4000-8000-0000000000ff", { "x-hub-signature-256": signature(secret) }),
      await push(sourceId, {}, await app.sessionFor("admin")),
    ]) {
      expect(res.status).toBe(404);
      bodies.push(JSON.stringify(((await res.json()) as { error: { message: string } }).error.message));
    }
    expect(new Set(bodies).size).toBe(1);
    const runs = await app.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, sourceId));
    expect(runs.filter((r) => r.status === "queued")).toHaveLength(0);
  });
});

/**
 * Vendor change notifications through the same route: Microsoft Graph's subscription handshake
 * (validationToken echoed as text/plain) and clientState on every notification, Zendesk's signed
 * webhooks (HMAC of timestamp + body). A bad proof is the uniform 404 and queues nothing; a good
 * one queues a targeted run, which the worker's executeRun then processes.
 */
describe.each(await availableTargets())("vendor notifications through the webhook route on %s", (target) => {
  let app: AppHarness;
  let graph: TestGraphServer;
  let zd: ZendeskServer;
  let POST: Handler;
  let spId: string;
  let spSecret: string;
  let zdId: string;
  let site: { siteId: string; driveId: string };
  let memo: string;
  const signing = "zendesk-signing-secret";
  const hrGrant = { id: "p-hr", roles: ["read"], grantedToV2: { group: { id: "grp-hr", displayName: "HR" } } };

  const post = ({
    id,
    body,
    headers = {},
    query = "",
  }: {
    id: string;
    body: string;
    headers?: Record<string, string>;
    query?: string;
  }) =>
    app.invoke({
      handler: POST,
      method: "POST",
      path: `/api/hooks/sources/${id}${query}`,
      params: { id },
      body,
      csrf: false,
      headers: { "content-type": "application/json", ...headers },
    });
  const queuedRuns = async (sourceId: string) =>
    (await app.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, sourceId))).filter(
      (r) => r.status === "queued",
    );
  const process = async (runId: string) => {
    await executeRun({ db: app.db, runId, embedder: createHashEmbedder(), env: readIngestEnv() });
    return getRun({ db: app.db, runId });
  };
  const docOf = async (sourceId: string, title: string) =>
    (await app.db.select().from(documents).where(eq(documents.sourceId, sourceId))).find((d) => d.title === title);

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_CONNECTOR_ALLOW_HOSTS", "127.0.0.1,localhost");
    vi.stubEnv("GROUNDWORK_SECRET_KEY", "b".repeat(64));
    app = await startAppHarness({ target });
    await app.db.update(users).set({ emailVerified: true }).where(eq(users.username, "harper"));
    ({ POST } = (await import(path.join(webDir, "app/api/hooks/sources/[id]/route.ts"))) as { POST: Handler });

    graph = await startGraphServer();
    site = graph.addSite({ name: "intranet" });
    graph.setGroups([
      {
        id: "grp-hr",
        displayName: "HR",
        members: [{ kind: "user", id: "aad-harper", mail: "harper@quillfeather.example" }],
      },
    ]);
    memo = graph.addFile({
      driveId: site.driveId,
      name: "memo.md",
      content: "# Memo\n\nHR only.",
      permissions: [hrGrant],
    });
    spId = (
      await createSource({
        db: app.db,
        name: "sp",
        kind: "sharepoint",
        config: graph.config({ sites: [site.siteId] }),
        schedule: null,
      })
    ).id;
    await runSource({ db: app.db, name: "sp" });
    ({ secret: spSecret } = await enableSourceWebhook({ db: app.db, source: "sp" }));

    zd = await startZendeskServer();
    zd.putArticle({ id: 7, title: "Returns", body: "<p>Within 30 days.</p>" });
    zdId = (
      await createSource({
        db: app.db,
        name: "kb",
        kind: "zendesk",
        config: { url: zd.url, email: zd.email, apiToken: zd.apiToken, webhookSigningSecret: signing },
        schedule: null,
      })
    ).id;
    await runSource({ db: app.db, name: "kb" });
  }, 120_000);
  afterAll(async () => {
    await graph?.close();
    await zd?.close();
    await app?.dispose();
    vi.unstubAllEnvs();
  });

  it("graph: the validationToken is echoed as text/plain, queuing nothing", async () => {
    const res = await post({
      id: spId,
      body: "",
      query: "?validationToken=Validation%3A%20Testing%20client",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await res.text()).toBe("Validation: Testing client");
    expect(await queuedRuns(spId)).toHaveLength(0);
  });

  it("graph: a wrong clientState is the uniform 404 and queues nothing; the right one queues a run that revokes", async () => {
    expect((await docOf(spId, "Memo"))?.acl.length).toBe(1);
    graph.setPermissions({ driveId: site.driveId, itemId: memo, permissions: [] });
    const notification = (clientState: string) =>
      JSON.stringify({
        value: [
          {
            subscriptionId: "sub-1",
            clientState,
            changeType: "updated",
            resource: `drives/${site.driveId}/root`,
            subscriptionExpirationDateTime: new Date(Date.now() + 3600_000).toISOString(),
            tenantId: graph.tenantId,
          },
        ],
      });
    for (const body of [notification("guess"), notification(`${spSecret}x`), "not json"]) {
      const res = await post({ id: spId, body });
      expect(res.status).toBe(404);
    }
    expect(await queuedRuns(spId)).toHaveLength(0);

    const res = await post({ id: spId, body: notification(spSecret) });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: true });
    const [run] = await queuedRuns(spId);
    expect(run?.trigger).toBe("webhook");
    expect((await process(run!.id)).status).toBe("succeeded");
    expect((await docOf(spId, "Memo"))?.acl).toEqual([]);
  });

  it("zendesk: a bad or stale signature is the uniform 404; a signed article event queues a run of that article only", async () => {
    zd.putArticle({ id: 7, title: "Returns (updated)", body: "<p>Within 60 days.</p>" });
    const body = JSON.stringify({
      type: "zen:event-type:article.updated",
      account_id: 1,
      id: "evt-1",
      subject: "zen:article:7",
      time: new Date().toISOString(),
      zendesk_event_version: "2022-11-06",
      detail: { id: "7" },
      event: {},
    });
    const sign = (secret: string, timestamp: string) => ({
      "x-zendesk-webhook-signature": createHmac("sha256", secret).update(timestamp).update(body).digest("base64"),
      "x-zendesk-webhook-signature-timestamp": timestamp,
    });
    const now = new Date().toISOString();
    for (const headers of [sign("wrong", now), sign(signing, "2020-01-01T00:00:00Z"), {}]) {
      const res = await post({ id: zdId, body, headers });
      expect(res.status).toBe(404);
    }
    expect(await queuedRuns(zdId)).toHaveLength(0);

    const res = await post({ id: zdId, body, headers: sign(signing, now) });
    expect(res.status).toBe(202);
    const [run] = await queuedRuns(zdId);
    expect(run?.targetIds).toEqual(["7"]);
    expect((await process(run!.id)).status).toBe("succeeded");
    expect(await docOf(zdId, "Returns (updated)")).toBeDefined();
    const audit = await app.db.select().from(auditEvents).where(eq(auditEvents.target, zdId));
    expect(JSON.stringify(audit)).not.toContain(signing);
  });
});
