import { eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { users } from "@groundwork/db/schema";
import { hashPassword, verifyPassword } from "./password";

// Made once, up front, so the first unknown username costs one verify like every later one
// (computing it on demand would make that request twice as slow, i.e. tell it apart).
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password");
  return dummyHash;
}
void dummy();

/**
 * Checks a local username + password. Unknown users, OIDC-only users and disabled users all
 * fail the same way and still pay for one argon2 verify, so timing does not reveal which.
 */
export async function verifyLocalSignIn({
  db,
  username,
  password,
}: {
  db: Database;
  username: string;
  password: string;
}): Promise<{ userId: string } | null> {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(eq(users.username, username.trim().toLowerCase()))
    .limit(1);
  if (!user || !user.passwordHash || user.disabled) {
    await verifyPassword({ hash: await dummy(), password });
    return null;
  }
  return (await verifyPassword({ hash: user.passwordHash, password })) ? { userId: user.id } : null;
}
