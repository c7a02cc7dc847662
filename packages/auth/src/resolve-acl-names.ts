import { inArray, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { groups, users } from "@groundwork/db/schema";

/**
 * Names an integration gives in a document's ACL (usernames or emails, group names) → the
 * user ids and group names that exist now. A name that matches nothing is left out (it grants
 * nothing), and the caller reports it; matching is case-insensitive like sign-in.
 */
export async function resolveAclNames({
  db,
  users: userRefs,
  groups: groupNames,
}: {
  db: Database;
  users: string[];
  groups: string[];
}): Promise<{ userIds: Map<string, string>; groups: Set<string> }> {
  const refs = [...new Set(userRefs.map((u) => u.trim().toLowerCase()).filter(Boolean))];
  const names = [...new Set(groupNames.map((g) => g.trim().toLowerCase()).filter(Boolean))];
  const userIds = new Map<string, string>();
  if (refs.length) {
    const rows = await db
      .select({ id: users.id, username: users.username, email: sql<string | null>`lower(${users.email})` })
      .from(users)
      .where(or(inArray(users.username, refs), inArray(sql`lower(${users.email})`, refs)));
    for (const ref of refs) {
      // A username wins over another account's email that happens to read the same.
      const hit = rows.find((r) => r.username === ref) ?? rows.find((r) => r.email === ref);
      if (hit) userIds.set(ref, hit.id);
    }
  }
  const found = names.length
    ? await db.select({ name: groups.name }).from(groups).where(inArray(groups.name, names))
    : [];
  // `everyone` is implicit (every signed-in user holds it) and has no groups row.
  const existing = new Set([...found.map((g) => g.name), ...(names.includes("everyone") ? ["everyone"] : [])]);
  return { userIds, groups: existing };
}
