import { describe, expect, it } from "vitest";
import { modelSetupHint } from "./model-setup-hint";

describe("modelSetupHint", () => {
  it("reports a missing chat model when LLM_BASE_URL is unset or empty", () => {
    expect(modelSetupHint({})).toEqual({ state: "missing" });
    expect(modelSetupHint({ LLM_BASE_URL: "" })).toEqual({ state: "missing" });
  });

  it("names the configured model", () => {
    expect(modelSetupHint({ LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "llama3" })).toEqual({
      state: "configured",
      model: "llama3",
    });
  });

  it("explains an invalid configuration instead of failing the page", () => {
    const hint = modelSetupHint({ LLM_BASE_URL: "not a url" });
    expect(hint.state).toBe("invalid");
    expect(hint.state === "invalid" && hint.message).toContain("LLM_BASE_URL");
  });
});
