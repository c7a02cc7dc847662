import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { ingestionRuns, sources } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { createSource } from "../sources/manage-sources";
import { senderFor, SYNC_TICK_QUEUE } from "./boss";
import { startIngestWorker, type IngestWorker } from "./start-ingest-worker";

const targets = await availableTargets();

describe.each(targets)("the scheduler in a worker on %s", (target) => {
  let t: TestDatabase;
  let worker: IngestWorker;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-sched-"));
    fs.writeFileSync(path.join(dir, "leave.md"), "# Leave\n\nStaff get 25 days of leave a year.");
    worker = await startIngestWorker({
      handle: t,
      embedder: createHashEmbedder(),
      pollingIntervalSeconds: 0.5,
      scheduler: true,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("registers the once-a-minute tick with pg-boss, and a tick runs the due scheduled source", async () => {
    const schedules = await t.db.execute<{ name: string; cron: string }>(sql`select name, cron from pgboss.schedule`);
    expect(schedules.rows).toContainEqual(expect.objectContaining({ name: SYNC_TICK_QUEUE, cron: "* * * * *" }));
    const source = await createSource({ db: t.db, name: "scheduled", kind: "folder", path: dir, schedule: "15m" });
    await createSource({ db: t.db, name: "manual", kind: "folder", path: dir });
    // What pg-boss's cron does each minute: one job on the tick queue.
    await (await senderFor(t.pool)).send(SYNC_TICK_QUEUE, {});
    let runs: (typeof ingestionRuns.$inferSelect)[] = [];
    for (let i = 0; i < 120; i++) {
      runs = await t.db.select().from(ingestionRuns).where(eq(ingestionRuns.sourceId, source.id));
      if (runs.some((r) => r.status === "succeeded")) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ trigger: "schedule", status: "succeeded", mode: "prune" });
    expect(runs[0]!.counts.added).toBe(1);
    const [row] = await t.db.select().from(sources).where(eq(sources.id, source.id));
    // Booked for its regular next run, about 15 minutes on.
    const ahead = row!.nextRunAt!.getTime() - Date.now();
    expect(ahead).toBeGreaterThan(14 * 60_000);
    expect(ahead).toBeLessThanOrEqual(15 * 60_000);
    const manual = await t.db
      .select()
      .from(ingestionRuns)
      .where(sql`source_id <> ${source.id}`);
    expect(manual).toHaveLength(0);
  });
});
