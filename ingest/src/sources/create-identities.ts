import { and, eq, isNotNull, notInArray } from "drizzle-orm";
import { normalizeAcl } from "@groundwork/access/acl";
import { EVERYONE, groupPrincipal, userPrincipal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { groups, memberships, users } from "@groundwork/db/schema";
import {
  mirroredGroupName,
  type ExternalAccess,
  type ExternalAccessConfig,
  type ExternalGroup,
  type ExternalPrincipal,
  type Identities,
  type ResolvedGrant,
} from "./external-access";

/**
 * The context's `identities` for one source: matching by verified e-mail against the users
 * table, mirrored groups in the groups table (owned by the source), deny by default. Lookups
 * are loaded once per run and refreshed after each `mirrorGroups`.
 */
export function createIdentities({
  db,
  sourceId,
  sourceName,
  config,
}: {
  db: Database;
  sourceId: string;
  sourceName: string;
  config: ExternalAccessConfig;
}): Identities {
  let emails: Promise<Map<string, string>> | null = null;
  let mirrored: Promise<Map<string, string>> | null = null;
  const userByEmail = () => (emails ??= loadVerifiedEmails({ db }));
  const groupByExternalId = () => (mirrored ??= loadMirroredGroups({ db, sourceId }));
  return {
    async mirrorGroups(external) {
      await mirrorSourceGroups({ db, sourceId, sourceName, groups: external, userByEmail: await userByEmail() });
      mirrored = null;
    },
    async resolve(grants) {
      return resolveGrants({
        grants,
        config,
        userByEmail: await userByEmail(),
        groupByExternalId: await groupByExternalId(),
      });
    },
  };
}

/** Verified e-mail (lowercased) → user id, of enabled users. Two accounts with one e-mail match neither (ambiguous: deny). */
export async function loadVerifiedEmails({ db }: { db: Database }): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(eq(users.emailVerified, true), eq(users.disabled, false), isNotNull(users.email)));
  const out = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const r of rows) {
    const key = r.email!.trim().toLowerCase();
    if (!key) continue;
    if (out.has(key)) ambiguous.add(key);
    out.set(key, r.id);
  }
  for (const key of ambiguous) out.delete(key);
  return out;
}

async function loadMirroredGroups({ db, sourceId }: { db: Database; sourceId: string }): Promise<Map<string, string>> {
  const rows = await db
    .select({ externalId: groups.externalId, name: groups.name })
    .from(groups)
    .where(eq(groups.sourceId, sourceId));
  return new Map(rows.map((r) => [r.externalId!, r.name]));
}

/** The grants as principals, each kept with what it resolved to (the document's explanation). */
export function resolveGrants({
  grants,
  config,
  userByEmail,
  groupByExternalId,
}: {
  grants: ExternalPrincipal[];
  config: ExternalAccessConfig;
  userByEmail: Map<string, string>;
  groupByExternalId: Map<string, string>;
}): ExternalAccess {
  const organisation = config.organisationGroup ? [groupPrincipal(config.organisationGroup)] : [];
  const seen = new Set<string>();
  const resolved: ResolvedGrant[] = [];
  for (const grant of grants) {
    const key = JSON.stringify(grant);
    if (seen.has(key)) continue;
    seen.add(key);
    let principals: string[] = [];
    switch (grant.kind) {
      case "user": {
        const id = grant.email ? userByEmail.get(grant.email.trim().toLowerCase()) : undefined;
        principals = id ? [userPrincipal(id)] : [];
        break;
      }
      case "group": {
        const name = groupByExternalId.get(grant.externalId);
        principals = name ? [groupPrincipal(name)] : [];
        break;
      }
      case "organisation":
        principals = organisation;
        break;
      case "anyone-with-link":
        principals = config.shareAnyoneWithLink ? organisation : [];
        break;
      case "public":
        principals = [groupPrincipal(EVERYONE)];
        break;
    }
    resolved.push({ grant, principals });
  }
  // Sorted so the same grants in another order are the same access (no spurious ACL updates).
  resolved.sort((a, b) => JSON.stringify(a.grant).localeCompare(JSON.stringify(b.grant)));
  return {
    acl: normalizeAcl(resolved.flatMap((r) => r.principals)),
    owner: null,
    tags: [],
    grants: resolved,
  };
}

