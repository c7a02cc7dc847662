import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import type { Principal } from "@groundwork/auth";
import { resolveSessionPrincipal } from "@groundwork/auth/principal";
import type { Database } from "@groundwork/db/client";
import { sessions } from "@groundwork/db/schema";

export const SESSION_COOKIE = "gw_session";
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type SessionContext = { sessionId: string; csrfToken: string; principal: Principal };

function digest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a session row and sets the httpOnly, SameSite=Lax cookie; returns the CSRF token for the client. */
export async function createSession({ db, userId }: { db: Database; userId: string }): Promise<{ csrfToken: string }> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await db.insert(sessions).values({ id: digest(token), userId, csrfToken, expiresAt });
  const jar = await cookies();
  jar.set(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: process.env.GROUNDWORK_SECURE_COOKIES === "1",
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
  return resolveSessionPrincipal({ db, sessionId: digest(token) });
}

export async function destroySession({ db }: { db: Database }): Promise<void> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  if (token) await db.delete(sessions).where(eq(sessions.id, digest(token)));
  jar.delete(SESSION_COOKIE);
}
