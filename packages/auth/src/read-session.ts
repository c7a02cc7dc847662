import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { resolveSessionPrincipal } from "./resolve-principal";
import { sessionIdOf } from "./session-token";

export type SessionContext = { sessionId: string; csrfToken: string; principal: Principal };

/**
 * The caller behind a session cookie's token, resolved fresh (role, groups, disabled flag) so
 * permission changes apply at the next request. Null for an unknown or expired session or a
 * disabled or deleted user; a database outage propagates (a 503, not a sign-out).
 */
export async function readSession({ db, token }: { db: Database; token: string }): Promise<SessionContext | null> {
  return resolveSessionPrincipal({ db, sessionId: sessionIdOf(token) });
}