/** Every user of `group`, through nested groups (a cycle is visited once). */
export function flattenMembers({
  group,
  byId,
}: {
  group: ExternalGroup;
  byId: Map<string, ExternalGroup>;
}): Array<{ externalId: string; email: string | null }> {
  const out = new Map<string, { externalId: string; email: string | null }>();
  const visited = new Set<string>();
  const stack = [group];
  while (stack.length) {
    const g = stack.pop()!;
    if (visited.has(g.externalId)) continue;
    visited.add(g.externalId);
    for (const m of g.members) {
      if (m.kind === "user") out.set(m.externalId, { externalId: m.externalId, email: m.email });
      else {
        const nested = byId.get(m.externalId);
        if (nested) stack.push(nested);
      }
    }
  }
  return [...out.values()];
}

async function mirrorSourceGroups({
  db,
  sourceId,
  sourceName,
  groups: external,
  userByEmail,
}: {
  db: Database;
  sourceId: string;
  sourceName: string;
  groups: ExternalGroup[];
  userByEmail: Map<string, string>;
}): Promise<void> {
  const byId = new Map(external.map((g) => [g.externalId, g]));
  await db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: groups.id, externalId: groups.externalId, name: groups.name, description: groups.description })
      .from(groups)
      .where(eq(groups.sourceId, sourceId));
    const wantedIds = [...byId.keys()];
    // Gone at the source: the group and its memberships go (documents naming it grant nobody;
    // the same permission run re-resolves them).
    await tx
      .delete(groups)
      .where(
        wantedIds.length
          ? and(eq(groups.sourceId, sourceId), notInArray(groups.externalId, wantedIds))
          : eq(groups.sourceId, sourceId),
      );
    const have = new Map(existing.map((g) => [g.externalId!, g]));
    for (const g of byId.values()) {
      const name = mirroredGroupName({ sourceName, externalId: g.externalId, name: g.name });
      const description = `Mirrored from ${sourceName}: ${g.name}`.slice(0, 300);
      let groupId: string;
      const before = have.get(g.externalId);
      if (before) {
        groupId = before.id;
        if (before.name !== name || before.description !== description)
          await tx.update(groups).set({ name, description }).where(eq(groups.id, before.id));
      } else {
        const [row] = await tx
          .insert(groups)
          .values({ name, description, sourceId, externalId: g.externalId })
          .returning({ id: groups.id });
        groupId = row!.id;
      }
      const userIds = [
        ...new Set(
          flattenMembers({ group: g, byId }).flatMap((m) => {
            const id = m.email ? userByEmail.get(m.email.trim().toLowerCase()) : undefined;
            return id ? [id] : [];
          }),
        ),
      ];
      await tx
        .delete(memberships)
        .where(
          userIds.length
            ? and(eq(memberships.groupId, groupId), notInArray(memberships.userId, userIds))
            : eq(memberships.groupId, groupId),
        );
      for (let i = 0; i < userIds.length; i += 1000) {
        await tx
          .insert(memberships)
          .values(userIds.slice(i, i + 1000).map((userId) => ({ userId, groupId })))
          .onConflictDoNothing();
      }
    }
  });
}

/** For "why can this user see this": a source's mirrored groups a user is in, by external id. */
export async function mirroredMembershipsOf({
  db,
  userId,
  sourceId,
}: {
  db: Database;
  userId: string;
  sourceId: string;
}): Promise<Map<string, string>> {
  const rows = await db
    .select({ externalId: groups.externalId, name: groups.name })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(and(eq(memberships.userId, userId), eq(groups.sourceId, sourceId)));
  return new Map(rows.map((r) => [r.externalId!, r.name]));
}
