import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@groundwork/db/client";
import { auditEvents } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { exportAuditEvents } from "./export-audit-events";
import { listAuditEvents } from "./list-audit-events";
import { purgeAuditEvents } from "./purge-audit-events";
import { pendingAuditEventCount, recordAuditEvent, replayAuditSpool, useAuditSpool } from "./record-audit-event";
import { startAuditRetention } from "./start-audit-retention";

const targets = await availableTargets();
// This suite's own spool folder (the default is the repo's .groundwork/audit-spool).
const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-audit-suite-"));
useAuditSpool({ dir: spoolDir });

/** A database handle whose every write fails the way node-postgres does when the server is gone. */
const unreachableDb = {
  insert: () => ({
    values: () =>
      Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
  }),
} as unknown as Database;

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
    await recordAuditEvent({
      db: t.db,
      actor: emma,
      action: "search",
      outcome: "ok",
      latencyMs: 12,
      requestId: "r1",
      detail: { query: "leave policy", retrieved: ["c1", "c2"] },
    });
    await recordAuditEvent({
      db: t.db,
      actor: emma,
      action: "chat",
      outcome: "abstained",
      latencyMs: 40,
      requestId: "r2",
      detail: { cited: [] },
    });
    await recordAuditEvent({ db: t.db, actor: ada, action: "document.view", target: "doc-1", requestId: "r3" });
    await recordAuditEvent({
      db: t.db,
      actor: ada,
      action: "document.download",
      target: "doc-1",
      outcome: "denied",
      requestId: "r4",
    });
    await recordAuditEvent({
      db: t.db,
      actor: ada,
      action: "acl.update",
      target: "doc-1",
      requestId: "r5",
      detail: { note: '=HYPERLINK("http://evil")', multi: 'a,b\n"c"' },
    });
  });
  afterAll(async () => t?.dispose());

  it("lists newest first with filters on action prefix, actor, outcome and target", async () => {
    const all = await listAuditEvents({ db: t.db });
    expect(all.events.map((e) => e.requestId)).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    const docs = await listAuditEvents({ db: t.db, filter: { action: "document.*" } });
    expect(docs.events.map((e) => e.action)).toEqual(["document.download", "document.view"]);
    expect((await listAuditEvents({ db: t.db, filter: { actor: "emma" } })).events).toHaveLength(2);
    expect((await listAuditEvents({ db: t.db, filter: { outcome: "denied" } })).events.map((e) => e.requestId)).toEqual(
      ["r4"],
    );
    expect(
      (await listAuditEvents({ db: t.db, filter: { target: "doc-1", actor: "ada", action: "acl.update" } })).events,
    ).toHaveLength(1);
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
    const json = JSON.parse(await collect(exportAuditEvents({ db: t.db, format: "json", pageSize: 2 }))) as {
      requestId: string;
      detail: Record<string, unknown>;
    }[];
    expect(json.map((e) => e.requestId)).toEqual(["r5", "r4", "r3", "r2", "r1"]);
    expect(json[4]?.detail).toEqual({ query: "leave policy", retrieved: ["c1", "c2"] });
    const filtered = JSON.parse(
      await collect(exportAuditEvents({ db: t.db, format: "json", filter: { actor: "nobody" } })),
    );
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

  it("holds rows written while the database is unreachable and writes them, with their time, once it is back", async () => {
    const before = new Date();
    await recordAuditEvent({
      db: unreachableDb,
      actor: emma,
      action: "search",
      outcome: "error",
      latencyMs: 3,
      requestId: "down-1",
      detail: { code: "db_unavailable" },
    });
    await recordAuditEvent({
      db: unreachableDb,
      actor: emma,
      action: "chat",
      outcome: "error",
      latencyMs: 4,
      requestId: "down-2",
      detail: { code: "db_unavailable" },
    });
    expect(pendingAuditEventCount()).toBe(2);
    const held = await listAuditEvents({ db: t.db, filter: { actor: "emma", outcome: "error" } });
    expect(held.events).toHaveLength(0);

    await new Promise((r) => setTimeout(r, 20));
    await recordAuditEvent({ db: t.db, actor: emma, action: "search", requestId: "up-1" });
    expect(pendingAuditEventCount()).toBe(0);
    const rows = (await listAuditEvents({ db: t.db, filter: { actor: "emma", outcome: "error" } })).events;
    expect(rows.map((e) => e.requestId).sort()).toEqual(["down-1", "down-2"]);
    expect(rows.find((e) => e.requestId === "down-1")).toMatchObject({
      action: "search",
      latencyMs: 3,
      detail: { code: "db_unavailable" },
    });
    const up = (await listAuditEvents({ db: t.db, filter: { requestId: "up-1" } })).events[0]!;
    // Each held row keeps the time of its event, not the time it was finally written.
    for (const e of rows) {
      expect(e.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1_000);
      expect(e.at.getTime()).toBeLessThan(up.at.getTime());
    }
  });

  it("a full spool counts the rows it cannot hold and replays the count as one audit.spool_overflow event", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-audit-cap-"));
    try {
      // Room for about two rows.
      useAuditSpool({ dir, maxBytes: 700 });
      for (let i = 0; i < 6; i++)
        await recordAuditEvent({
          db: unreachableDb,
          actor: emma,
          action: "search",
          outcome: "error",
          requestId: `cap-${target}-${i}`,
          detail: { code: "db_unavailable" },
        });
      const kept = pendingAuditEventCount();
      expect(kept).toBeGreaterThanOrEqual(1);
      expect(kept).toBeLessThan(6);
      const bytes = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".jsonl"))
        .reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
      expect(bytes).toBeLessThanOrEqual(700);
      await recordAuditEvent({ db: t.db, actor: emma, action: "search", requestId: `cap-${target}-up` });
      const written = (await listAuditEvents({ db: t.db, filter: { actor: "emma" } })).events.filter((e) =>
        e.requestId?.startsWith(`cap-${target}-`),
      );
      expect(written).toHaveLength(kept + 1);
      const overflow = (await listAuditEvents({ db: t.db, filter: { action: "audit.spool_overflow" } })).events;
      expect(overflow).toHaveLength(1);
      expect(overflow[0]!.detail).toMatchObject({ dropped: 6 - kept });
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      useAuditSpool({ dir: spoolDir });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("spools outage rows to disk, fsync'd, so a process killed with rows pending loses none: a new process replays them exactly once", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-audit-spool-"));
    try {
      const prefix = `killed-${target}-${Date.now()}`;
      const child = spawn(
        process.execPath,
        ["--import", "tsx", path.join(import.meta.dirname, "fixtures", "spool-then-hang.ts"), "4", prefix],
        {
          cwd: path.join(import.meta.dirname, ".."),
          env: { ...process.env, GROUNDWORK_AUDIT_SPOOL_DIR: dir },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let out = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString()));
      child.stderr.on("data", (d: Buffer) => (out += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`child did not spool: ${out}`)), 30_000);
        child.stdout.on("data", () => {
          if (out.includes("spooled")) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.on("exit", (code) => reject(new Error(`child exited ${code}: ${out}`)));
      });
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
      const count = async () =>
        (
          await t.db.execute<{ n: number }>(
            sql`select count(*)::int as n from audit_events where request_id like ${`${prefix}-%`}`,
          )
        ).rows[0]!.n;
      expect(await count()).toBe(0);

      // "A new process": a spool on the same folder with a fresh boot id, as at start.
      useAuditSpool({ dir });
      expect(pendingAuditEventCount()).toBe(4);
      const job = startAuditRetention({ db: t.db, retentionDays: 36_500, intervalMs: 3_600_000 });
      await job.runNow();
      await job.stop();
      expect(await count()).toBe(4);
      expect(pendingAuditEventCount()).toBe(0);
      expect(fs.readdirSync(dir)).toEqual([]);
      const rows = (await listAuditEvents({ db: t.db, filter: { actor: "crash-test" } })).events.filter((e) =>
        e.requestId?.startsWith(prefix),
      );
      expect(rows.map((e) => e.requestId).sort()).toEqual([0, 1, 2, 3].map((i) => `${prefix}-${i}`));

      // A replay cut off between its insert and its unlink leaves the file: replaying it again writes nothing twice.
      const ids = await t.db.execute<{ event_id: string; at: Date }>(
        sql`select event_id, at from audit_events where request_id like ${`${prefix}-%`}`,
      );
      const again = ids.rows.map((r) => ({
        eventId: r.event_id,
        at: new Date(r.at),
        actorId: null,
        actorUsername: "crash-test",
        action: "search",
        outcome: "error",
        requestId: `${prefix}-dup`,
        detail: {},
      }));
      fs.writeFileSync(
        path.join(dir, `audit-${os.hostname().replace(/[^A-Za-z0-9_.]/g, "_")}-999999-dead.jsonl`),
        again.map((r) => JSON.stringify(r)).join("\n") + "\n",
      );
      await recordAuditEvent({ db: t.db, actor: ada, action: "search", requestId: `${prefix}-up` });
      // Only an explicit start-time replay takes a dead process's file; an ordinary write does not.
      expect(pendingAuditEventCount()).toBe(again.length);
      await replayAuditSpool({ db: t.db, orphans: true });
      expect(await count()).toBe(5);
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      useAuditSpool({ dir: spoolDir });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
