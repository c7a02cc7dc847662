import cronParser from "cron-parser";
import { eq, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { sources, type Source } from "@groundwork/db/schema";
import { RetryLaterError } from "../sources/network-guard";

/**
 * When a source runs next. A schedule is an interval (`15m`, `2h`, `1d`, at least a minute:
 * the pg-boss tick that starts runs fires once a minute) or a five-field cron expression.
 * Failures back off: 30 s doubling per consecutive failure up to an hour, ±20 % jitter (never past the hour) so many
 * sources failing together (a shared outage) do not retry in lockstep, never later than the
 * regular next run and never sooner than the system's Retry-After.
 */
export type Schedule =
  { kind: "every"; seconds: number; text: string } | { kind: "cron"; expression: string; text: string };

const UNITS: Record<string, number> = { m: 60, h: 3600, d: 86_400 };

export function parseSchedule(text: string): Schedule {
  const t = text.trim();
  const every = /^(?:every\s+)?(\d+)\s*(m|min|h|d)$/i.exec(t);
  if (every) {
    const seconds = Number(every[1]) * UNITS[every[2]![0]!.toLowerCase()]!;
    if (seconds < 60 || seconds > 366 * 86_400)
      throw new GroundworkError("bad_request", "A schedule runs at most once a minute and at least once a year.");
    return { kind: "every", seconds, text: formatEvery(seconds) };
  }
  if (t.split(/\s+/).length === 5) {
    try {
      cronParser.parseExpression(t, { utc: true });
      return { kind: "cron", expression: t, text: t };
    } catch (error) {
      throw new GroundworkError("bad_request", `Invalid cron expression "${t}": ${(error as Error).message}`);
    }
  }
  throw new GroundworkError(
    "bad_request",
    `Invalid schedule "${t}": use an interval like 15m, 2h, 1d or a five-field cron expression like "0 * * * *".`,
  );
}

/** An interval in its largest whole unit: 1440m is shown as 1d. */
export function formatEvery(seconds: number): string {
  if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  return `${Math.round(seconds / 60)}m`;
}

export function nextRunAfter({ schedule, from }: { schedule: Schedule; from: Date }): Date {
  if (schedule.kind === "every") return new Date(from.getTime() + schedule.seconds * 1000);
  return cronParser.parseExpression(schedule.expression, { currentDate: from, utc: true }).next().toDate();
}

/** The delay before retry number `streak` (1 = first failure), jittered. */
export function backoffMs({ streak, random = Math.random }: { streak: number; random?: () => number }): number {
  const cap = 3600_000;
  const base = Math.min(cap, 30_000 * 2 ** Math.max(0, streak - 1));
  const jittered = base * (0.8 + 0.4 * random());
  // Never past the hour: a draw above it is folded back below (48–60 min at the cap), so sources
  // failing together still spread out instead of all retrying at exactly one hour.
  return Math.round(jittered > cap ? 2 * cap - jittered : jittered);
}

/** A run stopped because its worker shut down: due again at once, on another worker, from its checkpoint. */
export const WORKER_SHUTDOWN = "worker-shutdown";

/** Prune runs come on a slower cadence: the source's prune schedule, else daily. */
export const DEFAULT_PRUNE_SECONDS = 86_400;

export function pruneDue({ row, now }: { row: Pick<Source, "pruneSchedule" | "lastPrunedAt">; now: Date }): boolean {
  if (!row.lastPrunedAt) return true;
  const schedule = row.pruneSchedule
    ? parseSchedule(row.pruneSchedule)
    : ({ kind: "every", seconds: DEFAULT_PRUNE_SECONDS, text: "1d" } as const);
  return nextRunAfter({ schedule, from: row.lastPrunedAt }) <= now;
}

/**
 * After a run: a success resets the failure streak and books the regular next run; a failure
 * books a retry with backoff (or the system's Retry-After); a run stopped by a worker shutdown
 * is due again at once, to continue from its checkpoint.
 */
export async function recordRunOutcome({
  db,
  sourceId,
  trigger,
  status,
  cause,
  now = new Date(),
}: {
  db: Database;
  sourceId: string;
  trigger: string;
  status: "succeeded" | "partial" | "failed" | "cancelled";
  cause?: unknown;
  now?: Date;
}): Promise<void> {
  const [row] = await db.select().from(sources).where(eq(sources.id, sourceId));
  if (!row) return;
  const schedule = row.schedule ? parseSchedule(row.schedule) : null;
  const regular = schedule ? nextRunAfter({ schedule, from: now }) : null;
  if (status !== "failed") {
    // A run that ends while a next run is already due (a shutdown's "continue at once", a retry)
    // has done that work: the source goes back to its regular next run, or to none.
    const dueNow = row.nextRunAt !== null && row.nextRunAt.getTime() <= now.getTime();
    const next = !schedule ? { nextRunAt: null } : trigger === "schedule" || dueNow ? { nextRunAt: regular } : {};
    await db
      .update(sources)
      .set({ failureStreak: 0, ...next })
      .where(eq(sources.id, sourceId));
    return;
  }
  // Before the schedule check: a source run by hand is continued too (the tick queues any
  // source whose next run is due), and a shutdown is not the source's failure.
  if (cause === WORKER_SHUTDOWN) {
    await db.update(sources).set({ nextRunAt: now }).where(eq(sources.id, sourceId));
    return;
  }
  if (!schedule) {
    await db
      .update(sources)
      .set({ failureStreak: sql`${sources.failureStreak} + 1` })
      .where(eq(sources.id, sourceId));
    return;
  }
  const streak = row.failureStreak + 1;
  const retryAfter = cause instanceof RetryLaterError ? cause.retryAfterMs : 0;
  const retryAt = Math.max(now.getTime() + backoffMs({ streak }), now.getTime() + retryAfter);
  const next = new Date(retryAfter > 0 ? retryAt : Math.min(retryAt, regular!.getTime()));
  await db.update(sources).set({ failureStreak: streak, nextRunAt: next }).where(eq(sources.id, sourceId));
}
