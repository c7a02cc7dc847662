import "server-only";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { admits } from "@groundwork/access/policy";
import { getDb } from "../db";
import { PAGE_POLICIES, type PagePath } from "./page-policies";
import { safeNextPath } from "./safe-next-path";
import { readSession, type SessionContext } from "./session";

/**
 * Server-side gate for a page: signed-out callers go to sign-in (and come back), callers
 * without the role get the same 404 as a page that does not exist.
 */
export async function requirePage({ page, next }: { page: PagePath; next?: string }): Promise<SessionContext> {
  const policy = PAGE_POLICIES[page];
  // Per-request, never prerendered: the answer depends on the caller's cookie.
  await connection();
  const db = (await getDb()).db;
  const session = await readSession({ db });
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(safeNextPath(next ?? page))}`);
  if (!admits({ policy, role: session.principal.role })) notFound();
  return session;
}
