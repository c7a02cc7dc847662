import { describe, expect, it } from "vitest";
import type { Embedder } from "@groundwork/models/embeddings";
import type { NumberedSource } from "./types";
import { viewerHref } from "@groundwork/core/viewer-href";
import { numberedSource } from "./testing/search-result";
import { verifyAnswer } from "./verify-answer";

function source(n: number, text: string, over: Partial<NumberedSource> = {}): NumberedSource {
  return numberedSource({
    n,
    text,
    sourceName: "handbook",
    path: `policies/doc-${n}.md`,
    version: 2,
    pageFrom: 3,
    pageTo: 3,
    charStart: 100,
    charEnd: 100 + text.length,
    ranks: { lexical: 1, vector: 1, rerank: null },
    ...over,
  });
}

const sources = [
  source(1, "Employees accrue 25 days of paid annual leave per calendar year. Unused leave carries over up to 5 days."),
  source(2, "Meal expenses are reimbursed up to 40 EUR per day with an itemised receipt."),
];

describe("verifyAnswer", () => {
  it("resolves each citation to document, version, page, char range and a viewer deep link", async () => {
    const v = await verifyAnswer({ text: "You get 25 days of paid annual leave per year [1].", sources });
    const first = "Employees accrue 25 days of paid annual leave per calendar year.";
    expect(v.flags).toEqual([]);
    expect(v.citations).toHaveLength(1);
    expect(v.citations[0]).toMatchObject({
      n: 1,
      documentId: "d1",
      chunkId: "c1",
      version: 2,
      pageFrom: 3,
      charStart: 100,
      path: "policies/doc-1.md",
    });
    expect(v.citations[0]!.charEnd).toBe(100 + first.length);
    // A written answer's citation is narrowed to the passage sentence it rests on, not the whole chunk.
    expect(v.citations[0]!.href).toBe("/documents/d1?chunk=c1&start=100&end=" + (100 + first.length));
    expect(viewerHref({ documentId: "a b", chunkId: "c", charStart: 1, charEnd: 2 })).toBe(
      "/documents/a%20b?chunk=c&start=1&end=2",
    );
  });

  it("narrows the range to the quoted sentence when the chunk maps 1:1 onto the document", async () => {
    const v = await verifyAnswer({
      text: "Unused leave carries over up to 5 days. [1]",
      sources,
      ranges: new Map([[1, { start: 65, end: 104 }]]),
    });
    expect(v.citations[0]).toMatchObject({ charStart: 165, charEnd: 204 });
  });

  it("flags a cited sentence its source does not support, and one whose number is wrong", async () => {
    const v = await verifyAnswer({
      text: "Employees accrue 25 days of leave [1]. The company pays for gym memberships and parking [2]. Meals are reimbursed up to 60 EUR per day [2].",
      sources,
    });
    expect(v.flags.map((f) => [f.index, f.reason])).toEqual([
      [1, "unsupported"],
      [2, "number_mismatch"],
    ]);
    expect(v.supports[0]!.support).toBeGreaterThanOrEqual(0.5);
    expect(v.flags[0]!.support).toBeLessThan(0.5);
  });

  it("flags factual sentences without any citation but not short connectives", async () => {
    const v = await verifyAnswer({
      text: "Here is what I found. Employees accrue 25 days of paid leave per year, and bonuses are paid in March.",
      sources,
    });
    expect(v.flags.map((f) => f.reason)).toEqual(["uncited"]);
    expect(v.citations).toEqual([]);
  });

  it("ignores citations to sources that were not provided when resolving", async () => {
    const v = await verifyAnswer({ text: "Leave is 25 days [1][5].", sources });
    expect(v.citations.map((c) => c.n)).toEqual([1]);
  });

  it("uses embedding similarity when a model is available, so a faithful paraphrase is not flagged", async () => {
    const paraphrase = "Staff get twenty-five holiday days a year [1].";
    const lexicalOnly = await verifyAnswer({ text: paraphrase, sources });
    expect(lexicalOnly.flags).toHaveLength(1);
    // A stand-in semantic model: sentence and source 1 map to the same direction.
    const embedder: Embedder = {
      modelId: "test-semantic",
      dimensions: 2,
      embedQuery: async () => [1, 0],
      embedDocuments: async (texts) => texts.map((t) => (/leave|holiday/i.test(t) ? [1, 0] : [0, 1])),
    };
    const withEmbeddings = await verifyAnswer({ text: paraphrase, sources, embedder });
    expect(withEmbeddings.flags).toEqual([]);
  });

  it("does not ask a quoted table's header row for a citation, but checks its rows", async () => {
    const table = source(3, "Tier | Credit\nPremium | 30%\nStandard | 10%");
    const ok = await verifyAnswer({
      text: "| Tier | Credit |\n| --- | --- |\n| Premium | 30% [3] |",
      sources: [table],
    });
    expect(ok.flags).toEqual([]);
    expect(ok.citations.map((c) => c.n)).toEqual([3]);
    const wrong = await verifyAnswer({
      text: "| Tier | Credit |\n| --- | --- |\n| Premium | 45% [3] |",
      sources: [table],
    });
    expect(wrong.flags.map((f) => f.reason)).toEqual(["number_mismatch"]);
    // The same line outside a table is a claim like any other.
    const bare = await verifyAnswer({ text: "| Premium tier credit amount |", sources: [table] });
    expect(bare.flags.map((f) => f.reason)).toEqual(["uncited"]);
  });
});
