import type { ExternalPrincipal } from "../external-access";

/**
 * Drive permission resources (https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions)
 * as external principals:
 *
 * - `user`: by its e-mail (absent when Drive withholds it: then it matches nobody);
 * - `group`: by the group's e-mail, the key the Directory API's groups carry, so a mirrored
 *   group (syncIdentities) is found by it;
 * - `domain`: the configured Workspace domain is the organisation; another domain grants nothing;
 * - `anyone`: with `allowFileDiscovery` the file is public on the web (findable by anyone), else
 *   anyone with the link.
 *
 * A permission of a deleted account (`deleted`) or past its `expirationTime` grants nothing.
 * Inherited ones (shared drive members, a parent folder's sharing: `permissionDetails`) are
 * listed on the file itself and count the same.
 */
export type DrivePermission = {
  id?: string | null;
  type?: string | null;
  role?: string | null;
  emailAddress?: string | null;
  domain?: string | null;
  allowFileDiscovery?: boolean | null;
  deleted?: boolean | null;
  expirationTime?: string | null;
  pendingOwner?: boolean | null;
  permissionDetails?:
    | {
        permissionType?: string | null;
        inheritedFrom?: string | null;
        role?: string | null;
        inherited?: boolean | null;
      }[]
    | null;
};

export function principalsOfDrivePermissions({
  permissions,
  domain,
  now = Date.now(),
}: {
  permissions: DrivePermission[];
  domain: string | undefined;
  now?: number;
}): ExternalPrincipal[] {
  const out: ExternalPrincipal[] = [];
  for (const p of permissions) {
    if (p.deleted) continue;
    if (p.expirationTime && Date.parse(p.expirationTime) <= now) continue;
    switch (p.type) {
      case "user":
        out.push({
          kind: "user",
          externalId: p.id ?? p.emailAddress ?? "",
          email: p.emailAddress ? p.emailAddress.toLowerCase() : null,
        });
        break;
      case "group":
        if (p.emailAddress) out.push({ kind: "group", externalId: p.emailAddress.toLowerCase() });
        break;
      case "domain":
        if (domain && p.domain?.toLowerCase() === domain) out.push({ kind: "organisation" });
        break;
      case "anyone":
        out.push(p.allowFileDiscovery ? { kind: "public" } : { kind: "anyone-with-link" });
        break;
      default:
        // An unknown type grants nothing (deny by default).
        break;
    }
  }
  const seen = new Set<string>();
  return out.filter((g) => {
    const key = JSON.stringify(g);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A Directory API member (https://developers.google.com/workspace/admin/directory/reference/rest/v1/members). */
export type DirectoryMember = {
  id?: string | null;
  email?: string | null;
  type?: string | null;
  status?: string | null;
};

/**
 * A group's members as external members: users by e-mail, nested groups by their e-mail (the key
 * Drive's group permissions and `syncIdentities` use). Suspended members and the whole-customer
 * entry (type CUSTOMER: "everyone in the organisation") are left out — a group with that entry
 * grants its named members only, never the organisation (deny by default).
 */
export function principalsOfDirectoryMembers(
  members: DirectoryMember[],
): Array<{ kind: "user"; externalId: string; email: string | null } | { kind: "group"; externalId: string }> {
  const out: Array<{ kind: "user"; externalId: string; email: string | null } | { kind: "group"; externalId: string }> =
    [];
  for (const m of members) {
    if (m.status && m.status !== "ACTIVE") continue;
    if (m.type === "GROUP" && m.email) out.push({ kind: "group", externalId: m.email.toLowerCase() });
    else if (m.type === "USER" && m.id)
      out.push({ kind: "user", externalId: m.id, email: m.email ? m.email.toLowerCase() : null });
  }
  return out;
}
