import { describe, expect, it } from "vitest";
import { looksLikeFollowUp, rewriteFollowUp } from "./condense-question";

describe("deterministic condensing", () => {
  it("recognises follow-ups by pronouns, continuations and missing content words", () => {
    expect(looksLikeFollowUp("How long is it?")).toBe(true);
    expect(looksLikeFollowUp("And what about contractors?")).toBe(true);
    expect(looksLikeFollowUp("What about part-time staff?")).toBe(true);
    expect(looksLikeFollowUp("How many days of paid annual leave do full-time employees get?")).toBe(false);
  });

  it("carries the previous standalone query's content words into a follow-up, and nothing into a new topic", () => {
    const history = [{ question: "Tell me about parental leave", standaloneQuery: "Tell me about parental leave" }];
    expect(rewriteFollowUp({ question: "How long is it?", history })).toEqual({
      query: "How long is it? parental leave",
      by: "rules",
      warning: null,
    });
    expect(rewriteFollowUp({ question: "What is the mileage rate for private cars?", history }).by).toBe("none");
    expect(rewriteFollowUp({ question: "How long is it?", history: [] }).query).toBe("How long is it?");
  });

  it("does not repeat words the follow-up already has", () => {
    const history = [{ question: "q", standaloneQuery: "meal expenses reimbursed per day" }];
    expect(rewriteFollowUp({ question: "And per day abroad?", history }).query).toBe(
      "And per day abroad? meal expenses reimbursed",
    );
  });
});
