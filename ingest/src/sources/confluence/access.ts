import type { ExternalGroup, ExternalPrincipal, ExternalUser } from "../external-access";
import type { ConfluenceGroup, ConfluenceUser, ReadRestriction } from "./wire";

/**
 * Who may read a Confluence page, as external grants. Confluence decides it in layers, all of
 * which must allow the reader (https://support.atlassian.com/confluence-cloud/docs/what-are-page-restrictions/):
 *
 * 1. the space's "View" (read space) permission: users, groups, and anonymous access;
 * 2. the page's own view (read) restriction, when it has one;
 * 3. every ancestor's view restriction — view restrictions are inherited down the page tree (edit
 *    restrictions are not, and never decide reading).
 *
 * A layer is a set of principals; the page is visible to their intersection. Groundwork ACLs are
 * unions, so:
 * - one deciding layer (an unrestricted page: the space's permission; a restricted page of an
 *   anonymous space: its restrictions) keeps its principals as they are — groups stay groups, and
 *   a membership change reaches the page through the mirrored group alone;
 * - a layer naming everyone another names adds nothing to the intersection and is dropped;
 * - two or more deciding layers are intersected user by user (groups expanded through the
 *   directory, nested groups included): the grants are the users every layer allows. A member
 *   added to a group later reaches such a page at the next permission run, which decides it again.
 * Anonymous access ("public") never opens a restricted page: restrictions name people and groups
 * only. A layer naming nobody Groundwork can match denies (deny by default).
 */
export type Layer = {
  /** Anonymous access (space permission only). */
  anonymous: boolean;
  users: ExternalUser[];
  /** Group external ids (Cloud: the group id; Data Center: the group name). */
  groups: string[];
};

export const emptyLayer = (): Layer => ({ anonymous: false, users: [], groups: [] });

/** A user as an external principal: its Cloud account id or Data Center user key; an empty or hidden e-mail matches nobody. */
export function externalUser(user: ConfluenceUser): ExternalUser | null {
  const externalId = user.accountId ?? user.userKey ?? user.username;
  if (!externalId) return null;
  const email = user.email?.trim() ? user.email.trim() : null;
  return { kind: "user", externalId, email };
}

export const groupKey = (group: ConfluenceGroup): string => group.id ?? group.name;

/** A read restriction as a layer; null when the content has none (nothing is restricted at that level). */
export function restrictionLayer(restriction: ReadRestriction | null | undefined): Layer | null {
  const users = (restriction?.restrictions?.user?.results ?? []).flatMap((u) => externalUser(u) ?? []);
  const groups = (restriction?.restrictions?.group?.results ?? []).map(groupKey);
  if (!users.length && !groups.length) return null;
  return { anonymous: false, users, groups: [...new Set(groups)] };
}

/** Directory: each mirrored group's direct members, for expanding groups into users. */
export type Directory = Map<string, ExternalGroup>;

function usersOf(layer: Layer, directory: Directory): Map<string, ExternalUser> {
  const out = new Map<string, ExternalUser>();
  for (const u of layer.users) out.set(u.externalId, u);
  const visited = new Set<string>();
  const stack = [...layer.groups];
  while (stack.length) {
    const id = stack.pop()!;
    if (visited.has(id)) continue;
    visited.add(id);
    for (const m of directory.get(id)?.members ?? []) {
      if (m.kind === "user") {
        // A user known with an e-mail wins over the same account seen without one.
        if (!out.get(m.externalId)?.email) out.set(m.externalId, m);
      } else stack.push(m.externalId);
    }
  }
  return out;
}

/** Whether every principal `inner` names is named by `outer` too. */
function contains(outer: Layer, inner: Layer): boolean {
  if (outer.anonymous) return true;
  if (inner.anonymous) return false;
  const users = new Set(outer.users.map((u) => u.externalId));
  return inner.groups.every((g) => outer.groups.includes(g)) && inner.users.every((u) => users.has(u.externalId));
}

function layerGrants(layer: Layer): ExternalPrincipal[] {
  if (layer.anonymous) return [{ kind: "public" }];
  return [...layer.groups.map((g): ExternalPrincipal => ({ kind: "group", externalId: g })), ...layer.users];
}

/** The grants of a page given its space's layer and the restrictions on it and its ancestors (top down, nulls for none). */
export function pageGrants({
  space,
  restrictions,
  directory,
}: {
  space: Layer;
  restrictions: Array<Layer | null>;
  directory: Directory;
}): ExternalPrincipal[] {
  const restricting = restrictions.filter((r): r is Layer => r !== null);
  const layers = space.anonymous ? restricting : [space, ...restricting];
  // A layer naming everyone another layer names (the same group restricting a page of a space
  // that group may view) changes nothing in the intersection: dropped, so the grant can stay a group.
  const deciding = layers.filter(
    (l, i) => !layers.some((m, j) => j !== i && contains(l, m) && (!contains(m, l) || j < i)),
  );
  if (deciding.length === 0) return layerGrants(space);
  if (deciding.length === 1) return layerGrants(deciding[0]!);
  let allowed = usersOf(deciding[0]!, directory);
  for (const layer of deciding.slice(1)) {
    const next = usersOf(layer, directory);
    allowed = new Map(
      [...allowed].filter(([id]) => next.has(id)).map(([id, u]) => [id, u.email ? u : (next.get(id) ?? u)]),
    );
  }
  return [...allowed.values()].sort((a, b) => a.externalId.localeCompare(b.externalId));
}
