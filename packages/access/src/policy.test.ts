import { describe, expect, it } from "vitest";
import { admits, isAccessPolicy, isAdminRole } from "./policy";
import { ROLES } from "./principal";

describe("access policies", () => {
  it("admit exactly these roles (the table every route, page and the matrix test read)", () => {
    const table = Object.fromEntries(
      (["public", "user", "support", "admin"] as const).map((policy) => [
        policy,
        [null, ...ROLES].filter((role) => admits({ policy, role })).map((r) => r ?? "anonymous"),
      ]),
    );
    expect(table).toEqual({
      public: ["anonymous", "employee", "support", "admin"],
      user: ["employee", "support", "admin"],
      support: ["support", "admin"],
      admin: ["admin"],
    });
  });

  it("know only their own names, and only admins are admins", () => {
    expect(isAccessPolicy("support")).toBe(true);
    expect(isAccessPolicy("toString")).toBe(false);
    expect(isAccessPolicy(undefined)).toBe(false);
    expect(ROLES.filter(isAdminRole)).toEqual(["admin"]);
  });
});
