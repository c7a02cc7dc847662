import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type DbHandle } from "./client";
import { readDbEnv, type DbEnv } from "./env";
import { migrateDatabase } from "./migrate";
import { VECTOR_STORAGE } from "@groundwork/core/vector-storage";
import { applyVectorLayout } from "./apply-vector-layout";
import { partitionChunks } from "./partition-chunks";
import type { Database } from "./client";

/**
 * Test databases on both targets. The server target gets a fresh database per call (dropped
 * on close) so suites never see each other's rows; the embedded target a fresh data dir.
 */
export type TestTarget = "embedded" | "server";

export const testServerUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let serverCheck: Promise<string | null> | undefined;

/** null when the server with pgvector is usable, else the reason. */
export function serverUnavailableReason(): Promise<string | null> {
  serverCheck ??= (async () => {
    const client = new pg.Client({ connectionString: testServerUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      const r = await client.query("select 1 from pg_available_extensions where name = 'vector'");
      if (r.rowCount === 0) return "pgvector is not installed on the test server (run scripts/install-system-deps.sh)";
      return null;
    } catch (error) {
      return `test server ${testServerUrl} unreachable: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return serverCheck;
}

/**
 * Targets to run a suite against. In CI a missing server fails loudly rather than skipping;
 * locally it is skipped with the reason printed.
 */
export async function availableTargets(): Promise<TestTarget[]> {
  const reason = await serverUnavailableReason();
  if (reason && process.env.CI) throw new Error(`CI requires the server target: ${reason}`);
  if (reason) console.warn(`[testing] skipping server target: ${reason}`);
  return reason ? ["embedded"] : ["embedded", "server"];
}

export type TestDatabase = DbHandle & { target: TestTarget; dispose(): Promise<void> };

/** Owns an embedded test data dir; dispose() also deletes it. */
async function openEmbeddedTestDatabase({
  dataDir,
  env = readDbEnv({}),
  poolMax = 6,
}: {
  dataDir: string;
  env?: DbEnv;
  poolMax?: number;
}): Promise<TestDatabase> {
  const handle = await openDatabase({ env: { ...env, DATABASE_URL: undefined, dataDir }, own: "always", poolMax });
  return {
    ...handle,
    target: "embedded",
    async dispose() {
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.lock`, { force: true });
    },
  };
}

/**
 * Closes an embedded test database and opens its data dir again, as a product restart would
 * (settings resolved at start, such as the "auto" page cache, are resolved anew). A server
 * test database is returned as it is.
 */
export async function restartTestDatabase({
  test,
  env,
  poolMax,
}: {
  test: TestDatabase;
  env?: DbEnv;
  poolMax?: number;
}): Promise<TestDatabase> {
  const dataDir = test.owner?.dataDir;
  if (test.target !== "embedded" || !dataDir) return test;
  await test.close();
  return openEmbeddedTestDatabase({ dataDir, env, poolMax });
}

/**
 * After migrating: the storage layout the variables ask for, so a suite runs against it without
 * regenerating this checkout's migrations (`GROUNDWORK_VECTOR_TYPE=halfvec pnpm exec vitest run …`;
 * a no-op when the migrations already hold it), and `GROUNDWORK_TEST_PARTITIONED_CHUNKS=1` runs
 * it on a LIST-partitioned chunks table (partition-chunks.ts).
 */
async function applyTestStorage(db: Database): Promise<void> {
  await applyVectorLayout({ db, layout: VECTOR_STORAGE, maintenanceWorkMem: "64MB" });
  if (process.env.GROUNDWORK_TEST_PARTITIONED_CHUNKS === "1") await partitionChunks({ db });
}

export async function createTestDatabase({
  target,
  migrate = true,
}: {
  target: TestTarget;
  migrate?: boolean;
}): Promise<TestDatabase> {
  if (target === "embedded") {
    const test = await openEmbeddedTestDatabase({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "gw-test-")) });
    if (migrate) {
      await migrateDatabase({ db: test.db });
      await applyTestStorage(test.db);
    }
    return test;
  }
  const name = `gw_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testServerUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ env: { ...readDbEnv({}), DATABASE_URL: url.toString() }, poolMax: 6 });
  if (migrate) {
    await migrateDatabase({ db: handle.db });
    await applyTestStorage(handle.db);
  }
  return {
    ...handle,
    target,
    async dispose() {
      await handle.close();
      const c = new pg.Client({ connectionString: testServerUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
