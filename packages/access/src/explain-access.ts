import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { documents, groups, memberships, sources, users } from "@groundwork/db/schema";
import { isAdminRole } from "./policy";
import { EVERYONE, groupPrincipal, userPrincipal, type Principal, type Role } from "./principal";

/**
 * "Why can this user see this?" — the admin's explanation of one document's access, decided by
 * the same rule search applies (sql.ts `aclVisible` under `documentStatusVisible`): an active
 * document is readable when its ACL shares a principal with the caller's, or the caller is an
 * admin. Each shared principal is traced back: the source's grant (a SharePoint permission, a
 * Zendesk segment, as `metadata.grants` keeps them) → the external principal it named → the
 * Groundwork group it became (mirrored from the source, or a local group) → how the user holds
 * it (their own `user:` principal, `group:everyone`, a membership). The reverse
 * (`documentReaders`) lists every user and group that reads the document, by the same rule.
 * The leak suite checks both against what search returns, persona by persona.
 */

/** One grant of `metadata.grants`, as the connector framework stores it (ingest's ResolvedGrant). */
export type StoredGrant = {
  grant: { kind: string; externalId?: string; email?: string | null };
  principals: string[];
};

export type GroupInfo = {
  name: string;
  description: string;
  /** Set when the group is mirrored from a source's system (members synced by its permission runs). */
  mirroredFrom: { sourceId: string; sourceName: string | null; externalId: string | null } | null;
};

/** A principal of the document's ACL the user holds, and where it came from. */
export type AppliedGrant = {
  principal: string;
  /** How the user holds it: their own principal, everyone's group, or membership of the group. */
  heldAs: "user" | "everyone" | "member";
  group: GroupInfo | null;
  /** The source's grants that resolved to this principal (empty: set by the source's own ACL rules or by an admin). */
  sourceGrants: StoredGrant["grant"][];
};

export type AccessExplanation = {
  user: { id: string; username: string; role: Role; isAdmin: boolean };
  document: {
    id: string;
    title: string;
    status: string;
    acl: string[];
    source: { id: string; name: string; kind: string; lastPermissionSyncAt: string | null };
  };
  /** Whether search returns it to this user (the ACL rule and the document's status). */
  visible: boolean;
  /** "admin": by role, whatever the ACL; "acl": the grants below; "denied": no shared principal; "inactive": superseded or deleted. */
  reason: "admin" | "acl" | "denied" | "inactive";
  /** The ACL entries the user holds (also listed for admins, who would read it anyway). */
  grants: AppliedGrant[];
  /** Source grants that matched nobody in Groundwork (deny by default): why a person the source lists may still not see it. */
  unmatched: StoredGrant["grant"][];
};

export type DocumentReaders = {
  document: AccessExplanation["document"];
  /** The groups of the ACL (everyone included), with their member counts. */
  groups: Array<GroupInfo & { principal: string; members: number }>;
  /** Every enabled user who reads it, with the ACL principals they hold (empty for an admin who reads by role). */
  users: Array<{ id: string; username: string; role: Role; via: string[]; admin: boolean }>;
  unmatched: StoredGrant["grant"][];
};

function storedGrants(metadata: Record<string, unknown>): StoredGrant[] {
  const raw = metadata.grants;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (g): g is StoredGrant =>
      typeof g === "object" &&
      g !== null &&
      typeof (g as StoredGrant).grant?.kind === "string" &&
      Array.isArray((g as StoredGrant).principals),
  );
}

async function loadDocument({ db, documentId }: { db: Database; documentId: string }) {
  const [row] = await db
    .select({
      id: documents.id,
      title: documents.title,
      status: documents.status,
      acl: documents.acl,
      metadata: documents.metadata,
      sourceId: sources.id,
      sourceName: sources.name,
      sourceKind: sources.kind,
      lastPermissionSyncAt: sources.lastPermissionSyncAt,
    })
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(eq(documents.id, documentId))
    .limit(1);
  if (!row) return null;
  const document: AccessExplanation["document"] = {
    id: row.id,
    title: row.title,
    status: row.status,
    acl: [...row.acl].sort(),
    source: {
      id: row.sourceId,
      name: row.sourceName,
      kind: row.sourceKind,
      lastPermissionSyncAt: row.lastPermissionSyncAt?.toISOString() ?? null,
    },
  };
  return { document, grants: storedGrants(row.metadata) };
}

