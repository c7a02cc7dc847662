import { count, eq, or } from "drizzle-orm";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import { groups, memberships } from "@groundwork/db/schema";
import type { Tx } from "./set-memberships";

export type RemovedGroup = { id: string; name: string; members: number };

/** A hand-made group by id or name, locked for the caller's transaction; mirrored groups are refused. */
export async function lockGroup({ tx, group }: { tx: Tx; group: string }): Promise<RemovedGroup> {
  const where = isUuid(group) ? or(eq(groups.id, group), eq(groups.name, group)) : eq(groups.name, group);
  const [row] = await tx
    .select({ id: groups.id, name: groups.name, sourceId: groups.sourceId })
    .from(groups)
    .where(where)
    .limit(1)
    .for("update");
  if (!row) throw new GroundworkError("not_found", "No such group.");
  // A mirrored group is the source's: the next permission sync would bring it straight back.
  if (row.sourceId)
    throw new GroundworkError("conflict", `Group ${row.name} is mirrored from a source; remove it there.`);
  const [{ n } = { n: 0 }] = await tx
    .select({ n: count(memberships.userId) })
    .from(memberships)
    .where(eq(memberships.groupId, row.id));
  return { id: row.id, name: row.name, members: n };
}

/**
 * Deletes a hand-made group inside the caller's transaction (memberships cascade). Documents that
 * name it are the caller's to fix in the same transaction (ingest's deleteGroup does both).
 */
export async function removeGroup({ tx, group }: { tx: Tx; group: string }): Promise<RemovedGroup> {
  const found = await lockGroup({ tx, group });
  await tx.delete(groups).where(eq(groups.id, found.id));
  return found;
}
