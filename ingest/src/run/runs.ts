import { and, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import { ingestionFiles, ingestionRuns, type IngestionRun } from "@groundwork/db/schema";
import { INGEST_QUEUE, senderFor, type RunJobData } from "./boss";
import { readIngestEnv } from "../env";
import { findSource } from "../sources/manage-sources";

export type RunTrigger = "user" | "cli" | "schedule" | "webhook" | "push";
export type RunMode = "sync" | "prune" | "acl";
export { emptyCounts, type RunCounts } from "../run-model";

/**
 * Runs whose worker died (SIGKILL, crash, lost machine) stop holding their source: a running
 * run with an old heartbeat, or a queued one nobody picked up, is marked failed.
 */
export async function expireStaleRuns({
  db,
  staleAfterMs = readIngestEnv().staleAfterMs,
  sourceId,
}: {
  db: Database;
  staleAfterMs?: number;
  /** Only this source's runs. Without it every source's: the scheduler tick, which re-queues what it expires. */
  sourceId?: string;
}): Promise<{ id: string; sourceId: string; trigger: RunTrigger; mode: RunMode }[]> {
  const cutoff = sql`now() - make_interval(secs => ${staleAfterMs / 1000})`;
  const rows = await db
    .update(ingestionRuns)
    .set({
      status: "failed",
      error: "The worker stopped during this run (no heartbeat); the next run continues where it left off.",
      finishedAt: sql`now()`,
    })
    .where(
      and(
        eq(ingestionRuns.status, "running"),
        lt(sql`coalesce(${ingestionRuns.heartbeatAt}, ${ingestionRuns.startedAt})`, cutoff),
        sourceId ? eq(ingestionRuns.sourceId, sourceId) : undefined,
      ),
    )
    .returning({
      id: ingestionRuns.id,
      sourceId: ingestionRuns.sourceId,
      trigger: ingestionRuns.trigger,
      mode: ingestionRuns.mode,
    });
  return rows;
}

/** Queues a run of a source; a second request while one is queued or running is refused with its id. */
export async function requestRun({
  db,
  source,
  trigger,
  mode = "sync",
  requestedBy,
  staleAfterMs,
  targetIds = null,
}: {
  db: Database;
  source: string;
  trigger: RunTrigger;
  /** A targeted run (a change notification): only these item ids; null: the whole source. */
  targetIds?: string[] | null;
  /** sync (default): changes since the checkpoint; prune: also delete what the source no longer has; acl: access only. */
  mode?: RunMode;
  requestedBy?: string | null;
  staleAfterMs?: number;
}): Promise<{ runId: string }> {
  const src = await findSource({ db, source });
  // Only this source's: a dead run of another source is left for the scheduler tick, which
  // re-queues it as it expires it (expired here, it would wait for its next scheduled run).
  await expireStaleRuns({ db, sourceId: src.id, ...(staleAfterMs !== undefined ? { staleAfterMs } : {}) });
  let runId: string;
  try {
    const [row] = await db
      .insert(ingestionRuns)
      .values({ sourceId: src.id, trigger, mode, requestedBy: requestedBy ?? null, status: "queued", targetIds })
      .returning({ id: ingestionRuns.id });
    runId = row!.id;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const [active] = await db
      .select({ id: ingestionRuns.id, status: ingestionRuns.status })
      .from(ingestionRuns)
      .where(and(eq(ingestionRuns.sourceId, src.id), inArray(ingestionRuns.status, ["queued", "running"])))
      .limit(1);
    throw new GroundworkError(
      "conflict",
      `Source ${src.name} already has an active run ${active?.id ?? "(finishing)"} (${active?.status ?? "running"}).`,
      {
        cause: error,
        details: { activeRunId: active?.id },
      },
    );
  }
  try {
    const boss = await senderFor(db.$client);
    const data: RunJobData = { runId };
    const jobId = await boss.send(INGEST_QUEUE, data);
    await db.update(ingestionRuns).set({ jobId }).where(eq(ingestionRuns.id, runId));
  } catch (error) {
    await db
      .update(ingestionRuns)
      .set({ status: "failed", error: "Could not enqueue the run.", finishedAt: sql`now()` })
      .where(eq(ingestionRuns.id, runId));
    throw new GroundworkError("internal", "Could not enqueue the ingestion run.", { cause: error });
  }
  return { runId };
}

/** Asks a run to stop: a queued run is cancelled at once, a running one at its next checkpoint. */
export async function cancelRun({ db, runId }: { db: Database; runId: string }): Promise<IngestionRun> {
  const run = await getRun({ db, runId });
  if (run.status === "queued") {
    const [row] = await db
      .update(ingestionRuns)
      .set({ status: "cancelled", cancelRequested: true, finishedAt: sql`now()` })
      .where(and(eq(ingestionRuns.id, runId), eq(ingestionRuns.status, "queued")))
      .returning();
    if (row) {
      if (row.jobId) {
        const boss = await senderFor(db.$client);
        await boss.cancel(INGEST_QUEUE, row.jobId).catch(() => undefined);
      }
      return row;
    }
  }
  const [row] = await db
    .update(ingestionRuns)
    .set({ cancelRequested: true })
    .where(
      and(eq(ingestionRuns.id, runId), or(eq(ingestionRuns.status, "running"), eq(ingestionRuns.status, "queued"))),
    )
    .returning();
  return row ?? (await getRun({ db, runId }));
}

export async function getRun({ db, runId }: { db: Database; runId: string }): Promise<IngestionRun> {
  if (!/^[0-9a-f-]{36}$/i.test(runId)) throw new GroundworkError("not_found", `No run ${runId}.`);
  const [row] = await db.select().from(ingestionRuns).where(eq(ingestionRuns.id, runId)).limit(1);
  if (!row) throw new GroundworkError("not_found", `No run ${runId}.`);
  return row;
}

export async function listRuns({
  db,
  sourceId,
  limit = 50,
}: {
  db: Database;
  sourceId?: string;
  limit?: number;
}): Promise<IngestionRun[]> {
  return db
    .select()
    .from(ingestionRuns)
    .where(sourceId ? eq(ingestionRuns.sourceId, sourceId) : undefined)
    .orderBy(desc(ingestionRuns.createdAt))
    .limit(Math.min(Math.max(limit, 1), 500));
}

export type RunFile = typeof ingestionFiles.$inferSelect;

export async function listRunFiles({ db, runId }: { db: Database; runId: string }): Promise<RunFile[]> {
  return db.select().from(ingestionFiles).where(eq(ingestionFiles.runId, runId)).orderBy(ingestionFiles.id);
}
