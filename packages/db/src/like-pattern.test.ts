import { describe, expect, it } from "vitest";
import { containsPattern, escapeLike } from "./like-pattern";

describe("like patterns", () => {
  it("makes %, _ and \\ literal", () => {
    expect(escapeLike("50%_off\\now")).toBe("50\\%\\_off\\\\now");
    expect(containsPattern("a_b")).toBe("%a\\_b%");
  });
});
