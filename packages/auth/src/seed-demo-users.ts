import { sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { groups, memberships, users } from "@groundwork/db/schema";
import { hashPassword } from "./password";
import type { Role } from "@groundwork/access/principal";

export const DEMO_PASSWORD = "groundwork-demo";

export const DEMO_GROUPS = [
  { name: "everyone", description: "Every signed-in employee" },
  { name: "hr", description: "People team" },
  { name: "legal", description: "Legal and contracts" },
  { name: "support", description: "Customer support" },
  { name: "exec", description: "Leadership team" },
] as const;

export const DEMO_USERS: { username: string; displayName: string; role: Role; groups: string[] }[] = [
  { username: "emma", displayName: "Emma Employee", role: "employee", groups: [] },
  { username: "harper", displayName: "Harper (HR)", role: "employee", groups: ["hr"] },
  { username: "lena", displayName: "Lena (Legal)", role: "employee", groups: ["legal"] },
  { username: "sam", displayName: "Sam (Support)", role: "support", groups: ["support"] },
  { username: "ada", displayName: "Ada Admin", role: "admin", groups: ["exec"] },
];

/** Idempotent: creates missing demo groups and users, never resets a changed password. */
export async function seedDemoUsers({ db }: { db: Database }): Promise<{ created: number }> {
  await db
    .insert(groups)
    .values([...DEMO_GROUPS])
    .onConflictDoNothing();
  const existing = new Set((await db.select({ u: users.username }).from(users)).map((r) => r.u));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.username));
  if (missing.length === 0) return { created: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of missing) {
    const [row] = await db
      .insert(users)
      .values({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
        email: `${u.username}@quillfeather.example`,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!row) continue;
    for (const g of u.groups) {
      await db.execute(
        sql`insert into ${memberships} (user_id, group_id) select ${row.id}, id from ${groups} where name = ${g} on conflict do nothing`,
      );
    }
  }
  return { created: missing.length };
}
