import { describe, expect, it } from "vitest";
import { checkAnswerability, questionTerms, type TermRarity } from "./check-answerability";

const passage = (chunkId: string, text: string, title = "Doc") => ({ chunkId, title, headings: [], text });

/** Corpus of 100 chunks: "office" and "policy" common, "pet" rare. */
const rarity = (df: Record<string, number | null>): TermRarity => ({
  chunkCount: 100,
  df: new Map(Object.entries(df)),
});

describe("checkAnswerability", () => {
  it("a phrase naming a thing no visible document mentions is broken, however well the rest matches", () => {
    const results = [passage("c1", "Annual leave is 25 days a year; book leave with your manager.")];
    const stats = rarity({ study: 0, leave: 20, days: 40, exam: 0, many: null });
    const r = checkAnswerability({ query: "How many days of study leave can I take?", results, rarity: stats });
    expect(r.brokenGroups).toEqual([["study", "leave"].map((w) => questionTerms(w)[0]!.term)]);
    // A lone absent word may be chat ("for my exam"), and a verb names nothing ("my parent died").
    expect(checkAnswerability({ query: "Leave days for my exam?", results, rarity: stats }).brokenGroups).toEqual([]);
    expect(
      checkAnswerability({
        query: "How much leave when a parent dies?",
        results,
        rarity: rarity({ parent: 3, dies: 0, leave: 20 }),
      }).brokenGroups,
    ).toEqual([]);
  });

  it("weighs rare question words most, so a passage missing one is a near miss", () => {
    const results = [passage("c1", "The office policy covers desks, meeting rooms and quiet hours in the office.")];
    const r = checkAnswerability({
      query: "Are pets allowed in the office?",
      results,
      rarity: rarity({ pets: 1, allowed: 30, office: 60 }),
    });
    expect(r.terms.find((t) => t.term === questionTerms("pets")[0]!.term)?.chunkIds).toEqual([]);
    expect(r.coverage).toBeGreaterThan(0);
    expect(r.coverage).toBeLessThan(0.3);
    const withPets = checkAnswerability({
      query: "Are pets allowed in the office?",
      results: [...results, passage("c2", "Pets are allowed in the office on Fridays.")],
      rarity: rarity({ pets: 1, allowed: 30, office: 60 }),
    });
    expect(withPets.coverage).toBeCloseTo(1, 6);
    expect(withPets.bestChunkId).toBe("c2");
  });

  it("drops words Postgres treats as stop words and question scaffolding", () => {
    expect(questionTerms("Can you tell me how long parental leave is? Don't guess.").map((t) => t.term)).not.toContain(
      "t",
    );
    const r = checkAnswerability({
      query: "What is between the desks",
      results: [passage("c1", "Desks are spaced apart.")],
      rarity: rarity({ between: null, desks: 5 }),
    });
    expect(r.terms.map((t) => t.term)).toEqual([questionTerms("desks")[0]!.term]);
    expect(r.coverage).toBeCloseTo(1, 6);
  });

  it("focus: words scattered over unrelated table rows cover the passage but not one row", () => {
    const scattered = passage(
      "c1",
      "alias | team | use_it_for\nleads@x.example | Support leads | goodwill credit approvals\nrefunds@x.example | Billing | refunds above $5000",
    );
    const r = checkAnswerability({
      query: "How much goodwill credit can support leads approve as a refund?",
      results: [scattered],
      rarity: rarity({}),
    });
    expect(r.coverage).toBeCloseTo(1, 6);
    expect(r.focus).toBeLessThan(r.coverage);
    const together = passage("c2", "Role | May approve up to\nSupport Team Lead | $1,000 goodwill credit or refund");
    const r2 = checkAnswerability({
      query: "How much goodwill credit can support leads approve as a refund?",
      results: [together],
      rarity: rarity({}),
    });
    expect(r2.focus).toBeCloseTo(1, 6);
  });

  it("focus: a question asking for a figure needs a sentence or row that states one", () => {
    const words = passage(
      "c1",
      "Service credits for the Enterprise plan are set out in the SLA schedule. Ask Legal for a copy.",
    );
    const r = checkAnswerability({
      query: "What service credit does an Enterprise customer get at 99.7% uptime?",
      results: [words],
      rarity: rarity({}),
    });
    // Every word is held; the figure the question states (one more term) is not.
    expect(r.coverage).toBeCloseTo(0.5, 5);
    expect(r.focus).toBe(0);
  });

  it("abstains on nothing retrieved", () => {
    expect(checkAnswerability({ query: "anything at all", results: [], rarity: rarity({}) })).toMatchObject({
      coverage: 0,
      focus: 0,
      bestChunkId: null,
    });
  });
});

