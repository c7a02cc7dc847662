import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import type { Database } from "@groundwork/db/client";
import { users } from "@groundwork/db/schema";
import { roleSchema, usernameSchema } from "./names";
import { parseInput } from "./parse-input";
import { hashPassword } from "./password";
import { setMemberships } from "./set-memberships";

export const createUserInput = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(120),
  email: z.string().trim().max(200).nullish(),
  role: roleSchema,
  password: z.string().min(10).max(200),
  groupNames: z.array(z.string()).max(100).default([]),
});
export type CreateUserInput = z.input<typeof createUserInput>;

/** A local (password) user with its groups; a taken username is a 409. */
export async function createUser({ db, ...input }: { db: Database } & CreateUserInput): Promise<{ id: string }> {
  const { username, displayName, email, role, password, groupNames } = parseInput({
    schema: createUserInput,
    value: input,
  });
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ username, displayName, email: email || null, role, passwordHash })
        .returning({ id: users.id });
      await setMemberships({ tx, userId: row!.id, groupNames });
      return { id: row!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new GroundworkError("conflict", `A user named ${username} already exists.`, { cause: error });
    throw error;
  }
}
