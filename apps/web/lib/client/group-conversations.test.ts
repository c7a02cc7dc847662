import { describe, expect, it } from "vitest";
import { groupConversations, groupLabel } from "./group-conversations";

const now = new Date(2026, 11, 2, 9, 30);
const at = (y: number, m: number, d: number, h = 12) => new Date(y, m, d, h).toISOString();

describe("groupLabel", () => {
  it("names days by the local calendar, not by 24-hour spans", () => {
    expect(groupLabel({ updatedAt: new Date(2026, 11, 2, 0, 1), now })).toBe("Today");
    expect(groupLabel({ updatedAt: new Date(2026, 11, 1, 23, 59), now })).toBe("Yesterday");
    expect(groupLabel({ updatedAt: new Date(2026, 10, 26), now })).toBe("Previous 7 days");
    expect(groupLabel({ updatedAt: new Date(2026, 10, 10), now })).toBe("Previous 30 days");
    expect(groupLabel({ updatedAt: new Date(2026, 8, 10), now })).toBe("September");
    expect(groupLabel({ updatedAt: new Date(2025, 8, 10), now })).toBe("September 2025");
  });
});

describe("groupConversations", () => {
  it("keeps the given order and puts each conversation in one group", () => {
    const groups = groupConversations({
      now,
      conversations: [
        { id: "a", title: "A", updatedAt: at(2026, 11, 2) },
        { id: "b", title: "B", updatedAt: at(2026, 11, 2, 8) },
        { id: "c", title: "C", updatedAt: at(2026, 11, 1) },
        { id: "d", title: "D", updatedAt: at(2026, 7, 1) },
      ],
    });
    expect(groups.map((g) => [g.label, g.items.map((i) => i.id)])).toEqual([
      ["Today", ["a", "b"]],
      ["Yesterday", ["c"]],
      ["August", ["d"]],
    ]);
  });
});
