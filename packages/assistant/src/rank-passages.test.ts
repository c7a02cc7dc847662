import { describe, expect, it } from "vitest";
import type { SearchResponse, SearchResult } from "@groundwork/retrieval";
import { rankPassages, statesAskedValue, TYPE_EVIDENCE } from "./rank-passages";
import { questionTerms } from "./check-answerability";
import { searchResult } from "./testing/search-result";

const result = (chunkId: string, text: string, score: number, rerank: number | null = null): SearchResult =>
  searchResult({
    chunkId,
    text,
    score,
    title: "Performance Review Process",
    ranks: { lexical: 1, vector: null, rerank },
  });

const response = (results: SearchResult[], query: string): SearchResponse => ({
  results,
  timings: {},
  embeddingModel: null,
  facets: { sources: [], types: [] },
  queryTerms: [],
  chunkCount: 100,
  documentChunks: {},
  wordStats: new Map(),
  corrections: [],
  expansions: [],
  searchedQuery: query,
  warnings: [],
  vectorPath: null,
});

const question = "How long do I have to appeal my review rating?";
const topic = result(
  "topic",
  "The annual review rating is agreed with your manager. Ratings are recorded in Hearth.",
  1,
);
const records = result(
  "records",
  "Review records are kept for the duration of employment. Appeal forms are in Hearth.",
  0.9,
);
const answer = result(
  "answer",
  "Employees who disagree with their rating may appeal in writing within 10 working days of the review.",
  0.7,
);

describe("rankPassages", () => {
  it("lifts the passage stating the asked duration beside the question's words over passages that only name the topic", () => {
    const ranked = rankPassages({ search: response([topic, records, answer], question), query: question, keep: 10 });
    expect(ranked.results.map((r) => r.chunkId)).toEqual(["answer", "topic", "records"]);
  });

  it("cuts the pool to `keep` after ordering, so a candidate from beyond the page can enter it", () => {
    const filler = Array.from({ length: 12 }, (_, i) =>
      result(`f${i}`, "Ratings are recorded in Hearth.", 0.95 - i * 0.01),
    );
    const ranked = rankPassages({ search: response([topic, ...filler, answer], question), query: question, keep: 10 });
    expect(ranked.results).toHaveLength(10);
    expect(ranked.results[0]!.chunkId).toBe("answer");
  });

  it("a value far from every question word is not evidence: the fused order stands", () => {
    const far = result(
      "far",
      "Ratings are shared in October. Separately, the office kitchen is cleaned every 10 working days by contractors.",
      0.7,
    );
    const stems = questionTerms(question).map((t) => t.term);
    expect(statesAskedValue({ result: far, type: "duration", stems })).toBe(false);
    const ranked = rankPassages({ search: response([topic, records, far], question), query: question, keep: 10 });
    expect(ranked.results.map((r) => r.chunkId)).toEqual(["topic", "records", "far"]);
  });

  it("reads a table row with its header row", () => {
    const table = result(
      "table",
      "Continuous service | Full basic pay | Then half basic pay\nUnder 6 months | none | none\n2 to 5 years | 8 weeks | 8 weeks",
      0.5,
    );
    const stems = questionTerms("How long will I get full basic pay when off sick?").map((t) => t.term);
    expect(statesAskedValue({ result: table, type: "duration", stems })).toBe(true);
  });

  it("leaves the order alone when nothing specific is asked, when the weight is 0, or after a reranker", () => {
    const open = "Tell me about review ratings";
    expect(
      rankPassages({ search: response([topic, records, answer], open), query: open, keep: 10 }).results.map(
        (r) => r.chunkId,
      ),
    ).toEqual(["topic", "records", "answer"]);
    expect(
      rankPassages({
        search: response([topic, records, answer], question),
        query: question,
        keep: 2,
        weight: 0,
      }).results.map((r) => r.chunkId),
    ).toEqual(["topic", "records"]);
    const reranked = [topic, records, answer].map((r, i) => ({ ...r, ranks: { ...r.ranks, rerank: i + 1 } }));
    expect(
      rankPassages({ search: response(reranked, question), query: question, keep: 10 }).results.map((r) => r.chunkId),
    ).toEqual(["topic", "records", "answer"]);
  });

  it("the bonus is a share of the best fused score: a far stronger match keeps its place", () => {
    const strong = result("strong", "Appeal your review rating through your HR partner.", 10);
    const weak = { ...answer, score: 10 * (1 - TYPE_EVIDENCE) - 0.5 };
    const ranked = rankPassages({ search: response([strong, weak], question), query: question, keep: 10 });
    expect(ranked.results.map((r) => r.chunkId)).toEqual(["strong", "answer"]);
  });
});
