import { describe, expect, it } from "vitest";
import { checkAnswerability, questionTerms, type TermRarity } from "./check-answerability";

const passage = (chunkId: string, text: string, title = "Doc") => ({ chunkId, title, headings: [], text });

/** Corpus of 100 chunks: "office" and "policy" common, "pet" rare. */
const rarity = (df: Record<string, number | null>): TermRarity => ({ chunkCount: 100, df: new Map(Object.entries(df)) });

describe("checkAnswerability", () => {
  it("weighs rare question words most, so a passage missing one is a near miss", () => {
    const results = [passage("c1", "The office policy covers desks, meeting rooms and quiet hours in the office.")];
    const r = checkAnswerability({ query: "Are pets allowed in the office?", results, rarity: rarity({ pets: 1, allowed: 30, office: 60 }) });
    expect(r.terms.find((t) => t.term === questionTerms("pets")[0]!.term)?.chunkIds).toEqual([]);
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.coverage).toBeLessThan(0.3);
    const withPets = checkAnswerability({ query: "Are pets allowed in the office?", results: [...results, passage("c2", "Pets are allowed in the office on Fridays.")], rarity: rarity({ pets: 1, allowed: 30, office: 60 }) });
    expect(withPets.coverage).toBeCloseTo(1, 6);
    expect(withPets.bestChunkId).toBe("c2");
  });

  it("drops words Postgres treats as stop words and question scaffolding", () => {
    expect(questionTerms("Can you tell me how long parental leave is? Don't guess.").map((t) => t.term)).not.toContain("t");
    const r = checkAnswerability({ query: "What is between the desks", results: [passage("c1", "Desks are spaced apart.")], rarity: rarity({ between: null, desks: 5 }) });
    expect(r.terms.map((t) => t.term)).toEqual([questionTerms("desks")[0]!.term]);
    expect(r.coverage).toBeCloseTo(1, 6);
  });

  it("focus: words scattered over unrelated table rows cover the passage but not one row", () => {
    const scattered = passage(
      "c1",
      "alias | team | use_it_for\nleads@x.example | Support leads | goodwill credit approvals\nrefunds@x.example | Billing | refunds above $5000",
    );
    const r = checkAnswerability({ query: "How much goodwill credit can support leads approve as a refund?", results: [scattered], rarity: rarity({}) });
    expect(r.coverage).toBeCloseTo(1, 6);
    expect(r.focus).toBeLessThan(r.coverage);
    const together = passage("c2", "Role | May approve up to\nSupport Team Lead | $1,000 goodwill credit or refund");
    const r2 = checkAnswerability({ query: "How much goodwill credit can support leads approve as a refund?", results: [together], rarity: rarity({}) });
    expect(r2.focus).toBeCloseTo(1, 6);
  });

  it("focus: a question asking for a figure needs a sentence or row that states one", () => {
    const words = passage("c1", "Service credits for the Enterprise plan are set out in the SLA schedule. Ask Legal for a copy.");
    const r = checkAnswerability({ query: "What service credit does an Enterprise customer get at 99.7% uptime?", results: [words], rarity: rarity({}) });
    expect(r.coverage).toBeGreaterThan(0.5);
    expect(r.focus).toBe(0);
  });

  it("abstains on nothing retrieved", () => {
    expect(checkAnswerability({ query: "anything at all", results: [], rarity: rarity({}) })).toMatchObject({ coverage: 0, focus: 0, bestChunkId: null });
  });
});
