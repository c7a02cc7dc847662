import { randomToken } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { sessions } from "@groundwork/db/schema";
import { newSessionToken, sessionIdOf } from "./session-token";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * A new session for a signed-in user: the token goes into the cookie (only its digest is
 * stored), the CSRF token to the client.
 */
export async function createSession({
  db,
  userId,
}: {
  db: Database;
  userId: string;
}): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSessionToken();
  const csrfToken = randomToken({ bytes: 24 });
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id: sessionIdOf(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}
