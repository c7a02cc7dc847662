import { and, eq, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { isGroundworkError } from "@groundwork/core/errors";
import { log } from "@groundwork/core/logger";
import { sources, type Source } from "@groundwork/db/schema";
import { expireStaleRuns, requestRun } from "./runs";
import { connectorFor } from "../sources/connectors";
import type { Connector } from "../sources/connector";
import { ensureNotificationRegistrations, publicOrigin } from "./notification-registrations";
import { nextRunAfter, parseSchedule, pruneDue } from "./schedule-state";

/** Permission-only runs of kinds with source permissions, when neither the source nor its kind says otherwise. */
export const DEFAULT_PERMISSION_SECONDS = 300;

/**
 * The connector of a source that gets permission-only (acl) runs on a cadence: one whose kind
 * declares a default cadence (its permissions live in a remote system and change without the
 * content changing: SharePoint, Drive, Zendesk), or any kind that can re-read access when the
 * source sets its own permission schedule. Local kinds (folder, git, s3, sql) re-read access
 * on every content sync, so a default cadence would only add runs.
 */
function permissionConnector({
  kind,
  permissionSchedule,
}: {
  kind: string;
  permissionSchedule?: string | null;
}): Connector<Record<string, unknown>> | null {
  try {
    const connector = connectorFor(kind);
    if (!connector.accessOf && !connector.syncIdentities) return null;
    return permissionSchedule || connector.defaultPermissionEverySeconds ? connector : null;
  } catch {
    return null;
  }
}

/** Whether a source's permission-only (acl) run is due: its permission schedule, else its kind's default, since the last one. */
export function permissionDue({
  row,
  connector,
  now,
}: {
  row: Pick<Source, "permissionSchedule" | "lastPermissionSyncAt">;
  connector: Pick<Connector, "defaultPermissionEverySeconds">;
  now: Date;
}): boolean {
  if (!row.lastPermissionSyncAt) return true;
  const schedule = row.permissionSchedule
    ? parseSchedule(row.permissionSchedule)
    : ({
        kind: "every",
        seconds: connector.defaultPermissionEverySeconds ?? DEFAULT_PERMISSION_SECONDS,
        text: "",
      } as const);
  return nextRunAfter({ schedule, from: row.lastPermissionSyncAt }) <= now;
}

/**
 * One scheduler tick (pg-boss fires it once a minute across all workers, see start-ingest-worker):
 * runs whose worker died are expired and their sources queued again at once — the new run
 * continues from the checkpoint — then every unpaused source that is due is queued (a scheduled
 * one by its schedule; one run by hand only when a worker shutdown stopped its run midway),
 * as a prune run when its prune cadence is due too. The one-active-run index makes a source
 * that is still running a no-op; a source is booked for its regular next run as it is queued,
 * so a slow queue never double-books it. Sources of kinds with source permissions also get a
 * permission-only (acl) run when their permission cadence is due (default every 5 minutes), and
 * a source that needs re-authorisation is left alone until its secrets are updated. Last, vendor
 * change notifications (Graph subscriptions, Drive channels) are registered or renewed for
 * sources with a webhook (notification-registrations); a failure there is logged and retried at
 * the next tick, never failing the tick.
 */
export async function runSyncTick({
  db,
  now = new Date(),
  staleAfterMs,
  origin = publicOrigin(),
}: {
  db: Database;
  now?: Date;
  staleAfterMs?: number;
  /** The public origin vendors call the hooks at (default GROUNDWORK_PUBLIC_URL); null: no registrations. */
  origin?: string | null;
}): Promise<{ queued: string[]; resumed: string[]; permissions: string[]; notifications: string[] }> {
  const expired = await expireStaleRuns({ db, ...(staleAfterMs !== undefined ? { staleAfterMs } : {}) });
  const resumed: string[] = [];
  for (const run of expired) {
    const [row] = await db.select().from(sources).where(eq(sources.id, run.sourceId));
    if (!row || row.paused || row.reauthReason) continue;
    if (await queue({ db, source: row.id, trigger: run.trigger, mode: run.mode })) resumed.push(row.name);
  }
  const due = await db
    .select()
    .from(sources)
    .where(
      and(
        eq(sources.paused, false),
        isNull(sources.reauthReason),
        or(
          and(isNotNull(sources.schedule), isNull(sources.nextRunAt)),
          // A source with no schedule has a next run only when a run stopped at a worker
          // shutdown asked to be continued from its checkpoint.
          lte(sources.nextRunAt, sql`${now.toISOString()}::timestamptz`),
        ),
      ),
    );
  const queued: string[] = [];
  for (const row of due) {
    let next: Date | null = null;
    try {
      if (row.schedule) next = nextRunAfter({ schedule: parseSchedule(row.schedule), from: now });
    } catch (error) {
      log.warn("source has an invalid schedule", { source: row.name, error: (error as Error).message });
      continue;
    }
    await db.update(sources).set({ nextRunAt: next }).where(eq(sources.id, row.id));
    const mode = row.schedule && pruneDue({ row, now }) ? "prune" : "sync";
    if (await queue({ db, source: row.id, trigger: "schedule", mode })) queued.push(row.name);
    // A permission run of the source held the one active slot: the content run is tried again
    // at the next tick instead of waiting a whole period.
    else if (permissionConnector(row)) await db.update(sources).set({ nextRunAt: now }).where(eq(sources.id, row.id));
  }
  const permissions: string[] = [];
  const candidates = await db
    .select()
    .from(sources)
    .where(and(eq(sources.paused, false), isNull(sources.reauthReason)));
  for (const row of candidates) {
    const connector = permissionConnector(row);
    if (!connector || queued.includes(row.name)) continue;
    let due: boolean;
    try {
      due = permissionDue({ row, connector, now });
    } catch (error) {
      log.warn("source has an invalid permission schedule", { source: row.name, error: (error as Error).message });
      continue;
    }
    if (due && (await queue({ db, source: row.id, trigger: "schedule", mode: "acl" }))) permissions.push(row.name);
  }
  let notifications: string[] = [];
  try {
    notifications = (await ensureNotificationRegistrations({ db, now, origin })).registered;
  } catch (error) {
    log.warn("change notification registrations were not checked", { error: (error as Error).message });
  }
  return { queued, resumed, permissions, notifications };
}

async function queue({
  db,
  source,
  trigger,
  mode,
}: {
  db: Database;
  source: string;
  trigger: "user" | "cli" | "schedule" | "webhook" | "push";
  mode: "sync" | "prune" | "acl";
}): Promise<boolean> {
  try {
    await requestRun({ db, source, trigger, mode });
    return true;
  } catch (error) {
    if (isGroundworkError(error) && error.code === "conflict") return false;
    throw error;
  }
}
