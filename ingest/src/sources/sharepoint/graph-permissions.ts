import type { ExternalPrincipal } from "../external-access";

/**
 * Microsoft Graph permission resources (GET /drives/{d}/items/{i}/permissions: the item's own
 * and the ones it inherits from its folders, `inheritedFrom` set on the latter) as external
 * principals. https://learn.microsoft.com/graph/api/resources/permission
 *
 * - `grantedToV2` (an invitation or a direct grant): its user (by Entra object id, with the
 *   e-mail Graph shows, if any), its Entra group, or its SharePoint site group. Site groups'
 *   members are not in Graph v1.0, so a site group is a group id no mirrored group carries: it
 *   grants nothing (deny by default) unless the site group is backed by an Entra group Graph
 *   names in `group`.
 * - a sharing `link`: scope `anonymous` (or none, as OneDrive personal links have) is anyone
 *   with the link, `organization` the tenant, `users` only the people and groups in
 *   `grantedToIdentitiesV2`, `existingAccess` nothing beyond what the item already grants.
 * - an expired permission (`expirationDateTime` in the past) grants nothing; the year-1 date is
 *   Graph's "never expires".
 * - the deprecated `grantedTo`/`grantedToIdentities` are read when the V2 facets are absent.
 */
export type GraphIdentity = { id?: string; displayName?: string; email?: string; loginName?: string };
export type GraphIdentitySet = {
  user?: GraphIdentity;
  group?: GraphIdentity;
  siteUser?: GraphIdentity;
  siteGroup?: GraphIdentity;
  application?: GraphIdentity;
  device?: GraphIdentity;
};
export type GraphPermission = {
  id: string;
  roles?: string[];
  grantedToV2?: GraphIdentitySet;
  grantedTo?: GraphIdentitySet;
  grantedToIdentitiesV2?: GraphIdentitySet[];
  grantedToIdentities?: GraphIdentitySet[];
  link?: { scope?: string; type?: string; webUrl?: string };
  invitation?: { email?: string; signInRequired?: boolean };
  inheritedFrom?: { id?: string; driveId?: string; path?: string };
  expirationDateTime?: string;
};

/** The id a SharePoint site group is known by (unique per site: site groups are numbered per site). */
export const siteGroupId = (siteId: string, id: string) => `site:${siteId}:group:${id}`;

// A SharePoint claims login ("i:0#.f|membership|robin@contoso.com") carries the user's sign-in name.
const emailOfLogin = (login: string | undefined) => {
  const tail = login?.split("|").at(-1);
  return tail && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(tail) ? tail : null;
};

function principalsOfSet(set: GraphIdentitySet, siteId: string | null): ExternalPrincipal[] {
  const out: ExternalPrincipal[] = [];
  if (set.user?.id) {
    const email = set.user.email ?? set.siteUser?.email ?? emailOfLogin(set.siteUser?.loginName) ?? null;
    out.push({ kind: "user", externalId: set.user.id, email: email ? email.toLowerCase() : null });
  } else if (set.siteUser) {
    // A site user Entra does not know (a guest not yet redeemed): only an e-mail can match them.
    const email = set.siteUser.email ?? emailOfLogin(set.siteUser.loginName);
    if (email)
      out.push({ kind: "user", externalId: `siteuser:${set.siteUser.id ?? email}`, email: email.toLowerCase() });
  }
  if (set.group?.id) out.push({ kind: "group", externalId: set.group.id });
  else if (set.siteGroup?.id && siteId) out.push({ kind: "group", externalId: siteGroupId(siteId, set.siteGroup.id) });
  return out;
}

const NEVER = Date.parse("0001-01-01T00:00:00Z");

export function principalsOfPermissions({
  permissions,
  siteId,
  now = Date.now(),
}: {
  permissions: GraphPermission[];
  siteId: string | null;
  now?: number;
}): ExternalPrincipal[] {
  const out: ExternalPrincipal[] = [];
  for (const p of permissions) {
    const expires = p.expirationDateTime ? Date.parse(p.expirationDateTime) : NaN;
    if (Number.isFinite(expires) && expires !== NEVER && expires <= now) continue;
    if (p.link) {
      const scope = p.link.scope ?? "anonymous";
      if (scope === "anonymous") out.push({ kind: "anyone-with-link" });
      else if (scope === "organization") out.push({ kind: "organisation" });
      else if (scope === "users")
        for (const set of p.grantedToIdentitiesV2 ?? p.grantedToIdentities ?? [])
          out.push(...principalsOfSet(set, siteId));
      // existingAccess and unknown scopes: nothing more than the item's other permissions.
      continue;
    }
    const set = p.grantedToV2 ?? p.grantedTo;
    if (set) out.push(...principalsOfSet(set, siteId));
    else if (p.invitation?.email)
      // Invited by e-mail, not yet redeemed: Graph knows only the address.
      out.push({ kind: "user", externalId: `invite:${p.id}`, email: p.invitation.email.toLowerCase() });
  }
  return dedupe(out);
}

export function dedupe(grants: ExternalPrincipal[]): ExternalPrincipal[] {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = JSON.stringify(g);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
