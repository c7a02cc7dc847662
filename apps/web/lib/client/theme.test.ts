import { describe, expect, it } from "vitest";
import { nextTheme, parseTheme } from "./theme";

describe("theme choice", () => {
  it("takes only light or dark from the cookie; anything else follows the system", () => {
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("purple")).toBe("system");
    expect(parseTheme(undefined)).toBe("system");
  });
  it("cycles system → dark → light → system", () => {
    expect([nextTheme("system"), nextTheme("dark"), nextTheme("light")]).toEqual(["dark", "light", "system"]);
  });
});
