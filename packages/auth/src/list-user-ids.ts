import type { Database } from "@groundwork/db/client";
import { users } from "@groundwork/db/schema";

/** Lowercased username → user id for every user (ingest resolves usernames in access files with it). */
export async function listUserIds({ db }: { db: Database }): Promise<Map<string, string>> {
  const rows = await db.select({ id: users.id, username: users.username }).from(users);
  return new Map(rows.map((u) => [u.username.toLowerCase(), u.id]));
}
