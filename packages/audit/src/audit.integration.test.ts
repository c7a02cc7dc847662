import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, workerHeartbeats } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";
import { purgeAuditEvents } from "./purge-audit-events";
import { recordAuditEvent } from "./record-audit-event";
import { readWorkerLiveness, startWorkerHeartbeat } from "./worker-heartbeat";

const targets = await availableTargets();

async function collect(gen: AsyncGenerator<string>): Promise<string> {
  let s = "";
  for await (const part of gen) s += part;
  return s;
}

describe.each(targets)("audit trail on %s", (target) => {
  let t: TestDatabase;
  const emma = { userId: "00000000-0000-4000-8000-000000000001", username: "emma" };
  const ada = { userId: "00000000-0000-4000-8000-000000000002", username: "ada" };

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    await recordAuditEvent({ db: t.db, actor: emma, action: "search", outcome: "ok", latencyMs: 12, requestId: "r1", detail: { query: "leave policy", retrieved: ["c1", "c2"] } });
    await recordAuditEvent({ db: t.db, actor: emma, action: "chat", outcome: "abstained", latencyMs: 40, requestId: "r2", detail: { cited: [] } });
    await recordAuditEvent({ db: t.db, actor: ada, action: "document.view", target: "doc-1", requestId: "r3" });
    await recordAuditEvent({ db: t.db, actor: ada, action: "document.download", target: "doc-1", outcome: "denied", requestId: "r4" });
    await recordAuditEvent({ db: t.db, actor: ada, action: "acl.update", target: "doc-1", requestId: "r5", detail: { note: '=HYPERLINK("http://evil")', multi: "a,b\n\"c\"" } });
  });
  afterAll(async () => t?.dispose());

  it("lists newest first with filters on action prefix, actor, outcome and target", async () => {
    const all = await listAuditEvents({ db: t.db });
    expect(all.events.map((e) => e.requestId)).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    const docs = await listAuditEvents({ db: t.db, filter: { action: "document.*" } });
    expect(docs.events.map((e) => e.action)).toEqual(["document.download", "document.view"]);
    expect((await listAuditEvents({ db: t.db, filter: { actor: "emma" } })).events).toHaveLength(2);
    expect((await listAuditEvents({ db: t.db, filter: { outcome: "denied" } })).events.map((e) => e.requestId)).toEqual(["r4"]);
    expect((await listAuditEvents({ db: t.db, filter: { target: "doc-1", actor: "ada", action: "acl.update" } })).events).toHaveLength(1);
    // `_` and `%` in a prefix are literal, not wildcards.
    expect((await listAuditEvents({ db: t.db, filter: { action: "doc_ment.*" } })).events).toHaveLength(0);
  });

  it("pages by keyset without repeating or skipping rows", async () => {
    const seen: string[] = [];
    let before: number | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listAuditEvents({ db: t.db, limit: 2, before });
      seen.push(...page.events.map((e) => e.requestId ?? ""));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(["r5", "r4", "r3", "r2", "r1"]);
  });

  it("exports CSV with quoting and formula neutralisation, and JSON that parses back", async () => {
    const csv = await collect(exportAuditEvents({ db: t.db, format: "csv", pageSize: 2 }));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,at,actor_id,actor_username,action,target,outcome,latency_ms,request_id,detail");
    expect(csv).toContain("document.download,doc-1,denied");
    // The detail JSON is one quoted cell; the formula inside is inert text inside it.
    expect(csv).toMatch(/"\{""note"":""=HYPERLINK\(\\""http:\/\/evil\\""\)""/);
    const json = JSON.parse(await collect(exportAuditEvents({ db: t.db, format: "json", pageSize: 2 }))) as { requestId: string; detail: Record<string, unknown> }[];
    expect(json.map((e) => e.requestId)).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    expect(json[4]?.detail).toEqual({ query: "leave policy", retrieved: ["c1", "c2"] });
    const filtered = JSON.parse(await collect(exportAuditEvents({ db: t.db, format: "json", filter: { actor: "nobody" } })));
    expect(filtered).toEqual([]);
  });

  it("purges rows older than the retention window and keeps the rest", async () => {
    await t.db.execute(sql`update ${auditEvents} set at = now() - interval '40 days' where request_id in ('r1', 'r2')`);
    await t.db.execute(sql`update ${auditEvents} set at = now() - interval '10 days' where request_id = 'r3'`);
    const first = await purgeAuditEvents({ db: t.db, retentionDays: 30, batchSize: 1 });
    expect(first.deleted).toBe(2);
    const left = (await listAuditEvents({ db: t.db })).events.map((e) => e.requestId);
    expect(left).toEqual(["r5", "r4", "r3"]);
    expect((await purgeAuditEvents({ db: t.db, retentionDays: 30 })).deleted).toBe(0);
    expect((await purgeAuditEvents({ db: t.db, retentionDays: 5 })).deleted).toBe(1);
    await expect(purgeAuditEvents({ db: t.db, retentionDays: 0 })).rejects.toThrow(/retentionDays/);
  });

  it("reports workers alive only while a fresh heartbeat exists", async () => {
    expect((await readWorkerLiveness({ db: t.db, kind: "ingest" })).alive).toBe(false);
    const hb = startWorkerHeartbeat({ db: t.db, kind: "ingest", intervalMs: 60_000 });
    await hb.beat();
    const live = await readWorkerLiveness({ db: t.db, kind: "ingest" });
    expect(live).toMatchObject({ alive: true, workers: 1 });
    await t.db.execute(sql`update ${workerHeartbeats} set beat_at = now() - interval '5 minutes'`);
    const stale = await readWorkerLiveness({ db: t.db, kind: "ingest" });
    expect(stale.alive).toBe(false);
    expect(stale.lastBeatAgeMs).toBeGreaterThan(60_000);
    await hb.stop();
    expect((await readWorkerLiveness({ db: t.db, kind: "ingest" })).lastBeatAgeMs).toBeNull();
  });
});
