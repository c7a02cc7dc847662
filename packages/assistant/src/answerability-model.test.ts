import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SearchResponse, SearchResult } from "@groundwork/retrieval";
import {
  ANSWERABILITY_MODEL,
  answerabilityFeatures,
  answerProbability,
  FEATURE_NAMES,
  fitLogistic,
  type AnswerabilityFeatures,
} from "./answerability-model";
import { checkAnswerability } from "./check-answerability";
import { decideAnswer } from "./decide-answer";
import { readAssistantEnv } from "./env";

const here = path.dirname(fileURLToPath(import.meta.url));

describe("answerability model", () => {
  it("its constants are what refitting the stored tuning-half features gives", () => {
    const rows = JSON.parse(fs.readFileSync(path.join(here, "answerability-tune-features.json"), "utf8")) as Array<{
      label: number;
      features: AnswerabilityFeatures;
    }>;
    expect(rows.length).toBeGreaterThan(100);
    const m = fitLogistic({ rows: rows.map((r) => r.features), labels: rows.map((r) => r.label) });
    const close = (a: number[], b: number[]) => a.forEach((x, i) => expect(x).toBeCloseTo(b[i]!, 4));
    close(m.mean, ANSWERABILITY_MODEL.mean);
    close(m.sd, ANSWERABILITY_MODEL.sd);
    close(m.coefficients, ANSWERABILITY_MODEL.coefficients);
    expect(m.intercept).toBeCloseTo(ANSWERABILITY_MODEL.intercept, 4);
    expect(ANSWERABILITY_MODEL.coefficients).toHaveLength(FEATURE_NAMES.length);
  });

  it("fitting finds the direction that separates the labels, and more of a good signal raises the probability", () => {
    const base: AnswerabilityFeatures = { coverage: 0.5, focus: 0.5, unknown: 0, brokenGroup: 0, sameDocument: 0.4 };
    const rows: AnswerabilityFeatures[] = [];
    const labels: number[] = [];
    for (let i = 0; i < 40; i++) {
      const focus = (i % 20) / 20;
      rows.push({ ...base, focus, coverage: 0.5 + ((i * 7) % 10) / 40 });
      labels.push(focus + ((i * 3) % 5) / 20 > 0.6 ? 1 : 0);
    }
    const m = fitLogistic({ rows, labels });
    expect(m.coefficients[FEATURE_NAMES.indexOf("focus")]!).toBeGreaterThan(1);
    expect(answerProbability({ ...base, focus: 0.9 }, m)).toBeGreaterThan(
      answerProbability({ ...base, focus: 0.2 }, m),
    );
    // The fitted model: focus and concentration count for an answer, a phrase naming something absent against.
    expect(answerProbability({ ...base, sameDocument: 1 })).toBeGreaterThan(answerProbability(base));
    expect(answerProbability({ ...base, brokenGroup: 1 })).toBeLessThan(answerProbability(base));
  });
});

const result = (chunkId: string, documentId: string, text: string): SearchResult =>
  ({
    chunkId,
    documentId,
    title: documentId,
    headings: [],
    text,
    snippet: text,
    score: 1,
    ranks: { lexical: 1, vector: null, rerank: null },
    pageFrom: null,
    pageTo: null,
    charStart: 0,
    charEnd: text.length,
  }) as unknown as SearchResult;

const response = (query: string, results: SearchResult[], df: Record<string, number | null>): SearchResponse => ({
  results,
  timings: {},
  embeddingModel: null,
  facets: { sources: [], types: [] },
  queryTerms: [],
  chunkCount: 200,
  wordStats: new Map(Object.entries(df)),
  corrections: [],
  expansions: [],
  searchedQuery: query,
  warnings: [],
  vectorPath: null,
});

describe("decideAnswer with the answerability model", () => {
  // The same question and the same best passage (so the same coverage and focus); only where the
  // other retrieved passages come from differs.
  const query = "How long is the cooling-off period for a gym membership?";
  const df = { long: 10, cooling: 3, off: 20, period: 15, gym: 0, membership: 4 };
  const best = result("b1", "benefits", "The cooling-off period for a membership is 14 days.");
  const same = [2, 3, 4, 5].map((i) =>
    result(`b${i}`, "benefits", `Membership benefits section ${i}: the period of cover runs for a long time.`),
  );
  const scattered = [2, 3, 4, 5].map((i) =>
    result(`x${i}`, `doc-${i}`, `Section ${i}: the period of notice runs for a long time.`),
  );
  const inScope = response(query, [best, ...same], df);
  const outOfScope = response(query, [best, ...scattered], df);

  it("answers when retrieval lands on one document, declines when the question's words scatter", () => {
    const env = readAssistantEnv({ GROUNDWORK_ANSWERABILITY: "model" });
    const a = checkAnswerability({
      query,
      results: inScope.results,
      rarity: { chunkCount: 200, df: inScope.wordStats },
    });
    const b = checkAnswerability({
      query,
      results: outOfScope.results,
      rarity: { chunkCount: 200, df: outOfScope.wordStats },
    });
    expect(a.coverage).toBeCloseTo(b.coverage, 9);
    expect(a.focus).toBeCloseTo(b.focus, 9);
    expect(answerabilityFeatures({ results: inScope.results, answerability: a }).sameDocument).toBe(1);
    expect(answerabilityFeatures({ results: outOfScope.results, answerability: b }).sameDocument).toBe(0.2);
    expect(decideAnswer({ search: inScope, env }).answerable).toBe(true);
    expect(decideAnswer({ search: outOfScope, env }).answerable).toBe(false);
  });

  it("the coverage and focus rule cannot tell the two apart", () => {
    const env = readAssistantEnv({});
    expect(env.GROUNDWORK_ANSWERABILITY).toBe("rule");
    expect(decideAnswer({ search: inScope, env }).answerable).toBe(
      decideAnswer({ search: outOfScope, env }).answerable,
    );
  });
});
