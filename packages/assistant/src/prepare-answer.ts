import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import type { ChatModel, ChatTurn } from "@groundwork/models/chat";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";
import { searchChunks, type SearchFilters, type SearchResponse } from "@groundwork/retrieval";
import { buildAnswerPrompt } from "./build-prompt";
import { checkAnswerability, questionTerms, type Answerability } from "./check-answerability";
import { condenseQuestion, type CondenseResult, type PriorTurn } from "./condense-question";
import type { AssistantEnv } from "./env";
import type { AnswerConfidence, ClosestDocument, NumberedSource } from "./types";
import { viewerHref } from "./verify-answer";

export type PreparedAnswer = {
  condensed: CondenseResult;
  search: SearchResponse;
  /** Numbered passages the answer may cite ([1] … [k]). */
  sources: NumberedSource[];
  answerability: Answerability;
  answerable: boolean;
  /** How an offline answer presents itself: an answer, or the closest passage (see check-answerability). */
  confidence: AnswerConfidence;
  closest: ClosestDocument[];
  /** The chat prompt, built only when a model will be asked. */
  prompt: ChatTurn[] | null;
  timings: { condense_ms: number; retrieve_ms: number; answerability_ms: number; prompt_ms: number; before_first_token_ms: number };
};

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Up to three distinct documents from the user's own results, best first — safe to show on abstention. */
export function closestDocuments({ search, answerability }: { search: SearchResponse; answerability: Answerability }): ClosestDocument[] {
  const seen = new Set<string>();
  const out: ClosestDocument[] = [];
  for (const r of search.results) {
    if (seen.has(r.documentId)) continue;
    // A passage sharing no word with the question is noise, not "closest".
    if ((answerability.byChunk.get(r.chunkId) ?? 0) <= 0) continue;
    seen.add(r.documentId);
    out.push({ documentId: r.documentId, title: r.title, path: r.path, owner: r.owner, score: r.score, href: viewerHref({ documentId: r.documentId, chunkId: r.chunkId, charStart: r.charStart, charEnd: r.charEnd }) });
    if (out.length === 3) break;
  }
  return out;
}

/**
 * From the caller's own search results to what the answer stands on: the numbered passages,
 * whether they answer the question (else the assistant declines) and, for an offline answer,
 * whether it presents an answer or the closest passage. A pure function of the search response
 * (whose statistics count only what the caller may read), so the evaluation can replay it.
 */
export function decideAnswer({ search, env }: { search: SearchResponse; env: AssistantEnv }): Pick<PreparedAnswer, "sources" | "answerability" | "answerable" | "confidence"> {
  const query = search.searchedQuery;
  const rarity = { chunkCount: search.chunkCount, df: search.wordStats };
  const numbered = search.results.slice(0, env.GROUNDWORK_ANSWER_SOURCES).map((r, i) => ({ ...r, n: i + 1 }));
  const answerability = checkAnswerability({ query, results: search.results, rarity, expansions: search.expansions });
  const { coverage, focus } = answerability;
  const sure = coverage >= env.GROUNDWORK_ABSTAIN_THRESHOLD && focus >= env.GROUNDWORK_FOCUS_THRESHOLD;
  const near = coverage >= env.GROUNDWORK_CLOSEST_THRESHOLD && focus >= env.GROUNDWORK_CLOSEST_FOCUS_THRESHOLD;
  const answerable = numbered.length > 0 && (sure || near);
  // Passages that share nothing with the question only distract the model and the extractor.
  const sources = numbered.filter((s, i) => i === 0 || (answerability.byChunk.get(s.chunkId) ?? 0) > 0).map((s, i) => ({ ...s, n: i + 1 }));
  return { sources, answerability, answerable, confidence: sure ? "answer" : "closest" };
}

/**
 * Everything before the first token: condense → permission-filtered retrieval → answerability →
 * prompt. Split out so the benchmark measures exactly the overhead the user waits through.
 */
export async function prepareAnswer({
  db,
  principal,
  question,
  history,
  chatModel,
  condenseModel,
  env,
  filters,
  embedder,
  reranker,
  signal,
}: {
  db: Database;
  principal: Principal;
  question: string;
  history: PriorTurn[];
  chatModel: ChatModel | null;
  /** Model used to condense follow-ups; defaults to `chatModel` (null: the deterministic rewrite). */
  condenseModel?: ChatModel | null;
  env: AssistantEnv;
  filters?: SearchFilters;
  embedder?: Embedder;
  reranker?: Reranker | null;
  signal?: AbortSignal;
}): Promise<PreparedAnswer> {
  const t0 = performance.now();
  const condensed = await condenseQuestion({ question, history, chatModel: condenseModel === undefined ? chatModel : condenseModel, signal });
  const t1 = performance.now();
  // More candidates than we number: the extra ones only feed the "closest documents" list.
  // The question words' rarity rides along in retrieval's first round trip, counted over the
  // chunks this caller may read: a word that occurs only in documents they cannot see weighs
  // exactly like one that occurs nowhere, so answer-or-decline cannot reveal it.
  const search = await searchChunks({
    db,
    principal,
    query: condensed.query,
    limit: Math.max(env.GROUNDWORK_ANSWER_SOURCES, 10),
    filters,
    embedder,
    reranker,
    options: { termStats: true, wordStats: questionTerms(condensed.query).flatMap((q) => q.words) },
  });
  const t2 = performance.now();
  const { sources, answerability, answerable, confidence } = decideAnswer({ search, env });
  const t3 = performance.now();
  const prompt = answerable && chatModel ? buildAnswerPrompt({ question: condensed.by === "rules" ? `${question} (context: ${condensed.query})` : condensed.query, sources }) : null;
  const t4 = performance.now();
  return {
    condensed,
    search,
    sources,
    answerability,
    answerable,
    confidence,
    closest: closestDocuments({ search, answerability }),
    prompt,
    timings: {
      condense_ms: round(t1 - t0),
      retrieve_ms: round(t2 - t1),
      answerability_ms: round(t3 - t2),
      prompt_ms: round(t4 - t3),
      before_first_token_ms: round(t4 - t0),
    },
  };
}
