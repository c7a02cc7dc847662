import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { ingestionRuns } from "@groundwork/db/schema";
import { cancelRun } from "../run/runs";
import { createSource, findSource, updateSource } from "./manage-sources";
import { disableSourceWebhook, enableSourceWebhook, receiveSourceWebhook } from "./source-webhook";

const targets = await availableTargets();

describe.each(targets)("source webhooks on %s", (target) => {
  let t: TestDatabase;
  let dir: string;
  let sourceId: string;
  let secret: string;
  const body = new TextEncoder().encode(JSON.stringify({ ref: "refs/heads/main" }));
  const hmac = (key: string) => createHmac("sha256", key).update(body).digest("hex");
  const clear = async () => {
    const runs = await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, sourceId));
    for (const r of runs) if (r.status === "queued") await cancelRun({ db: t.db, runId: r.id });
  };

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-hook-"));
    fs.writeFileSync(path.join(dir, "a.md"), "# A\n\nText.");
    sourceId = (await createSource({ db: t.db, name: "hooked", kind: "folder", path: dir })).id;
    ({ secret } = await enableSourceWebhook({ db: t.db, source: "hooked" }));
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("queues a webhook run for each accepted form of proof; the secret is not part of the source view", async () => {
    const forms: Record<string, string>[] = [
      { authorization: `Bearer ${secret}` },
      { "x-gitlab-token": secret },
      { "x-hub-signature-256": `sha256=${hmac(secret)}` },
      { "x-gitea-signature": hmac(secret) },
    ];
    for (const headers of forms) {
      const result = await receiveSourceWebhook({ db: t.db, sourceId, headers: new Headers(headers), body });
      expect(result.queued, JSON.stringify(Object.keys(headers))).toBe(true);
      const [run] = await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.id, result.runId!));
      expect(run!.trigger).toBe("webhook");
      // A second push while that run is queued is accepted and folded into it.
      expect((await receiveSourceWebhook({ db: t.db, sourceId, headers: new Headers(headers), body })).queued).toBe(
        false,
      );
      await clear();
    }
    expect(JSON.stringify(await findSource({ db: t.db, source: "hooked" }))).not.toContain(secret);
  });

  it("refuses a wrong secret, a wrong signature, an unknown source and a disabled webhook alike", async () => {
    const attempts: [string, Record<string, string>][] = [
      [sourceId, { authorization: "Bearer gwh_wrong" }],
      [sourceId, { "x-hub-signature-256": `sha256=${hmac("not-the-secret")}` }],
      [sourceId, {}],
      ["00000000-0000-4000-8000-00000000abcd", { authorization: `Bearer ${secret}` }],
      ["not-a-uuid", { authorization: `Bearer ${secret}` }],
    ];
    for (const [id, headers] of attempts) {
      const error = await receiveSourceWebhook({ db: t.db, sourceId: id, headers: new Headers(headers), body }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: "not_found", message: "This webhook is not recognised." });
    }
    await updateSource({ db: t.db, source: "hooked", paused: true });
    expect(
      (await receiveSourceWebhook({ db: t.db, sourceId, headers: new Headers({ "x-gitlab-token": secret }), body }))
        .queued,
    ).toBe(false);
    await updateSource({ db: t.db, source: "hooked", paused: false });
    await disableSourceWebhook({ db: t.db, source: "hooked" });
    const error = await receiveSourceWebhook({
      db: t.db,
      sourceId,
      headers: new Headers({ "x-gitlab-token": secret }),
      body,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "not_found" });
  });
});
