import type { SearchResponse, SearchResult } from "@groundwork/retrieval";
import { questionTerms } from "./check-answerability";
import { answerTypeOf, statesTypeNear, type AnswerType } from "./text/answer-type";
import { passageUnits } from "./text/answer-units";
import { contentTerms, sameStem } from "./text/terms";

/**
 * What a passage that states the asked kind of value (a duration for "how long", an amount for
 * "how much", a date for "when") near the question's words earns on top of its fused score, as a
 * share of the best fused score. Retrieval ranks chunks by their words; the passage that answers
 * "how long do I have to appeal" holds "within 10 working days" beside "appeal", and often ranks
 * below passages that share more of the question's scattered words. Picked on the tuning halves
 * (pnpm eval:answers; 0.5–0.75 gave the same answers, 1 lost one; see the package README).
 */
export const TYPE_EVIDENCE = 0.5;

/**
 * Fused candidates the ordering reads (hydrated in retrieval's one round trip). 20 and 30 put the
 * same answer-bearing passages into the first six on the tuning halves, 15 lost one; each extra
 * row costs hydration time (its text and highlighted snippet).
 */
export const PASSAGE_POOL = 20;

/** A passage's units as text: a row is read with its header row ("Length of service | Days" above "5 years | 28"). */
const unitTexts = (r: Pick<SearchResult, "chunkId" | "text">): string[] =>
  passageUnits(r).map(({ header, lines }) => (header === null ? lines.join(" ") : `${header}\n${lines[0]}`));

/**
 * Whether one of the passage's units states a value of the asked type within a few words of a
 * question word (`statesTypeNear`'s window). Reads only the passage and the question.
 */
export function statesAskedValue({
  result,
  type,
  stems,
}: {
  result: Pick<SearchResult, "chunkId" | "text">;
  type: AnswerType;
  stems: string[];
}): boolean {
  if (type === "other" || stems.length === 0) return false;
  const near = (word: string) => {
    const [stem] = contentTerms(word);
    return !!stem && stems.some((q) => sameStem(q, stem));
  };
  return unitTexts(result).some((text) => statesTypeNear({ text, type, near }));
}

/**
 * The response with its results reordered by fused score plus the answer-type evidence, cut to
 * `keep`. Only the candidates retrieval returned (the caller's readable chunks) are read, so the
 * order reveals nothing about hidden documents. A response a reranker already ordered keeps its
 * order (a cross-encoder reads the passages better than this).
 */
export function rankPassages({
  search,
  query,
  keep,
  weight = TYPE_EVIDENCE,
}: {
  search: SearchResponse;
  query: string;
  keep: number;
  weight?: number;
}): SearchResponse {
  const { results } = search;
  const type = answerTypeOf(query);
  if (results.length <= 1 || type === "other" || weight <= 0 || results.some((r) => r.ranks.rerank !== null))
    return { ...search, results: results.slice(0, keep) };
  // The words the user typed and the ones the lexical leg searched for after correcting them.
  const stems = [...new Set(questionTerms(`${query} ${search.searchedQuery}`).map((t) => t.term))];
  const top = Math.max(results[0]!.score, 1e-9);
  const scored = results.map((r, i) => ({
    r,
    i,
    score: r.score / top + (statesAskedValue({ result: r, type, stems }) ? weight : 0),
  }));
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return { ...search, results: scored.slice(0, keep).map((s) => s.r) };
}
