import { ROLES, type Role } from "./principal";

/**
 * Who may open a route or a page. `public`: anyone, signed in or not; `user`: any signed-in
 * user; `support`: support agents and admins; `admin`: admins only. Routes declare theirs in
 * `route({ policy })`, pages in apps/web/lib/server/auth/page-policies.ts.
 */
export type AccessPolicy = "public" | "user" | "support" | "admin";

/**
 * The one table of who each policy admits (null: also signed-out callers). The route wrapper,
 * the page gate, the navigation and the authorization-matrix test all read it, so a route and a
 * page under the same policy cannot disagree about a role.
 */
export const POLICY_ROLES = {
  public: null,
  user: ROLES,
  support: ["support", "admin"],
  admin: ["admin"],
} as const satisfies Record<AccessPolicy, readonly Role[] | null>;

export const ACCESS_POLICIES = Object.keys(POLICY_ROLES) as AccessPolicy[];

export function isAccessPolicy(value: unknown): value is AccessPolicy {
  return typeof value === "string" && Object.hasOwn(POLICY_ROLES, value);
}

/** Whether a caller with `role` (null: signed out) may open what `policy` guards. */
export function admits({ policy, role }: { policy: AccessPolicy; role: Role | null | undefined }): boolean {
  const roles: readonly Role[] | null = POLICY_ROLES[policy];
  if (roles === null) return true;
  return role != null && roles.includes(role);
}

/** Admins read every document (RLS and the SQL predicate let them through) and see superseded versions. */
export function isAdminRole(role: Role): boolean {
  return admits({ policy: "admin", role });
}
