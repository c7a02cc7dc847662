import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startWorkerHeartbeat } from "@groundwork/worker";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { migrateDatabase } from "@groundwork/db/migrate";
import { createTestDatabase, serverUnavailableReason, type TestDatabase } from "@groundwork/db/testing";
import { invokeRoute, signInAs, type Session } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";
import { startTcpProxy, type TcpProxy } from "./harness/tcp-proxy";

/**
 * The database stops and comes back while the app keeps running: requests get a clean 503
 * with a message (never a 500, never a hang), liveness stays up, readiness reports the
 * database, and the same app instance recovers by itself.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
const load = async (rel: string) => ((await import(path.join(webDir, rel))) as { GET: Handler }).GET;
const health = await load("app/api/health/route.ts");
const ready = await load("app/api/ready/route.ts");
const audit = await load("app/api/audit/route.ts");
const searchFile = path.join(webDir, "app/api/search/route.ts");

const globalForDb = globalThis as unknown as { __groundworkDb?: Promise<DbHandle> };

/** Drops the app's cached handle, as a freshly started web process would have none. */
function forgetAppDb() {
  const cached = globalForDb.__groundworkDb;
  globalForDb.__groundworkDb = undefined;
  void cached?.then((h) => h.close()).catch(() => undefined);
}

async function probe(session: Session) {
  const res = await invokeRoute({ handler: audit, path: "/api/audit?limit=1", session });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string } } };
}

async function expectDown(session: Session) {
  const r = await probe(session);
  expect(r.status, JSON.stringify(r.body)).toBe(503);
  expect(r.body.error?.code).toBe("db_unavailable");
  expect(r.body.error?.message).toMatch(/database/i);
  expect((await invokeRoute({ handler: health, path: "/api/health" })).status).toBe(200);
  const readiness = await invokeRoute({ handler: ready, path: "/api/ready" });
  expect(readiness.status).toBe(503);
  expect(await readiness.json()).toMatchObject({ ready: false, checks: { database: { ok: false } } });
}

/** Requests fired while the database goes away must each end as 200 or a clean 503. */
async function hammer(session: Session, stopAt: () => boolean): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < 2_000 && !stopAt(); i++) statuses.push((await probe(session)).status);
  return statuses;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("embedded database owner stops and restarts", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-fault-"));
  const env = { ...readDbEnv({}), dataDir };
  let owner: DbHandle;
  let admin: Session;

  beforeAll(async () => {
    owner = await openDatabase({ env, own: "always", poolMax: 4 });
    await migrateDatabase({ db: owner.db });
    await seedDemoUsers({ db: owner.db });
    admin = await signInAs({ db: owner.db, persona: "admin" });
    await startWorkerHeartbeat({ db: owner.db, kind: "ingest", intervalMs: 60_000 }).beat();
    vi.stubEnv("GROUNDWORK_DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    forgetAppDb();
  });
  afterAll(async () => {
    forgetAppDb();
    await owner?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.lock`, { force: true });
  });

  it("answers 503 while the owner is gone and recovers when it is back on another port", async () => {
    vi.stubEnv("GROUNDWORK_DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    expect((await probe(admin)).status).toBe(200);
    expect((await invokeRoute({ handler: ready, path: "/api/ready" })).status).toBe(200);

    let stopped = false;
    const during = hammer(admin, () => stopped);
    await new Promise((r) => setTimeout(r, 50));
    const oldPort = owner.owner!.port;
    await owner.close();
    stopped = true;
    const statuses = await during;
    expect(
      statuses.every((s) => s === 200 || s === 503),
      `statuses ${[...new Set(statuses)].join(",")}`,
    ).toBe(true);
    await expectDown(admin);

    owner = await openDatabase({ env, own: "always", poolMax: 4 });
    expect(owner.owner!.port).not.toBe(oldPort);
    const back = await probe(admin);
    expect(back.status, JSON.stringify(back.body)).toBe(200);
  });

  it.runIf(fs.existsSync(searchFile))("search answers 503 with a message while the owner is gone", async () => {
    vi.stubEnv("GROUNDWORK_DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    const search = (await import(searchFile)) as { GET?: Handler; POST?: Handler };
    const emma = await signInAs({ db: owner.db, persona: "employee" });
    const call = () =>
      search.GET
        ? invokeRoute({ handler: search.GET, path: "/api/search?q=leave+policy", session: emma })
        : invokeRoute({
            handler: search.POST!,
            method: "POST",
            path: "/api/search",
            session: emma,
            body: { query: "leave policy" },
          });
    expect((await call()).status).toBe(200);
    await owner.close();
    const down = await call();
    expect(down.status).toBe(503);
    expect(((await down.json()) as { error: { message: string } }).error.message).toMatch(/database/i);
    owner = await openDatabase({ env, own: "always", poolMax: 4 });
    expect((await call()).status).toBe(200);
  });
});

describe.skipIf(Boolean(await serverUnavailableReason()) && !process.env.CI)(
  "server database stops and restarts (through a TCP proxy)",
  () => {
    let t: TestDatabase;
    let proxy: TcpProxy;
    let admin: Session;

    beforeAll(async () => {
      t = await createTestDatabase({ target: "server" });
      await seedDemoUsers({ db: t.db });
      admin = await signInAs({ db: t.db, persona: "admin" });
      await startWorkerHeartbeat({ db: t.db, kind: "ingest", intervalMs: 60_000 }).beat();
      const url = new URL(t.url);
      proxy = await startTcpProxy({ targetHost: url.hostname, targetPort: Number(url.port || 5432) });
    });
    afterAll(async () => {
      forgetAppDb();
      await proxy?.close();
      await t?.dispose();
    });

    it("answers 503 while the server is unreachable and recovers without a restart", async () => {
      const url = new URL(t.url);
      url.hostname = "127.0.0.1";
      url.port = String(proxy.port);
      vi.stubEnv("DATABASE_URL", url.toString());
      forgetAppDb();
      expect((await probe(admin)).status).toBe(200);

      let stopped = false;
      const during = hammer(admin, () => stopped);
      await new Promise((r) => setTimeout(r, 50));
      await proxy.stop();
      stopped = true;
      const statuses = await during;
      expect(
        statuses.every((s) => s === 200 || s === 503),
        `statuses ${[...new Set(statuses)].join(",")}`,
      ).toBe(true);
      await expectDown(admin);

      await proxy.start();
      const back = await probe(admin);
      expect(back.status, JSON.stringify(back.body)).toBe(200);
      expect((await invokeRoute({ handler: ready, path: "/api/ready" })).status).toBe(200);
    });
  },
);
