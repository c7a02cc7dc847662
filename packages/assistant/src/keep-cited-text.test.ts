import { describe, expect, it } from "vitest";
import { keepCitedText } from "./keep-cited-text";

describe("keepCitedText", () => {
  const content =
    "Staff get 25 days a year. [1] The severance multiplier is SECRET42. [2]\n\nCarry-over is 5 days. [1][3]";

  it("keeps only stretches whose every marker names a readable passage", () => {
    expect(keepCitedText({ content, keep: new Set([1, 3]) })).toBe(
      "Staff get 25 days a year. [1]\n\nCarry-over is 5 days. [1][3]",
    );
    const out = keepCitedText({ content, keep: new Set([1]) });
    expect(out).toBe("Staff get 25 days a year. [1]");
    expect(out).not.toContain("SECRET42");
  });

  it("drops text that cites nothing, before or after the cited stretches", () => {
    expect(keepCitedText({ content: "Here is what I found: a fact. [1] And a guess.", keep: new Set([1]) })).toBe(
      "Here is what I found: a fact. [1]",
    );
  });

  it("reads a combined marker as every passage it names", () => {
    expect(keepCitedText({ content: "Both say SECRET42. [1, 2] Leave is 25 days. [1]", keep: new Set([1]) })).toBe(
      "Leave is 25 days. [1]",
    );
  });

  it("leaves nothing when no marker is readable", () => {
    expect(keepCitedText({ content, keep: new Set() })).toBe("");
  });
});
