import { eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { sessions } from "@groundwork/db/schema";
import { sessionIdOf } from "./session-token";

/** Ends the session behind a cookie token (sign-out); an unknown token is a no-op. */
export async function deleteSession({ db, token }: { db: Database; token: string }): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionIdOf(token)));
}
