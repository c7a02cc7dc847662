import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { lockGroup, removeGroup } from "@groundwork/auth";
import { groupPrincipal } from "@groundwork/access/principal";
import { chunks, documents } from "@groundwork/db/schema";

/** What deleting a group changes, for the confirmation dialog and the audit row. */
export type GroupFootprint = {
  id: string;
  name: string;
  members: number;
  /** Documents (any status) whose ACL names the group. */
  documents: number;
  /** Active documents that only the group could read: admin-only once it is gone. */
  adminOnly: number;
};

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function countDocuments({ tx, principal }: { tx: Tx; principal: string }) {
  const [row] = await tx
    .select({
      documents: sql<number>`count(*)::int`,
      adminOnly: sql<number>`(count(*) filter (where ${documents.acl} = array[${principal}]::text[] and ${documents.status} = 'active'))::int`,
    })
    .from(documents)
    .where(sql`${documents.acl} @> array[${principal}]::text[]`);
  return { documents: row?.documents ?? 0, adminOnly: row?.adminOnly ?? 0 };
}

/** The dialog's figures, read without changing anything. */
export async function groupFootprint({ db, group }: { db: Database; group: string }): Promise<GroupFootprint> {
  return db.transaction(async (tx) => {
    const found = await lockGroup({ tx, group });
    return { ...found, ...(await countDocuments({ tx, principal: groupPrincipal(found.name) })) };
  });
}

/**
 * Deletes a hand-made group: its memberships go, and `group:<name>` leaves every document's and
 * chunk's ACL in the same transaction — so a group created later under the same name inherits
 * nothing, and term_principal_stats (kept by the chunk update trigger) holds no df for a
 * principal nobody can hold. A document the group alone could read is left with an empty ACL:
 * admins only. Folder access files and connector ACLs naming the group apply again at the next run.
 */
export async function deleteGroup({ db, group }: { db: Database; group: string }): Promise<GroupFootprint> {
  return db.transaction(async (tx) => {
    const removed = await removeGroup({ tx, group });
    const principal = groupPrincipal(removed.name);
    const counted = await countDocuments({ tx, principal });
    const named = sql`${documents.acl} @> array[${principal}]::text[]`;
    await tx
      .update(documents)
      .set({ acl: sql`array_remove(${documents.acl}, ${principal})`, updatedAt: sql`now()` })
      .where(named);
    await tx
      .update(chunks)
      .set({ acl: sql`array_remove(${chunks.acl}, ${principal})`, updatedAt: sql`now()` })
      .where(sql`${chunks.acl} @> array[${principal}]::text[]`);
    return { ...removed, ...counted };
  });
}
