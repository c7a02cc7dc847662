import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, ingestionRuns } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { cancelRun, createSource, enableSourceWebhook } from "@groundwork/ingest";
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
