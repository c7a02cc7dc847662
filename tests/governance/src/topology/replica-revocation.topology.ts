import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { migrateDatabase } from "@groundwork/db/migrate";
import { readRouteStats } from "@groundwork/db/read-replica";
import { documents } from "@groundwork/db/schema";
import { updateDocumentAcl } from "@groundwork/ingest";
import { ingestFolder } from "@groundwork/ingest/testing";
import { writeTree } from "../harness/ingest-folder";
import { readDocument, searchChunks } from "@groundwork/retrieval";
import { readTopologyEnv, topologyLayout } from "@groundwork/topology";
import type { Principal } from "@groundwork/access/principal";

/**
 * The read replica's promise, on a real streaming standby behind PgBouncer: a document revoked on
 * the primary is never served through the replica path, however far behind the standby is —
 * reads go to the standby only once it has replayed the primary's state as the read began.
 */
const layout = topologyLayout(readTopologyEnv());
const TOKEN = `QZXREPLICA${Date.now().toString(36).toUpperCase()}`;

let handle: DbHandle;
let standbyOnly: DbHandle;
let standby: pg.Client;
let harper: Principal;
let lena: Principal;
let docId: string;
let dir: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open({ maxLagMs = 2000 }: { maxLagMs?: number } = {}) {
  return openDatabase({
    env: {
      ...readDbEnv({}),
      DATABASE_URL: layout.appUrl,
      DATABASE_READ_URL: layout.appReadUrl,
      GROUNDWORK_REPLICA_MAX_LAG_MS: maxLagMs,
    },
    poolMax: 4,
  });
}

async function sees({ db, principal }: { db: DbHandle["db"]; principal: Principal }) {
  const doc = await readDocument({ db, principal, documentId: docId });
  const hits = await searchChunks({ db, principal, query: TOKEN, reranker: null });
  return { viewer: doc !== null, search: hits.results.some((r) => r.documentId === docId) };
}

async function replay(action: "pause" | "resume") {
  await standby.query(action === "pause" ? "select pg_wal_replay_pause()" : "select pg_wal_replay_resume()");
  for (let i = 0; i < 100; i++) {
    const r = await standby.query("select pg_get_wal_replay_pause_state() as s");
    if ((action === "pause") === (r.rows[0].s === "paused")) return;
    await sleep(50);
  }
  throw new Error(`standby replay did not ${action}`);
}

/** Until the standby has replayed everything the primary has now. */
async function caughtUp() {
  const { rows } = await handle.pool.query("select pg_current_wal_insert_lsn()::text as lsn");
  for (let i = 0; i < 200; i++) {
    const r = await standby.query("select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok", [rows[0].lsn]);
    if (r.rows[0].ok) return;
    await sleep(25);
  }
  throw new Error("standby did not catch up");
}

beforeAll(async () => {
  handle = await open();
  await migrateDatabase({ db: handle.db });
  await seedDemoUsers({ db: handle.db });
  // A handle on the standby alone: what a reader would see there without the gate (the control).
  standbyOnly = await openDatabase({ env: { ...readDbEnv({}), DATABASE_URL: layout.directReplicaUrl }, poolMax: 2 });
  standby = new pg.Client({ connectionString: layout.directReplicaUrl });
  await standby.connect();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-replica-"));
  writeTree({
    dir,
    files: {
      ".access.yaml": "groups: [hr]\nusers: []\n",
      "replica-canary.md": `# Retention bonus ${TOKEN}\n\nThe retention bonus table ${TOKEN} is for the HR team only.\n`,
    },
  });
  const run = await ingestFolder({ db: handle.db, name: `replica-${TOKEN.toLowerCase()}`, dir });
  expect(run.status).toBe("succeeded");
  const [row] = await handle.db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.path, "replica-canary.md"), eq(documents.status, "active")));
  docId = row!.id;
  harper = await resolvePrincipal({ db: handle.db, username: "harper" });
  lena = await resolvePrincipal({ db: handle.db, username: "lena" });
  await caughtUp();
});

