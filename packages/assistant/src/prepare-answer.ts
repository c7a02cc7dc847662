import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import type { ChatModel, ChatTurn } from "@groundwork/models/chat";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";
import type { SearchFilters, SearchResponse } from "@groundwork/retrieval";
import { buildAnswerPrompt } from "./build-prompt";
import type { Answerability } from "./check-answerability";
import { condenseQuestion, type CondenseResult, type PriorTurn } from "./condense-question";
import { closestDocuments, decideAnswer } from "./decide-answer";
import type { AssistantEnv } from "./env";
import type { AnswerEvent } from "./events";
import { retrievePassages } from "./retrieve-passages";
import { roundMs as round } from "./round-ms";
import type { AnswerConfidence, ClosestDocument, NumberedSource } from "./types";

export { closestDocuments, decideAnswer } from "./decide-answer";

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
  timings: {
    condense_ms: number;
    retrieve_ms: number;
    answerability_ms: number;
    prompt_ms: number;
    before_first_token_ms: number;
  };
};

/** The status event while preparing: a follow-up is condensed first, a first question goes straight to retrieval. */
export function prepareStatus({ followUp }: { followUp: boolean }): Extract<AnswerEvent, { type: "status" }> {
  return {
    type: "status",
    stage: followUp ? "condensing" : "retrieving",
    message: followUp ? "Reading the conversation…" : "Searching your documents…",
  };
}

/**
 * Everything before the first token: condense → permission-filtered retrieval → decide
 * (answerability) → prompt. Split out so the benchmark measures exactly the overhead the user
 * waits through.
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
  const condensed = await condenseQuestion({
    question,
    history,
    chatModel: condenseModel === undefined ? chatModel : condenseModel,
    signal,
  });
  const t1 = performance.now();
  const search = await retrievePassages({ db, principal, query: condensed.query, env, filters, embedder, reranker });
  const t2 = performance.now();
  const { sources, answerability, answerable, confidence } = decideAnswer({ search, env });
  const t3 = performance.now();
  const prompt =
    answerable && chatModel
      ? buildAnswerPrompt({
          question: condensed.by === "rules" ? `${question} (context: ${condensed.query})` : condensed.query,
          sources,
        })
      : null;
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
