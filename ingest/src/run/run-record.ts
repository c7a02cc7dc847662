import { and, eq, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { ingestionRuns, type IngestionRun } from "@groundwork/db/schema";
import type { RunProgress } from "../run-model";

/** A worker's hold on a run: it is another worker's to take once no heartbeat came for `staleAfterMs`. */
type RunLease = { db: Database; runId: string; staleAfterMs: number };

/** Takes a queued run (or a running one whose worker stopped heart-beating); null when another worker has it. */
export async function claimRun({ db, runId, staleAfterMs }: RunLease): Promise<IngestionRun | undefined> {
  const [run] = await db
    .update(ingestionRuns)
    .set({ status: "running", startedAt: sql`coalesce(${ingestionRuns.startedAt}, now())`, heartbeatAt: sql`now()` })
    .where(
      and(
        eq(ingestionRuns.id, runId),
        eq(ingestionRuns.cancelRequested, false),
        or(
          eq(ingestionRuns.status, "queued"),
          // A retried job whose worker died: take the run over.
          and(
            eq(ingestionRuns.status, "running"),
            sql`${ingestionRuns.heartbeatAt} < now() - make_interval(secs => ${staleAfterMs / 1000})`,
          ),
        ),
      ),
    )
    .returning();
  return run;
}

/** Renews the run's heartbeat between commits (each batch's transaction renews it too); returns the stop function. */
export function startHeartbeat({ db, runId, staleAfterMs }: RunLease): () => void {
  const heartbeat = setInterval(
    () => {
      void db
        .update(ingestionRuns)
        .set({ heartbeatAt: sql`now()` })
        .where(eq(ingestionRuns.id, runId))
        .catch(() => undefined);
    },
    Math.max(1000, Math.min(10_000, staleAfterMs / 4)),
  );
  heartbeat.unref();
  return () => clearInterval(heartbeat);
}

/** Adds a pulled page's steps to the run's total (a pull learns its size page by page). */
export async function addProgressTotal({
  db,
  runId,
  steps,
}: {
  db: Database;
  runId: string;
  steps: number;
}): Promise<void> {
  if (steps <= 0) return;
  await db
    .update(ingestionRuns)
    .set({ progressTotal: sql`${ingestionRuns.progressTotal} + ${steps}` })
    .where(eq(ingestionRuns.id, runId));
}

/** Whether an admin asked the run to stop (read at each checkpoint). */
export async function cancelRequested({ db, runId }: { db: Database; runId: string }): Promise<boolean> {
  const [state] = await db
    .select({ cancel: ingestionRuns.cancelRequested })
    .from(ingestionRuns)
    .where(eq(ingestionRuns.id, runId));
  return state?.cancel ?? false;
}

export type RunStatus = "succeeded" | "partial" | "failed" | "cancelled";

/** The run's final status with its tally (the same numbers its batches added as they committed). */
export async function finishRun({
  db,
  runId,
  status,
  error,
  tally,
}: {
  db: Database;
  runId: string;
  status: RunStatus;
  error: string | null;
  tally: RunProgress;
}): Promise<void> {
  const { counts, progressDone, chunksWritten, embeddingCalls } = tally;
  await db
    .update(ingestionRuns)
    .set({
      status,
      error,
      counts,
      progressDone,
      chunksWritten,
      embeddingCalls,
      finishedAt: sql`now()`,
      heartbeatAt: sql`now()`,
    })
    .where(eq(ingestionRuns.id, runId));
}
