/**
 * The principal grammar. An ACL is a list of principals; a caller holds a list of principals;
 * they may read a row when the two lists share one. There are two kinds:
 *
 *   user:<id>      one user (the users.id uuid)
 *   group:<name>   every member of a group; `group:everyone` is held by every user
 *
 * Group names are 1–63 lowercase letters, digits, `-` or `_`, starting with a letter or digit.
 * The principals a caller holds are set for row-level security as one comma-separated setting
 * (see reader-scope.ts), so the characters a principal may contain are fixed here, once.
 */

/** Roles, lowest first. Which pages and routes each may open is in policy.ts. */
export const ROLES = ["employee", "support", "admin"] as const;
export type Role = (typeof ROLES)[number];

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

/** A group's name as stored in groups.name (and after `group:` in a principal). */
export const GROUP_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Any principal a caller may hold: no commas or spaces, which would widen or break the RLS setting. */
export const PRINCIPAL_PATTERN = /^(user|group):[A-Za-z0-9_.:@-]+$/;

export function isPrincipal(value: string): boolean {
  return PRINCIPAL_PATTERN.test(value);
}

export function userPrincipal(userId: string): string {
  return `user:${userId}`;
}

export function groupPrincipal(name: string): string {
  return `group:${name}`;
}

/** The principals a user holds: their own, then `group:everyone` and their groups, sorted. */
export function principalsFor({ userId, groups }: { userId: string; groups: readonly string[] }): string[] {
  const names = new Set([EVERYONE, ...groups]);
  return [userPrincipal(userId), ...[...names].sort().map(groupPrincipal)];
}