async function groupInfos({ db, names }: { db: Database; names: string[] }): Promise<Map<string, GroupInfo>> {
  if (!names.length) return new Map();
  const rows = await db
    .select({
      name: groups.name,
      description: groups.description,
      sourceId: groups.sourceId,
      externalId: groups.externalId,
      sourceName: sources.name,
    })
    .from(groups)
    .leftJoin(sources, eq(sources.id, groups.sourceId))
    .where(inArray(groups.name, names));
  return new Map(
    rows.map((r) => [
      r.name,
      {
        name: r.name,
        description: r.description,
        mirroredFrom: r.sourceId ? { sourceId: r.sourceId, sourceName: r.sourceName, externalId: r.externalId } : null,
      },
    ]),
  );
}

const groupName = (principal: string) => (principal.startsWith("group:") ? principal.slice("group:".length) : null);

/**
 * The explanation for `principal` (as resolvePrincipal loads it: fresh groups and role) reading
 * `documentId`; null when there is no such document.
 */
export async function explainAccess({
  db,
  principal,
  documentId,
}: {
  db: Database;
  principal: Pick<Principal, "userId" | "username" | "role" | "principals" | "isAdmin">;
  documentId: string;
}): Promise<AccessExplanation | null> {
  const loaded = await loadDocument({ db, documentId });
  if (!loaded) return null;
  const { document, grants } = loaded;
  const held = new Set(principal.principals);
  const shared = document.acl.filter((p) => held.has(p));
  const infos = await groupInfos({ db, names: shared.flatMap((p) => groupName(p) ?? []) });
  const applied: AppliedGrant[] = shared.map((p) => {
    const name = groupName(p);
    return {
      principal: p,
      heldAs: p === userPrincipal(principal.userId) ? "user" : name === EVERYONE ? "everyone" : "member",
      group: name ? (infos.get(name) ?? { name, description: "", mirroredFrom: null }) : null,
      sourceGrants: grants.filter((g) => g.principals.includes(p)).map((g) => g.grant),
    };
  });
  // The same two tests as search: the status (active only; superseded versions are not searched) and the ACL or the role.
  const active = document.status === "active";
  const reason: AccessExplanation["reason"] = !active
    ? "inactive"
    : principal.isAdmin
      ? "admin"
      : applied.length
        ? "acl"
        : "denied";
  return {
    user: { id: principal.userId, username: principal.username, role: principal.role, isAdmin: principal.isAdmin },
    document,
    visible: reason === "admin" || reason === "acl",
    reason,
    grants: applied,
    unmatched: grants.filter((g) => g.principals.length === 0).map((g) => g.grant),
  };
}

/** Who reads `documentId`: the ACL's groups and every enabled user search would return it to; null when there is no such document. */
export async function documentReaders({
  db,
  documentId,
}: {
  db: Database;
  documentId: string;
}): Promise<DocumentReaders | null> {
  const loaded = await loadDocument({ db, documentId });
  if (!loaded) return null;
  const { document, grants } = loaded;
  const names = document.acl.flatMap((p) => groupName(p) ?? []);
  const infos = await groupInfos({ db, names });
  const counts = names.length
    ? await db
        .select({ name: groups.name, members: sql<number>`count(${memberships.userId})::int` })
        .from(groups)
        .leftJoin(memberships, eq(memberships.groupId, groups.id))
        .where(inArray(groups.name, names))
        .groupBy(groups.name)
    : [];
  const enabled = await db
    .select({
      id: users.id,
      username: users.username,
      role: users.role,
      groups: sql<
        string[]
      >`coalesce((select array_agg(g.name) from ${memberships} m join ${groups} g on g.id = m.group_id where m.user_id = "users"."id"), '{}')`,
    })
    .from(users)
    .where(and(eq(users.disabled, false)));
  const acl = new Set(document.acl);
  const everyone = acl.has(groupPrincipal(EVERYONE));
  const readers: DocumentReaders["users"] = [];
  for (const u of enabled) {
    const admin = isAdminRole(u.role);
    const via = [
      ...(acl.has(userPrincipal(u.id)) ? [userPrincipal(u.id)] : []),
      ...(everyone ? [groupPrincipal(EVERYONE)] : []),
      ...u.groups.map(groupPrincipal).filter((p) => acl.has(p) && p !== groupPrincipal(EVERYONE)),
    ].sort();
    if (document.status === "active" && (admin || via.length))
      readers.push({ id: u.id, username: u.username, role: u.role, via, admin });
  }
  readers.sort((a, b) => a.username.localeCompare(b.username));
  const memberCount = new Map(counts.map((c) => [c.name, Number(c.members)]));
  return {
    document,
    groups: names.map((name) => ({
      ...(infos.get(name) ?? { name, description: "", mirroredFrom: null }),
      principal: groupPrincipal(name),
      // Everyone's group holds every enabled user, whatever its membership rows say.
      members: name === EVERYONE ? enabled.length : (memberCount.get(name) ?? 0),
    })),
    users: readers,
    unmatched: grants.filter((g) => g.principals.length === 0).map((g) => g.grant),
  };
}
