import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { isAdminRole } from "@groundwork/access/policy";
import type { Principal } from "@groundwork/access/principal";
import { GroundworkError } from "@groundwork/core/errors";
import type { Database } from "@groundwork/db/client";
import { sessions, users } from "@groundwork/db/schema";
import { roleSchema } from "./names";
import { parseInput } from "./parse-input";
import { hashPassword } from "./password";
import { groupNamesOf, setMemberships } from "./set-memberships";

export const updateUserInput = z.object({
  // Not checked as a uuid here: the database decides (a malformed id is a 400 either way).
  userId: z.string().min(1),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  groupNames: z.array(z.string()).max(100).optional(),
  displayName: z.string().trim().min(1).max(120).optional(),
  password: z.string().min(10).max(200).optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

/** The changed fields' values before and after (the audit row shows them as a diff); a password is never included. */
export type UserChangeValues = { role?: string; disabled?: boolean; displayName?: string; groups?: string[] };
export type UpdateUserResult = {
  sessionsRevoked: number;
  /** Only fields the request named, read in the same transaction as the update. */
  before: UserChangeValues;
  after: UserChangeValues;
};

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
  ...input
}: {
  db: Database;
  actor: Pick<Principal, "userId">;
  /** The session the change arrives on (kept when admins change themselves). */
  actorSessionId?: string | null;
} & UpdateUserInput): Promise<UpdateUserResult> {
  const { userId, role, disabled, groupNames, displayName, password } = parseInput({
    schema: updateUserInput,
    value: input,
  });
  // An admin locking themselves out is almost always a mistake; another admin can do it.
  if (userId === actor.userId && (disabled === true || (role && !isAdminRole(role)))) {
    throw new GroundworkError("bad_request", "You can't disable yourself or remove your own admin role.");
  }
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: users.id,
        role: users.role,
        kind: users.kind,
        disabled: users.disabled,
        displayName: users.displayName,
      })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!row) throw new GroundworkError("not_found", "No such user.");
    // A service account acts only through its tokens and reads only what its groups grant.
    if (row.kind === "service" && (passwordHash || (role && role !== "employee")))
      throw new GroundworkError("bad_request", "A service account has no password and keeps the employee role.");
    const groupsBefore = groupNames ? await groupNamesOf({ tx, userId }) : [];
    const patch = {
      ...(role ? { role } : {}),
      ...(disabled !== undefined ? { disabled } : {}),
      ...(displayName ? { displayName } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    };
    if (Object.keys(patch).length)
      await tx
        .update(users)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(users.id, userId));
    const before: UserChangeValues = {
      ...(role ? { role: row.role } : {}),
      ...(disabled !== undefined ? { disabled: row.disabled } : {}),
      ...(displayName ? { displayName: row.displayName } : {}),
      ...(groupNames ? { groups: groupsBefore } : {}),
    };
    const after: UserChangeValues = {
      ...(role ? { role } : {}),
      ...(disabled !== undefined ? { disabled } : {}),
      ...(displayName ? { displayName } : {}),
    };
    let groupsChanged = false;
    if (groupNames) {
      await setMemberships({ tx, userId, groupNames });
      after.groups = await groupNamesOf({ tx, userId });
      groupsChanged = after.groups.join(",") !== groupsBefore.join(",");
    }
    const revoke =
      Boolean(passwordHash) || disabled === true || (role !== undefined && role !== row.role) || groupsChanged;
    if (!revoke) return { sessionsRevoked: 0, before, after };
    const keep = userId === actor.userId && actorSessionId ? actorSessionId : null;
    const gone = await tx
      .delete(sessions)
      .where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId))
      .returning({ id: sessions.id });
    return { sessionsRevoked: gone.length, before, after };
  });
}
