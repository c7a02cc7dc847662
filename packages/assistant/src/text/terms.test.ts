import { describe, expect, it } from "vitest";
import { oneEditApart } from "./terms";

describe("oneEditApart", () => {
  it("accepts one letter added, dropped, changed or two neighbours swapped", () => {
    expect(oneEditApart("jurry", "jury")).toBe(true);
    expect(oneEditApart("meny", "many")).toBe(true);
    expect(oneEditApart("compacter", "compactor")).toBe(true);
    expect(oneEditApart("recieve", "receive")).toBe(true);
    expect(oneEditApart("jury", "jurry")).toBe(true);
  });

  it("rejects identical words and two or more slips", () => {
    expect(oneEditApart("jury", "jury")).toBe(false);
    expect(oneEditApart("corparete", "corporate")).toBe(false);
    expect(oneEditApart("holiday", "leave")).toBe(false);
    expect(oneEditApart("ab", "abcd")).toBe(false);
  });
});