afterAll(async () => {
  await replay("resume").catch(() => undefined);
  await standby?.end().catch(() => undefined);
  await standbyOnly?.close();
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("read replica behind PgBouncer", () => {
  it("serves retrieval and viewer reads from the standby once it has replayed the primary's state", async () => {
    const before = readRouteStats({ db: handle.db });
    expect(await sees({ db: handle.db, principal: harper })).toEqual({ viewer: true, search: true });
    expect(await sees({ db: handle.db, principal: lena })).toEqual({ viewer: false, search: false });
    const after = readRouteStats({ db: handle.db });
    expect(after.replica).toBeGreaterThan(before.replica);
  });

  it("a document revoked on the primary is not served while the standby has not replayed the revocation", async () => {
    await replay("pause");
    try {
      await updateDocumentAcl({ db: handle.db, documentId: docId, acl: ["group:legal"] });
      const before = readRouteStats({ db: handle.db });
      // At once, through the replica path: the standby is behind the revocation, so the primary answers.
      expect(await sees({ db: handle.db, principal: harper })).toEqual({ viewer: false, search: false });
      expect(await sees({ db: handle.db, principal: lena })).toEqual({ viewer: true, search: true });
      const after = readRouteStats({ db: handle.db });
      expect(after.replica).toBe(before.replica);
      expect(after.fallbackBehind).toBeGreaterThan(before.fallbackBehind);
      // Control: the standby itself still grants harper the document — without the gate it would leak.
      expect((await sees({ db: standbyOnly.db, principal: harper })).viewer).toBe(true);
    } finally {
      await replay("resume");
    }
    await caughtUp();
    const before = readRouteStats({ db: handle.db });
    expect(await sees({ db: handle.db, principal: harper })).toEqual({ viewer: false, search: false });
    expect(await sees({ db: handle.db, principal: lena })).toEqual({ viewer: true, search: true });
    expect(readRouteStats({ db: handle.db }).replica).toBeGreaterThan(before.replica);
  });

  it("revoke, then read at once, 25 times with live streaming: the revoked document is never served", async () => {
    let served = 0;
    for (let i = 0; i < 25; i++) {
      await updateDocumentAcl({ db: handle.db, documentId: docId, acl: ["group:hr"] });
      await caughtUp();
      expect((await sees({ db: handle.db, principal: harper })).viewer).toBe(true);
      await updateDocumentAcl({ db: handle.db, documentId: docId, acl: ["group:legal"] });
      const seen = await sees({ db: handle.db, principal: harper });
      if (seen.viewer || seen.search) served += 1;
    }
    expect(served).toBe(0);
  });

  it("a standby behind the gate for longer than the staleness budget is skipped for a cool-off", async () => {
    const tight = await open({ maxLagMs: 200 });
    try {
      await replay("pause");
      await updateDocumentAcl({ db: handle.db, documentId: docId, acl: ["group:legal", "group:hr"] });
      // Behind, within the budget: this read goes to the primary, the standby stays in use.
      expect((await sees({ db: tight.db, principal: harper })).viewer).toBe(true);
      const first = readRouteStats({ db: tight.db });
      expect(first.fallbackBehind).toBeGreaterThan(0);
      expect(first.fallbackOverBudget).toBe(0);
      await sleep(300);
      // Still behind past the budget: over it, and for the cool-off the standby is not asked at all.
      expect((await sees({ db: tight.db, principal: harper })).viewer).toBe(true);
      const stats = readRouteStats({ db: tight.db });
      expect(stats.fallbackOverBudget).toBe(1);
      expect(stats.fallbackBehind).toBe(first.fallbackBehind);
      expect(stats.replica).toBe(0);
      expect(stats.primary).toBeGreaterThan(first.primary + 1);
    } finally {
      await replay("resume");
      await tight.close();
    }
  });
});
