import { describe, expect, it } from "vitest";
import { answerExtractively } from "./answer-extractively";
import type { NumberedSource } from "./types";

const src = (n: number, text: string): NumberedSource => ({
  n,
  chunkId: `c${n}`,
  documentId: `d${n}`,
  sourceId: "s",
  sourceName: "s",
  title: `Doc ${n}`,
  path: `doc-${n}.md`,
  mime: "text/markdown",
  version: 1,
  effectiveDate: null,
  owner: null,
  headings: [],
  pageFrom: null,
  pageTo: null,
  charStart: 0,
  charEnd: text.length,
  text,
  snippet: "",
  score: 1,
  ranks: { lexical: 1, vector: null, rerank: null },
});

describe("answerExtractively", () => {
  const sources = [
    src(1, "# Travel\n\nTravel must be booked through Wayfare. The nightly hotel limit is $250 in major cities and $180 elsewhere. Hotels are booked by the traveller."),
    src(2, "Meals on trips are covered by a per diem. The domestic per diem is $75 per day."),
  ];

  it("copies whole sentences verbatim, cites each, and prefers the one stating the figure asked for", () => {
    const a = answerExtractively({ question: "What is the nightly hotel limit?", sources });
    expect(a.sentences[0]!.text).toBe("The nightly hotel limit is $250 in major cities and $180 elsewhere.");
    for (const s of a.sentences) expect(sources[s.n - 1]!.text.slice(s.start, s.end)).toBe(s.text);
    expect(a.text).toMatch(/^The nightly hotel limit is \$250 in major cities and \$180 elsewhere\. \[1\]/);
  });

  it("adds a second sentence only when it covers something new, and orders by source", () => {
    const a = answerExtractively({ question: "What are the hotel limit and the domestic per diem?", sources });
    expect(a.sentences.map((s) => s.n)).toEqual([1, 2]);
    expect(a.text).toContain("$75 per day. [2]");
  });

  it("returns nothing rather than inventing when no sentence shares a word with the question", () => {
    expect(answerExtractively({ question: "Jupiter moons?", sources })).toEqual({ text: "", sentences: [] });
  });
});
