import { lt, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { auditEvents } from "@groundwork/db/schema";
import { log } from "@groundwork/core/logger";

/**
 * Deletes audit rows older than the retention window. Works in batches so a first purge of a
 * large backlog never holds one long transaction (on the embedded socket every transaction
 * serializes behind it).
 */
export async function purgeAuditEvents({
  db,
  retentionDays,
  now = new Date(),
  batchSize = 5_000,
}: {
  db: Database;
  retentionDays: number;
  now?: Date;
  batchSize?: number;
}): Promise<{ deleted: number; cutoff: Date }> {
  if (!Number.isFinite(retentionDays) || retentionDays < 1)
    throw new Error(`retentionDays must be ≥ 1, got ${retentionDays}`);
  const cutoff = new Date(now.getTime() - retentionDays * 24 * 60 * 60 * 1000);
  let deleted = 0;
  for (;;) {
    const result = await db.execute<{ n: number }>(sql`
      with doomed as (
        select ${auditEvents.id} from ${auditEvents} where ${lt(auditEvents.at, cutoff)} limit ${batchSize}
      )
      delete from ${auditEvents} where ${auditEvents.id} in (select id from doomed)`);
    const n = result.rowCount ?? 0;
    deleted += n;
    if (n < batchSize) break;
  }
  if (deleted > 0) log.info("audit purge", { deleted, retentionDays, cutoff: cutoff.toISOString() });
  return { deleted, cutoff };
}
