import { eq, inArray } from "drizzle-orm";
import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import { groups, memberships } from "@groundwork/db/schema";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** Replaces a user's memberships with the named groups (`everyone` is implicit); unknown names are a 400. */
export async function setMemberships({
  tx,
  userId,
  groupNames,
}: {
  tx: Tx;
  userId: string;
  groupNames: string[];
}): Promise<void> {
  const names = [...new Set(groupNames.map((g) => g.trim().toLowerCase()).filter((g) => g && g !== "everyone"))];
  const rows = names.length
    ? await tx.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.name, names))
    : [];
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length)
    throw new GroundworkError("bad_request", `Unknown group${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`);
  await tx.delete(memberships).where(eq(memberships.userId, userId));
  if (rows.length) await tx.insert(memberships).values(rows.map((r) => ({ userId, groupId: r.id })));
}

/** A user's group names, sorted. */
export async function groupNamesOf({ tx, userId }: { tx: Tx; userId: string }): Promise<string[]> {
  const rows = await tx
    .select({ name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.userId, userId));
  return rows.map((r) => r.name).sort();
}
