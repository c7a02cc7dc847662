import { describe, expect, it } from "vitest";
import { checkAnswerability } from "./check-answerability";
import { composeExtractive } from "./compose-extractive";
import { numberedSource } from "./testing/search-result";

describe("composeExtractive", () => {
  it("chooses sentences by the synonyms retrieval joined to a word no visible chunk holds", () => {
    const sources = [
      numberedSource({
        n: 1,
        text: "Mileage rates per mile. Cars: 45p for the first 10,000 miles. Motorcycles: 24p per mile. Bicycles: 20p per mile.",
      }),
    ];
    const question = "what is the mileage rate for a motorbike?";
    const expansions = [{ from: "motorbike", to: ["motorcycle"] }];
    const answerability = checkAnswerability({
      query: question,
      results: sources,
      rarity: {
        chunkCount: 100,
        df: new Map<string, number | null>([
          ["mileage", 3],
          ["rate", 10],
          ["motorbike", 0],
        ]),
      },
      expansions,
    });
    const compose = (withExpansions: boolean) =>
      composeExtractive({
        question,
        prepared: {
          sources,
          answerability,
          confidence: "answer",
          condensed: { query: question },
          search: { searchedQuery: question, ...(withExpansions ? { expansions } : {}) },
        },
        allowedHosts: [],
      }).text;
    expect(compose(true)).toContain("Motorcycles: 24p per mile. [1]");
    // Without the synonym nothing ties that sentence to the question: what the expansion changes.
    expect(compose(false)).not.toContain("Motorcycles");
  });
});
