import "server-only";
import { sql } from "drizzle-orm";
import { readWorkerLiveness } from "@groundwork/ingest";
import type { DbHandle } from "@groundwork/db/client";
import type { EnvSource } from "@groundwork/core/env";
import { isGroundworkError } from "@groundwork/core/errors";
import { isConnectionError } from "@groundwork/core/pg-errors";
import { migrationsCurrent } from "@groundwork/db/migrate";
import { readReadinessEnv } from "~/lib/env";
import { getDb } from "~/lib/server/db";

export type CheckResult = { ok: boolean; message: string; ms: number };
export type ReadinessReport = {
  ready: boolean;
  role: "web" | "worker" | "all";
  checks: { database: CheckResult; migrations: CheckResult; worker: CheckResult; replica?: CheckResult };
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function timed(fn: () => Promise<{ ok: boolean; message: string }>): Promise<CheckResult> {
  const t0 = performance.now();
  try {
    const r = await fn();
    return { ...r, ms: Math.round(performance.now() - t0) };
  } catch (error) {
    // Messages are ours or the driver's; never SQL text or credentials.
    const message = isGroundworkError(error)
      ? error.message
      : isConnectionError(error)
        ? "database unreachable"
        : (error as Error).message.replace(/:\/\/[^@\s]*@/g, "://***@");
    return { ok: false, message, ms: Math.round(performance.now() - t0) };
  }
}

/** The readiness checks in order; later checks are skipped (reported failed) when the database is down. */
export async function checkReadiness({
  handle,
  env,
}: { handle?: DbHandle; env?: EnvSource } = {}): Promise<ReadinessReport> {
  const cfg = readReadinessEnv(env);
  let db: DbHandle["db"] | undefined;
  let readPool: DbHandle["readPool"];
  const database = await timed(async () => {
    const h = handle ?? (await withTimeout(getDb(), cfg.GROUNDWORK_READY_TIMEOUT_MS, "connecting"));
    await withTimeout(h.db.execute(sql`select 1`), cfg.GROUNDWORK_READY_TIMEOUT_MS, "database ping");
    db = h.db;
    readPool = h.readPool;
    return { ok: true, message: `reachable (${h.mode})` };
  });
  const skipped = { ok: false, message: "skipped: database unreachable", ms: 0 };
  const migrations = db
    ? await timed(async () => {
        const current = await withTimeout(
          migrationsCurrent({ db: db! }),
          cfg.GROUNDWORK_READY_TIMEOUT_MS,
          "migration check",
        );
        return { ok: current, message: current ? "current" : "pending migrations: restart the product to apply them" };
      })
    : skipped;
  const worker = db
    ? await timed(async () => {
        const live = await withTimeout(
          readWorkerLiveness({ db: db!, kind: "ingest", maxAgeMs: cfg.GROUNDWORK_READY_WORKER_MAX_AGE_MS }),
          cfg.GROUNDWORK_READY_TIMEOUT_MS,
          "worker check",
        );
        if (live.alive) return { ok: true, message: `${live.workers} ingestion worker(s) alive` };
        const message =
          live.lastBeatAgeMs === null
            ? "no ingestion worker has reported"
            : `last ingestion worker heartbeat ${Math.round(live.lastBeatAgeMs / 1000)} s ago`;
        return { ok: cfg.GROUNDWORK_READY_REQUIRE_WORKER === "0", message };
      })
    : skipped;
  const replica = readPool
    ? await timed(async () => {
        const r = await withTimeout(
          readPool!.query<{ standby: boolean; lsn: string | null }>(
            "select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as lsn",
          ),
          cfg.GROUNDWORK_READY_TIMEOUT_MS,
          "replica check",
        );
        const row = r.rows[0];
        if (!row?.standby) return { ok: false, message: "not a standby: reads use the primary" };
        return { ok: true, message: `standby, replayed to ${row.lsn}` };
      })
    : undefined;
  return {
    ready: database.ok && migrations.ok && worker.ok,
    role: cfg.GROUNDWORK_ROLE,
    checks: { database, migrations, worker, ...(replica ? { replica } : {}) },
  };
}
