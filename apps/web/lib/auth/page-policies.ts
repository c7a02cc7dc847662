import type { RoutePolicy } from "../http/route";

/**
 * Every page of the app and who may open it. Pages look their policy up here (through
 * `requirePage`) so the authorization-matrix test can enumerate the page tree and fail on a
 * page that has no entry. Keys are app-router paths with dynamic segments as written.
 */
export const PAGE_POLICIES = {
  "/": "user",
  "/sign-in": "public",
  "/chat": "user",
  "/lookup": "support",
  "/documents/[id]": "user",
  "/admin": "admin",
  "/admin/sources": "admin",
  "/admin/runs/[id]": "admin",
  "/admin/documents": "admin",
  "/admin/users": "admin",
  "/admin/audit": "admin",
  "/admin/feedback": "admin",
} as const satisfies Record<string, RoutePolicy>;

export type PagePath = keyof typeof PAGE_POLICIES;
