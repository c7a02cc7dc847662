import { and, eq } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import { GroundworkError } from "@groundwork/core/errors";
import { isUuid } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { users } from "@groundwork/db/schema";
import { updateUser } from "./update-user";

/**
 * An admin's change to a service account: its groups (what its tokens read), display name, or
 * disabling it (every token refused from the next request). A person's id is `not_found` here,
 * so this route can never reach a person's account.
 */
export async function updateServiceAccount({
  db,
  actor,
  id,
  groupNames,
  disabled,
  displayName,
}: {
  db: Database;
  actor: Pick<Principal, "userId">;
  id: string;
  groupNames?: string[];
  disabled?: boolean;
  displayName?: string;
}): Promise<void> {
  await serviceAccountOrThrow({ db, id });
  await updateUser({ db, actor, userId: id, groupNames, disabled, displayName });
}

/** Throws not_found unless `id` is a service account's. */
export async function serviceAccountOrThrow({ db, id }: { db: Database; id: string }): Promise<void> {
  const [row] = isUuid(id)
    ? await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, id), eq(users.kind, "service")))
        .limit(1)
    : [];
  if (!row) throw new GroundworkError("not_found", "No such service account.");
}
