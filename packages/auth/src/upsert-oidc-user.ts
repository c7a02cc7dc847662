import { and, eq, inArray, notInArray } from "drizzle-orm";
import type { Role } from "@groundwork/access/principal";
import { sha256Hex } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { groups, memberships, users } from "@groundwork/db/schema";

export type OidcProfile = {
  sub: string;
  email?: string | null;
  name?: string | null;
  preferredUsername?: string | null;
  /** Raw values of the configured groups claim. */
  groups: string[];
};

export type GroupMapping = {
  groupMap: Map<string, string> | null;
  adminGroups: Set<string>;
  supportGroups: Set<string>;
};

/** IdP group claim values → local group names and a role. Unknown groups are ignored, never created. */
export function mapOidcGroups({ claimGroups, mapping }: { claimGroups: string[]; mapping: GroupMapping }): {
  groups: string[];
  role: Role;
} {
  const local = new Set<string>();
  for (const g of claimGroups) {
    const mapped = mapping.groupMap ? mapping.groupMap.get(g) : g.trim().toLowerCase();
    if (mapped && mapped !== "everyone") local.add(mapped);
  }
  const role: Role = claimGroups.some((g) => mapping.adminGroups.has(g))
    ? "admin"
    : claimGroups.some((g) => mapping.supportGroups.has(g))
      ? "support"
      : "employee";
  return { groups: [...local].sort(), role };
}

function baseUsername(profile: OidcProfile): string {
  const raw = profile.preferredUsername || profile.email?.split("@")[0] || `sso-${profile.sub}`;
  return (
    raw
      .toLowerCase()
      .replace(/[^a-z0-9._-]/g, "-")
      .slice(0, 48) || "sso-user"
  );
}

/**
 * Creates or updates the local user behind an OIDC subject and replaces its group memberships
 * with the mapped claim groups, so IdP changes apply at the next sign-in. A local account with
 * the same username is never taken over: the SSO user gets a suffixed name instead.
 */
export async function upsertOidcUser({
  db,
  profile,
  mapping,
}: {
  db: Database;
  profile: OidcProfile;
  mapping: GroupMapping;
}): Promise<{ userId: string; disabled: boolean }> {
  const { groups: groupNames, role } = mapOidcGroups({ claimGroups: profile.groups, mapping });
  const displayName = profile.name || profile.preferredUsername || profile.email || "SSO user";
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(users).where(eq(users.oidcSubject, profile.sub)).limit(1);
    let userId: string;
    let disabled = false;
    if (existing) {
      userId = existing.id;
      disabled = existing.disabled;
      await tx
        .update(users)
        .set({ displayName, email: profile.email ?? existing.email, role, updatedAt: new Date() })
        .where(eq(users.id, existing.id));
    } else {
      let username = baseUsername(profile);
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
      if (taken) username = `${username}-sso-${sha256Hex(profile.sub).slice(0, 6)}`;
      const [row] = await tx
        .insert(users)
        .values({
          username,
          displayName,
          email: profile.email ?? null,
          role,
          oidcSubject: profile.sub,
          passwordHash: null,
        })
        .returning({ id: users.id });
      userId = row!.id;
    }
    const wanted = groupNames.length
      ? await tx.select({ id: groups.id }).from(groups).where(inArray(groups.name, groupNames))
      : [];
    const wantedIds = wanted.map((g) => g.id);
    await tx
      .delete(memberships)
      .where(
        wantedIds.length
          ? and(eq(memberships.userId, userId), notInArray(memberships.groupId, wantedIds))
          : eq(memberships.userId, userId),
      );
    if (wantedIds.length) {
      await tx
        .insert(memberships)
        .values(wantedIds.map((groupId) => ({ userId, groupId })))
        .onConflictDoNothing();
    }
    return { userId, disabled };
  });
}
