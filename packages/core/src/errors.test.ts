import { describe, expect, it } from "vitest";
import { GroundworkError, isGroundworkError, STATUS_BY_CODE } from "./errors";

describe("GroundworkError", () => {
  it("carries a code, a user message, the HTTP status of its code and an internal cause", () => {
    const cause = new Error("ECONNREFUSED 10.0.0.1");
    const e = new GroundworkError("model_unavailable", "The language model did not answer.", {
      cause,
      details: { status: 500 },
    });
    expect(e).toMatchObject({
      code: "model_unavailable",
      status: 503,
      message: "The language model did not answer.",
      details: { status: 500 },
    });
    expect(e.cause).toBe(cause);
    expect(isGroundworkError(e)).toBe(true);
    expect(isGroundworkError(cause)).toBe(false);
    expect(STATUS_BY_CODE.not_found).toBe(404);
  });
});
