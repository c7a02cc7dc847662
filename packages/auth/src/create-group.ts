import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { isUniqueViolation } from "@groundwork/core/pg-errors";
import type { Database } from "@groundwork/db/client";
import { groups } from "@groundwork/db/schema";
import { groupNameSchema } from "./names";
import { parseInput } from "./parse-input";

export const createGroupInput = z.object({
  name: groupNameSchema,
  description: z.string().trim().max(300).default(""),
});
export type CreateGroupInput = z.input<typeof createGroupInput>;

/** A group ACLs can name (`group:<name>`); a taken name is a 409. */
export async function createGroup({ db, ...input }: { db: Database } & CreateGroupInput): Promise<{ id: string }> {
  const { name, description } = parseInput({ schema: createGroupInput, value: input });
  try {
    const [row] = await db.insert(groups).values({ name, description }).returning({ id: groups.id });
    return { id: row!.id };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new GroundworkError("conflict", `A group named ${name} already exists.`, { cause: error });
    throw error;
  }
}