describe("answerability on words the caller's documents do not use", () => {
  const passage = (chunkId: string, text: string) => ({ chunkId, title: "Benefits", headings: [], text });
  const rarity = (df: Record<string, number | null>) => ({ chunkCount: 100, df: new Map(Object.entries(df)) });

  it("ignores general-English frame words the corpus lacks, but not content words it lacks", () => {
    const p = passage("c1", "Hearing aids are covered up to 400 EUR per year.");
    // "going" and "someone" frame the question; neither occurs in the documents.
    const framed = checkAnswerability({
      query: "someone is going to need hearing aids",
      results: [p],
      rarity: rarity({ someone: 0, going: 0, need: 3, hearing: 2, aids: 2 }),
    });
    expect(framed.terms.map((t) => t.term)).not.toContain("someone");
    expect(framed.coverage).toBeGreaterThan(0.9);
    // "dogs" names the subject, and no document names it: a near miss, not an answer.
    const dogs = checkAnswerability({
      query: "are dogs covered",
      results: [p],
      rarity: rarity({ dogs: 0, covered: 5 }),
    });
    expect(dogs.coverage).toBeLessThan(0.4);
  });

  it("gives an absent word part of its weight through a relative retrieval found", () => {
    const p = passage("c1", "You can add your partner to the plan at 36 GBP per month.");
    const q = { query: "can I add my wife to the plan", results: [p], rarity: rarity({ wife: 0, add: 10, plan: 20 }) };
    const without = checkAnswerability(q);
    const withAlternate = checkAnswerability({ ...q, expansions: [{ from: "wife", to: ["partner"] }] });
    expect(withAlternate.coverage).toBeGreaterThan(without.coverage);
    expect(withAlternate.coverage).toBeLessThan(1);
    expect(withAlternate.terms.find((t) => t.term === "wife")?.alternates).toEqual(["partner"]);
  });

  it("reads an absent word one slip from a passage word as that word, and a misspelt function word as nothing", () => {
    const results = [passage("c1", "We pay your normal basic pay for up to 10 working days of jury service.")];
    const r = checkAnswerability({
      query: "how meny days of jurry service does the company pay for?",
      results,
      rarity: rarity({ meny: 0, days: 20, jurry: 0, service: 30, company: 40, pay: 25 }),
    });
    expect(r.terms.map((t) => t.term)).not.toContain(questionTerms("meny")[0]!.term);
    const jury = r.terms.find((t) => t.correctedTo === "jury");
    expect(jury?.unknown).toBeUndefined();
    expect(jury?.chunkIds).toEqual(["c1"]);
    expect(r.unknown).toBe(0);
  });

  it("reads a misspelling the stemmer maps onto a real word's lexeme as the passage word it slips from", () => {
    // Postgres stems "bereavment" and "bereavement" alike, so the word has a df and retrieval
    // found the passage; our stems differ, so without the slip no passage would hold it.
    const results = [passage("c1", "Bereavement leave: up to 5 working days for a grandparent.")];
    const stats = rarity({ bereavment: 2, leave: 22 });
    const r = checkAnswerability({ query: "how much bereavment leave do i get?", results, rarity: stats });
    const term = r.terms.find((t) => t.correctedTo === "bereavement");
    expect(term?.chunkIds).toEqual(["c1"]);
    expect(term?.weight).toBeGreaterThan(r.terms.find((t) => t.term === questionTerms("leave")[0]!.term)!.weight);
    expect(r.coverage).toBeCloseTo(1, 6);
    // A real word is meant as written, whatever it is one slip from.
    const real = checkAnswerability({
      query: "how much bread leave?",
      results: [passage("c1", "Break leave is 2 days.")],
      rarity: rarity({ bread: 1, leave: 22 }),
    });
    expect(real.terms.some((t) => t.correctedTo)).toBe(false);
  });

  it("does not take another word for a slip when the first letter differs", () => {
    const r = checkAnswerability({
      query: "a recipe for sourdough bread",
      results: [passage("c1", "Read the agreement before you sign it.")],
      rarity: rarity({ recipe: 0, sourdough: 0, bread: 0 }),
    });
    expect(r.terms.every((t) => t.unknown)).toBe(true);
    expect(r.coverage).toBe(0);
  });
});
