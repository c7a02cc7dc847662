import { describe, expect, it } from "vitest";
import { auditFilterSchema } from "./list-audit-events";

describe("audit filter", () => {
  it("reads a bare `to` date as the end of that day and keeps full timestamps as given", () => {
    expect(auditFilterSchema.parse({ from: "2026-12-01", to: "2026-12-02" })).toEqual({
      from: new Date("2026-12-01T00:00:00.000Z"),
      to: new Date("2026-12-02T23:59:59.999Z"),
    });
    expect(auditFilterSchema.parse({ to: "2026-12-02T10:00:00Z" }).to).toEqual(new Date("2026-12-02T10:00:00Z"));
    expect(auditFilterSchema.safeParse({ to: "yesterday" }).success).toBe(false);
  });
});
