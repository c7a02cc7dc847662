import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { readAuditEnv } from "./env";
import { recordAuditEvent } from "./record-audit-event";
import { startAuditRetention } from "./start-audit-retention";

describe("audit retention configuration", () => {
  it("reads GROUNDWORK_AUDIT_RETENTION_DAYS with a default and rejects nonsense", () => {
    expect(readAuditEnv({}).GROUNDWORK_AUDIT_RETENTION_DAYS).toBe(365);
    expect(readAuditEnv({ GROUNDWORK_AUDIT_RETENTION_DAYS: "30" }).GROUNDWORK_AUDIT_RETENTION_DAYS).toBe(30);
    expect(readAuditEnv({ GROUNDWORK_AUDIT_RETENTION_DAYS: "" }).GROUNDWORK_AUDIT_RETENTION_DAYS).toBe(365);
    expect(() => readAuditEnv({ GROUNDWORK_AUDIT_RETENTION_DAYS: "0" })).toThrow();
    expect(() => readAuditEnv({ GROUNDWORK_AUDIT_RETENTION_DAYS: "soon" })).toThrow();
  });
});

describe.each(await availableTargets())("audit retention job on %s", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ target });
  });
  afterAll(async () => t?.dispose());

  it("purges at start and on demand, keeping recent rows", async () => {
    const actor = { userId: null, username: "sys" };
    await recordAuditEvent({ db: t.db, actor, action: "old", requestId: "old-1" });
    await recordAuditEvent({ db: t.db, actor, action: "new", requestId: "new-1" });
    await t.db.execute(sql`update ${auditEvents} set at = now() - interval '8 days' where action = 'old'`);
    const job = startAuditRetention({ db: t.db, retentionDays: 7, intervalMs: 60_000 });
    // The purge at start is already running; runNow joins it rather than racing a second one.
    await job.runNow();
    let left = await t.db.select({ action: auditEvents.action }).from(auditEvents);
    expect(left.map((r) => r.action)).toEqual(["new"]);
    await recordAuditEvent({ db: t.db, actor, action: "old", requestId: "old-2" });
    await t.db.execute(sql`update ${auditEvents} set at = now() - interval '30 days' where action = 'old'`);
    expect((await job.runNow()).deleted).toBe(1);
    left = await t.db.select({ action: auditEvents.action }).from(auditEvents);
    expect(left.map((r) => r.action)).toEqual(["new"]);
    await job.stop();
  });
});
