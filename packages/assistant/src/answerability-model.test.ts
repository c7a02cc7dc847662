import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SearchResponse, SearchResult } from "@groundwork/retrieval";
import {
  ANSWERABILITY_MODEL,
  answerabilityFeatures,
  answerProbability,
  binomialTail,
  concentrationFeatures,
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
    const base: AnswerabilityFeatures = {
      coverage: 0.5,
      focus: 0.5,
      unknown: 0,
      brokenGroup: 0,
      sameDocument: 0.4,
      sameDocumentExcess: 0.2,
      sameDocumentSurprise: 0.5,
    };
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
    expect(answerProbability({ ...base, sameDocumentExcess: 0.8 })).toBeGreaterThan(answerProbability(base));
    expect(answerProbability({ ...base, brokenGroup: 1 })).toBeLessThan(answerProbability(base));
  });
});

describe("chance-corrected concentration", () => {
  const top = (docs: string[]) => docs.map((documentId) => ({ documentId }));
  it("binomialTail is the upper tail of Bin(n, p)", () => {
    expect(binomialTail(4, 0.3, 0)).toBe(1);
    expect(binomialTail(4, 0.3, 5)).toBe(0);
    expect(binomialTail(4, 0.3, 4)).toBeCloseTo(0.3 ** 4, 12);
    expect(binomialTail(4, 0.3, 2)).toBeCloseTo(1 - 0.7 ** 4 - 4 * 0.3 * 0.7 ** 3, 12);
    expect(binomialTail(4, 0, 1)).toBe(0);
  });

  it("a long document filling the top five by chance counts for less than a short one doing so", () => {
    const results = top(["a", "a", "a", "b", "c"]);
    // Same observed share (3/5); "a" holds half the readable chunks in one corpus, 2% in the other.
    const long = concentrationFeatures({ results, documentChunks: { a: 100, b: 50, c: 50 }, chunkCount: 200 });
    const short = concentrationFeatures({ results, documentChunks: { a: 4, b: 50, c: 50 }, chunkCount: 200 });
    expect(long.sameDocument).toBe(short.sameDocument);
    expect(long.sameDocumentExcess).toBeCloseTo(0.6 - 0.5, 12);
    expect(short.sameDocumentExcess).toBeCloseTo(0.6 - 0.02, 12);
    // P(at least 2 of the other 4 from "a"): 11/16 for the long document.
    expect(long.sameDocumentSurprise).toBeCloseTo(-Math.log10(11 / 16), 12);
    expect(short.sameDocumentSurprise).toBeGreaterThan(2);
    // The top result alone from its document is no surprise, however small the document.
    const alone = concentrationFeatures({
      results: top(["a", "b", "c", "d", "e"]),
      documentChunks: { a: 1 },
      chunkCount: 200,
    });
    expect(alone.sameDocumentSurprise).toBe(0);
  });

  it("without the counts (no term statistics) falls back to the raw share, and caps the surprise", () => {
    const results = top(["a", "a", "a", "a", "a"]);
    expect(concentrationFeatures({ results })).toEqual({
      sameDocument: 1,
      sameDocumentExcess: 1,
      sameDocumentSurprise: 6,
    });
    expect(concentrationFeatures({ results: [] }).sameDocument).toBe(0);
    // chunkCount bounds the readable chunks from above; a count over it is a share of 1, no surprise.
    expect(concentrationFeatures({ results, documentChunks: { a: 300 }, chunkCount: 200 }).sameDocumentSurprise).toBe(
      0,
    );
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
  documentChunks: Object.fromEntries(results.map((r) => [r.documentId, 10])),
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

  it("with GROUNDWORK_CLOSEST_SURPRISE the rule shows a weak match as closest only when its document's passages concentrate beyond chance", () => {
    // Answer thresholds out of reach and closest ones at 0: only the concentration condition decides.
    const knobs = {
      GROUNDWORK_ABSTAIN_THRESHOLD: "1",
      GROUNDWORK_FOCUS_THRESHOLD: "1",
      GROUNDWORK_CLOSEST_THRESHOLD: "0",
      GROUNDWORK_CLOSEST_FOCUS_THRESHOLD: "0",
    };
    // Every question word in the documents (no phrase naming something absent).
    const known = { ...df, gym: 2 };
    const inScope = response(query, [best, ...same], known);
    const outOfScope = response(query, [best, ...scattered], known);
    const off = readAssistantEnv({ ...knobs, GROUNDWORK_CLOSEST_SURPRISE: "0" });
    const on = readAssistantEnv({ ...knobs, GROUNDWORK_CLOSEST_SURPRISE: "0.1" });
    expect(decideAnswer({ search: outOfScope, env: off })).toMatchObject({ answerable: true, confidence: "closest" });
    expect(decideAnswer({ search: inScope, env: on })).toMatchObject({ answerable: true, confidence: "closest" });
    expect(decideAnswer({ search: outOfScope, env: on }).answerable).toBe(false);
    // The same five passages from one document that holds every readable chunk: no concentration beyond chance.
    const whole = { ...inScope, documentChunks: { benefits: 200 } };
    expect(decideAnswer({ search: whole, env: on }).answerable).toBe(false);
  });

  it("with the model off, the concentration features are computed only for a match the surprise condition decides", () => {
    // Counts reads of the per-document chunk counts, which only the concentration features use.
    const counted = (search: SearchResponse) => {
      let reads = 0;
      const wrapped = { ...search };
      Object.defineProperty(wrapped, "documentChunks", {
        get: () => {
          reads++;
          return search.documentChunks;
        },
      });
      return { search: wrapped, reads: () => reads };
    };
    const known = { ...df, gym: 2 };
    const strong = counted(response(query, [best, ...same], known));
    expect(decideAnswer({ search: strong.search, env: readAssistantEnv({}) }).confidence).toBe("answer");
    expect(strong.reads()).toBe(0);
    const weak = counted(response(query, [best, ...same], known));
    const knobs = { GROUNDWORK_ABSTAIN_THRESHOLD: "1", GROUNDWORK_CLOSEST_THRESHOLD: "0" };
    decideAnswer({ search: weak.search, env: readAssistantEnv(knobs) });
    expect(weak.reads()).toBeGreaterThan(0);
    const off = counted(response(query, [best, ...same], known));
    decideAnswer({ search: off.search, env: readAssistantEnv({ ...knobs, GROUNDWORK_CLOSEST_SURPRISE: "0" }) });
    expect(off.reads()).toBe(0);
  });

  it("the coverage and focus rule cannot tell the two apart", () => {
    const env = readAssistantEnv({});
    expect(env.GROUNDWORK_ANSWERABILITY).toBe("rule");
    expect(decideAnswer({ search: inScope, env }).answerable).toBe(
      decideAnswer({ search: outOfScope, env }).answerable,
    );
  });
});
