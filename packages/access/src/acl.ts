import { groupPrincipal } from "./principal";

/**
 * Turns an ACL entry as written in access files / the admin UI into a stored principal: a bare
 * name is a group (`HR` → `group:hr`), a `user:`/`group:` entry is kept as written.
 */
export function normalizeAclEntry(entry: string): string {
  const e = entry.trim();
  if (/^(user|group):/.test(e)) return e;
  return groupPrincipal(e.toLowerCase());
}

/** An ACL as stored: entries normalised, blanks dropped, each principal once, sorted. */
export function normalizeAcl(acl: readonly string[]): string[] {
  return [
    ...new Set(
      acl
        .map((a) => a.trim())
        .filter(Boolean)
        .map(normalizeAclEntry),
    ),
  ].sort();
}
