import "server-only";
import { cookies } from "next/headers";
import {
  createSession as createSessionRow,
  deleteSession,
  readSession as readSessionRow,
  type SessionContext,
} from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { secureCookies } from "~/lib/http/origin-env";

export type { SessionContext };

export const SESSION_COOKIE = "gw_session";

/** Creates a session (@groundwork/auth) and sets the httpOnly, SameSite=Lax cookie; returns the CSRF token for the client. */
export async function createSession({ db, userId }: { db: Database; userId: string }): Promise<{ csrfToken: string }> {
  const { token, csrfToken, expiresAt } = await createSessionRow({ db, userId });
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    expires: expiresAt,
  });
  return { csrfToken };
}

/**
 * The signed-in caller, resolved fresh from the database on every request (role, groups,
 * disabled flag), so permission changes apply at the next query. Null when signed out.
 */
export async function readSession({ db }: { db: Database }): Promise<SessionContext | null> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (!token) return null;
  // Disabled or deleted user: treated as signed out (null). A database outage is not a
  // sign-out: it propagates so the caller answers 503, not 401.
  return readSessionRow({ db, token });
}

export async function destroySession({ db }: { db: Database }): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await deleteSession({ db, token });
  jar.delete(SESSION_COOKIE);
}
