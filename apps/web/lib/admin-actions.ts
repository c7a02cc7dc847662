import { and, eq, inArray, ne } from "drizzle-orm";
import type { Principal, Role } from "@groundwork/access/principal";
import { hashPassword } from "@groundwork/auth/password";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { groups, memberships, sessions, users } from "@groundwork/db/schema";

/** Admin changes to users and groups; their routes audit them (`route({ audit })`). The web app owns these (no package does). */

export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,47}$/;
export const GROUP_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

function isUnique(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) if ((e as { code?: string }).code === "23505") return true;
  return false;
}

async function setMemberships({ tx, userId, groupNames }: { tx: Parameters<Parameters<Database["transaction"]>[0]>[0]; userId: string; groupNames: string[] }) {
  const names = [...new Set(groupNames.map((g) => g.trim().toLowerCase()).filter((g) => g && g !== "everyone"))];
  const rows = names.length ? await tx.select({ id: groups.id, name: groups.name }).from(groups).where(inArray(groups.name, names)) : [];
  const missing = names.filter((n) => !rows.some((r) => r.name === n));
  if (missing.length) throw new GroundworkError("bad_request", `Unknown group${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}.`);
  await tx.delete(memberships).where(eq(memberships.userId, userId));
  if (rows.length) await tx.insert(memberships).values(rows.map((r) => ({ userId, groupId: r.id })));
}

export async function createUser({ db, username, displayName, email, role, password, groupNames }: { db: Database; username: string; displayName: string; email?: string | null; role: Role; password: string; groupNames: string[] }): Promise<{ id: string }> {
  const name = username.trim().toLowerCase();
  if (!USERNAME.test(name)) throw new GroundworkError("bad_request", "A username is 2–48 lowercase letters, digits, '.', '_' or '-'.");
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(users).values({ username: name, displayName, email: email || null, role, passwordHash }).returning({ id: users.id });
      await setMemberships({ tx, userId: row!.id, groupNames });
      return { id: row!.id };
    });
  } catch (error) {
    if (isUnique(error)) throw new GroundworkError("conflict", `A user named ${name} already exists.`, { cause: error });
    throw error;
  }
}

/**
 * An admin's change to a user. A password reset, disabling, or a change of role or groups ends
 * the user's sessions at once: each of them means "whoever holds this session should no longer
 * act as before" (a leaked password, a leaver, a narrowed role), and a session outliving it
 * would keep that holder signed in. A display-name change ends none. When admins change
 * themselves, the session they are using stays (their other sessions end), so they are not
 * signed out by their own reset.
 */
export async function updateUser({
  db,
  actor,
  actorSessionId,
  userId,
  role,
  disabled,
  groupNames,
  displayName,
  password,
}: {
  db: Database;
  actor: Principal;
  /** The session the change arrives on (kept when admins change themselves). */
  actorSessionId?: string | null;
  userId: string;
  role?: Role;
  disabled?: boolean;
  groupNames?: string[];
  displayName?: string;
  password?: string;
}): Promise<{ sessionsRevoked: number }> {
  // An admin locking themselves out is almost always a mistake; another admin can do it.
  if (userId === actor.userId && (disabled === true || (role && role !== "admin"))) {
    throw new GroundworkError("bad_request", "You can't disable yourself or remove your own admin role.");
  }
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!row) throw new GroundworkError("not_found", "No such user.");
    const groupsBefore = groupNames ? await groupNamesOf({ tx, userId }) : [];
    const patch = { ...(role ? { role } : {}), ...(disabled !== undefined ? { disabled } : {}), ...(displayName ? { displayName } : {}), ...(passwordHash ? { passwordHash } : {}) };
    if (Object.keys(patch).length) await tx.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, userId));
    let groupsChanged = false;
    if (groupNames) {
      await setMemberships({ tx, userId, groupNames });
      const after = await groupNamesOf({ tx, userId });
      groupsChanged = after.join(",") !== groupsBefore.join(",");
    }
    const revoke = Boolean(passwordHash) || disabled === true || (role !== undefined && role !== row.role) || groupsChanged;
    if (!revoke) return { sessionsRevoked: 0 };
    const keep = userId === actor.userId && actorSessionId ? actorSessionId : null;
    const gone = await tx
      .delete(sessions)
      .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
      .returning({ id: sessions.id });
    return { sessionsRevoked: gone.length };
  });
}

async function groupNamesOf({ tx, userId }: { tx: Parameters<Parameters<Database["transaction"]>[0]>[0]; userId: string }): Promise<string[]> {
  const rows = await tx.select({ name: groups.name }).from(memberships).innerJoin(groups, eq(groups.id, memberships.groupId)).where(eq(memberships.userId, userId));
  return rows.map((r) => r.name).sort();
}

export async function createGroup({ db, name, description }: { db: Database; name: string; description: string }): Promise<{ id: string }> {
  const n = name.trim().toLowerCase();
  if (!GROUP_NAME.test(n)) throw new GroundworkError("bad_request", "A group name is 1–63 lowercase letters, digits, '-' or '_'.");
  try {
    const [row] = await db.insert(groups).values({ name: n, description }).returning({ id: groups.id });
    return { id: row!.id };
  } catch (error) {
    if (isUnique(error)) throw new GroundworkError("conflict", `A group named ${n} already exists.`, { cause: error });
    throw error;
  }
}
