import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import type { Database } from "@groundwork/db/client";
import { users } from "@groundwork/db/schema";
import { usernameSchema } from "./names";
import { parseInput } from "./parse-input";
import { setMemberships } from "./set-memberships";

export const createServiceAccountInput = z.object({
  name: usernameSchema,
  displayName: z.string().trim().min(1).max(120).optional(),
  groupNames: z.array(z.string()).max(100).default([]),
});
export type CreateServiceAccountInput = z.input<typeof createServiceAccountInput>;

/**
 * A service account: a users row of kind `service` with the employee role, no password and no
 * OIDC identity (a check constraint keeps it so), so it can never sign in to the web; it acts
 * only through its API tokens and reads what its own group memberships grant. The name shares
 * the usernames' namespace (a principal is `user:<id>` either way).
 */
export async function createServiceAccount({
  db,
  ...input
}: { db: Database } & CreateServiceAccountInput): Promise<{ id: string; username: string }> {
  const { name, displayName, groupNames } = parseInput({ schema: createServiceAccountInput, value: input });
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          username: name,
          displayName: displayName ?? name,
          role: "employee",
          kind: "service",
          passwordHash: null,
          oidcSubject: null,
        })
        .returning({ id: users.id });
      await setMemberships({ tx, userId: row!.id, groupNames });
      return { id: row!.id, username: name };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new GroundworkError("conflict", `A user or service account named ${name} already exists.`, {
        cause: error,
      });
    throw error;
  }
}
