import { describe, expect, it } from "vitest";
import { formText } from "./form-text";

describe("formText", () => {
  it("text as typed, a missing field as empty, a file as String() shows it", () => {
    const form = new FormData();
    form.set("acl", "hr, finance");
    form.set("source", new File(["x"], "x.txt"));
    expect(formText(form.get("acl"))).toBe("hr, finance");
    expect(formText(form.get("missing"))).toBe("");
    expect(formText(form.get("source"))).toBe("[object File]");
  });
});
