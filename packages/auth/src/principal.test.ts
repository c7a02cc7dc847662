import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";
import { normalizeAclEntry, principalsFor } from "./principal";

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
});

describe("passwords", () => {
  it("hash with argon2id and verify only the right password", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword({ hash, password: "correct horse" })).toBe(true);
    expect(await verifyPassword({ hash, password: "wrong" })).toBe(false);
    expect(await verifyPassword({ hash: "not-a-hash", password: "x" })).toBe(false);
  });
});
