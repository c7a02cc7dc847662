import { describe, expect, it } from "vitest";
import { normalizeAcl, normalizeAclEntry } from "./acl";
import { GROUP_NAME_PATTERN, isPrincipal, principalsFor } from "./principal";

describe("principals", () => {
  it("always include the user and the everyone group, sorted and deduplicated", () => {
    expect(principalsFor({ userId: "u1", groups: ["legal", "everyone", "hr"] })).toEqual([
      "user:u1",
      "group:everyone",
      "group:hr",
      "group:legal",
    ]);
  });

  it("normalizes ACL entries from access files", () => {
    expect(normalizeAclEntry(" HR ")).toBe("group:hr");
    expect(normalizeAclEntry("user:1234")).toBe("user:1234");
    expect(normalizeAclEntry("group:legal")).toBe("group:legal");
  });

  it("normalizes a whole ACL: blanks dropped, each principal once, sorted", () => {
    expect(normalizeAcl([" hr", "", "group:hr", "Legal", "user:9", "  "])).toEqual([
      "group:hr",
      "group:legal",
      "user:9",
    ]);
  });

  it("accepts only principals that cannot widen the comma-separated RLS setting", () => {
    for (const p of principalsFor({
      userId: "8d0f3c6e-2b1a-4c1e-9d7f-0a1b2c3d4e5f",
      groups: ["hr", "it-ops", "team_a"],
    }))
      expect(isPrincipal(p)).toBe(true);
    for (const p of ["group:hr,group:legal", "group:hr legal", "group:", "hr", "role:admin", "user:x\n", ""])
      expect(isPrincipal(p)).toBe(false);
    expect(GROUP_NAME_PATTERN.test("it-ops")).toBe(true);
    expect(GROUP_NAME_PATTERN.test("IT")).toBe(false);
  });
});
