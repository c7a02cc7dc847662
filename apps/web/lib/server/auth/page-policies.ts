import "server-only";
import type { AccessPolicy } from "@groundwork/access/policy";

/**
 * Every page of the app and who may open it (what each policy admits is the table in
 * @groundwork/access/policy, which routes share). Pages look their policy up here (through
 * `requirePage`) so the authorization-matrix test can enumerate the page tree and fail on a
 * page that has no entry. Keys are app-router paths with dynamic segments as written.
 */
export const PAGE_POLICIES = {
  "/": "user",
  "/sign-in": "public",
  "/chat": "user",
  "/lookup": "user",
  "/documents/[id]": "user",
  "/settings/tokens": "user",
  // The widget renders for everyone: signed out, it shows a sign-in link (a redirect inside a
  // frame would land on the sign-in page, which refuses to be framed). Its data comes from the
  // API routes, each under its own policy.
  "/embed": "public",
  "/embed/signed-in": "user",
  "/admin": "admin",
  "/admin/sources": "admin",
  "/admin/sources/[id]": "admin",
  "/admin/runs/[id]": "admin",
  "/admin/documents": "admin",
  "/admin/documents/[id]": "admin",
  "/admin/users": "admin",
  "/admin/groups/[id]": "admin",
  "/admin/service-accounts": "admin",
  "/admin/audit": "admin",
  "/admin/feedback": "admin",
  "/admin/conversations/[id]": "admin",
} as const satisfies Record<string, AccessPolicy>;

export type PagePath = keyof typeof PAGE_POLICIES;
