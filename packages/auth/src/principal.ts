export type Role = "employee" | "support" | "admin";

/** Who is asking, as resolved on the server from a session or CLI identity. */
export type Principal = {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  groups: string[];
  /** ACL principals this user holds: `user:<id>` and `group:<name>` (always `group:everyone`). */
  principals: string[];
  isAdmin: boolean;
};

export const EVERYONE = "everyone";

export function principalsFor({ userId, groups }: { userId: string; groups: readonly string[] }): string[] {
  const names = new Set([EVERYONE, ...groups]);
  return [`user:${userId}`, ...[...names].sort().map((g) => `group:${g}`)];
}

/** Turns an ACL entry as written in access files / the admin UI into a stored principal. */
export function normalizeAclEntry(entry: string): string {
  const e = entry.trim();
  if (/^(user|group):/.test(e)) return e;
  return `group:${e.toLowerCase()}`;
}
