import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerHeartbeats } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { clearWorkerBeat, readWorkerLiveness, recordWorkerBeat } from "./worker-heartbeats";

describe.each(await availableTargets())("worker heartbeats on %s", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ target });
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("reports workers alive only while a fresh heartbeat exists", async () => {
    expect((await readWorkerLiveness({ db: t.db, kind: "ingest" })).alive).toBe(false);
    const beat = { db: t.db, id: "ingest:test:1", kind: "ingest", host: "test", pid: 1 };
    await recordWorkerBeat(beat);
    await recordWorkerBeat(beat);
    const live = await readWorkerLiveness({ db: t.db, kind: "ingest" });
    expect(live).toMatchObject({ alive: true, workers: 1 });
    await t.db.execute(sql`update ${workerHeartbeats} set beat_at = now() - interval '5 minutes'`);
    const stale = await readWorkerLiveness({ db: t.db, kind: "ingest" });
    expect(stale.alive).toBe(false);
    expect(stale.lastBeatAgeMs).toBeGreaterThan(60_000);
    await clearWorkerBeat({ db: t.db, id: beat.id });
    expect((await readWorkerLiveness({ db: t.db, kind: "ingest" })).lastBeatAgeMs).toBeNull();
  });
});
