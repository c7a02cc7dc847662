import { describe, expect, it } from "vitest";
import { auditChanges, auditTargetIds, describeAuditTarget } from "./audit-targets";

const doc = "0b7f6a3c-1111-4222-8333-444455556666";
const user = "9c1d2e3f-aaaa-4bbb-8ccc-ddddeeeeffff";

describe("audit targets", () => {
  it("collects each id once per kind, actors as users, and skips actions without a resolvable target", () => {
    const ids = auditTargetIds([
      { action: "acl.update", target: doc, actorId: user },
      { action: "document.view", target: doc, actorId: user },
      { action: "token.revoke", target: "tok-1", actorId: null },
      { action: "user.update", target: "u-2", actorId: null },
    ]);
    expect(ids.document).toEqual([doc]);
    expect(ids.user).toEqual([user, "u-2"]);
    expect(Object.values(ids).flat()).not.toContain("tok-1");
  });

  it("labels resolved ids, names deleted rows with a short id, and shows unresolvable targets as written", () => {
    const labels = { document: new Map([[doc, { text: "Travel policy", href: `/admin/documents/${doc}` }]]) };
    expect(describeAuditTarget({ event: { action: "acl.update", target: doc }, labels })).toEqual({
      kind: "document",
      text: "Travel policy",
      href: `/admin/documents/${doc}`,
      deleted: false,
    });
    expect(describeAuditTarget({ event: { action: "document.delete", target: user }, labels })).toEqual({
      kind: "document",
      text: "deleted document (9c1d2e3f…)",
      deleted: true,
    });
    expect(describeAuditTarget({ event: { action: "push.put", target: "hr/a.md" }, labels })).toMatchObject({
      kind: null,
      text: "hr/a.md",
    });
    expect(describeAuditTarget({ event: { action: "search", target: null }, labels })).toBeNull();
  });

  it("diffs an ACL edit's list and a user update's fields; none when no before value was recorded", () => {
    expect(auditChanges({ acl: ["group:hr", "group:finance"], before: ["group:hr", "group:everyone"] })).toEqual([
      {
        field: "acl",
        before: ["group:hr", "group:everyone"],
        after: ["group:hr", "group:finance"],
        added: ["group:finance"],
        removed: ["group:everyone"],
      },
    ]);
    expect(
      auditChanges({ before: { role: "employee", disabled: false }, after: { role: "admin", disabled: false } }),
    ).toEqual([{ field: "role", before: "employee", after: "admin" }]);
    expect(auditChanges({ acl: ["group:hr"] })).toBeNull();
  });
});
