import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { createChatModel, type ChatModel } from "@groundwork/models/chat";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";
import type { SearchFilters } from "@groundwork/retrieval";
import { checkQuestion, cleanQuestion } from "./check-question";
import type { PriorTurn } from "./condense-question";
import { appendMessage } from "./conversation-queries";
import { readAssistantEnv, type AssistantEnv } from "./env";
import type { AnswerEvent } from "./events";
import { generateAnswer } from "./generate-answer";
import { openConversation } from "./open-conversation";
import { prepareAnswer, prepareStatus, type PreparedAnswer } from "./prepare-answer";
import {
  answerTimings,
  recordAnswer,
  recordAnswerCancelled,
  recordAnswerError,
  type AnswerAudit,
} from "./record-answer";
import { citationsEvent, verifyCitations } from "./verify-citations";

export type AnswerQuestionInput = {
  db: Database;
  /** Resolved on the server from the session or CLI identity — never from a request body. */
  principal: Principal;
  question: string;
  conversationId?: string | null;
  /**
   * Earlier turns the caller supplies instead of a stored conversation (the OpenAI-compatible
   * and Azure protocols carry the history in the request); ignored when `conversationId` is set.
   */
  history?: PriorTurn[];
  filters?: SearchFilters;
  /** Defaults to the configured LLM (LLM_* env); null forces the extractive answerer. */
  chatModel?: ChatModel | null;
  /** Query embedder for retrieval; defaults to retrieval's own choice. */
  embedder?: Embedder;
  /** A real (non-hashing) embedding model used to score paraphrases during verification. */
  verifyEmbedder?: Embedder | null;
  reranker?: Reranker | null;
  env?: AssistantEnv;
  signal?: AbortSignal;
  requestId?: string | null;
  /** Fields added to every audit row of this answer: the API surfaces pass `{ tokenId }`. */
  auditDetail?: Record<string, unknown>;
  /**
   * Called with the numbered passages once retrieval has decided, before the first delta:
   * protocols whose first frame lists the sources (the Azure demo's data_points) read them here.
   */
  onPrepared?: (prepared: PreparedAnswer) => void;
};

/**
 * The whole pipeline for one question, as events: check → conversation → condense → retrieve
 * (the server-resolved principal's scope) → decide (answer or decline) → compose / generate →
 * verify citations → persist + audit. Deltas stream as soon as they are safe; the `citations`
 * event carries the verified final text. Stage-to-file table: this package's README.
 */
export async function* answerQuestion(input: AnswerQuestionInput): AsyncGenerator<AnswerEvent> {
  const started = performance.now();
  const { db, principal, signal, requestId = null } = input;
  const env = input.env ?? readAssistantEnv();
  const chatModel = input.chatModel === undefined ? createChatModel() : input.chatModel;
  const question = cleanQuestion({ question: input.question });
  const audit: AnswerAudit = {
    db,
    actor: { userId: principal.userId, username: principal.username },
    requestId,
    question,
    started,
    ...(input.auditDetail ? { detail: input.auditDetail } : {}),
  };
  let conversationId = input.conversationId ?? null;
  let audited = false;
  try {
    checkQuestion({ question });
    const opened = await openConversation({ db, userId: principal.userId, conversationId, question });
    conversationId = opened.conversationId;
    const userMessageId = await appendMessage({ db, conversationId, role: "user", content: question });

    const history = input.conversationId ? opened.history : (input.history ?? opened.history);
    const followUp = history.length > 0;
    yield prepareStatus({ followUp });
    const { filters, embedder, reranker } = input;
    const prepared = await prepareAnswer({
      db,
      principal,
      question,
      history,
      chatModel,
      env,
      filters,
      embedder,
      reranker,
      signal,
    });
    if (signal?.aborted) return;
    input.onPrepared?.(prepared);

    const genStart = performance.now();
    const gen = yield* generateAnswer({ question, prepared, chatModel, env, signal, started });
    if (!gen) return;
    const generateMs = performance.now() - genStart;

    const verifyStart = performance.now();
    if (gen.mode !== "abstain") yield { type: "status", stage: "verifying", message: "Checking every citation…" };
    const verified = await verifyCitations({ gen, prepared, env, verifyEmbedder: input.verifyEmbedder });
    const verifyMs = performance.now() - verifyStart;
    const final = citationsEvent({ gen, prepared, verified });
    yield final;

    const timings = answerTimings({ prepared, gen, generateMs, verifyMs, started });
    const messageId = await recordAnswer({
      audit,
      conversationId,
      prepared,
      gen,
      final,
      supports: verified.supports,
      timings,
      chatModel,
      env,
    });
    audited = true;
    yield { type: "done", conversationId, messageId, userMessageId, mode: gen.mode, timings };
  } catch (error) {
    if (signal?.aborted) return;
    const event = await recordAnswerError({ audit, conversationId, error });
    audited = true;
    yield event;
  } finally {
    if (!audited) await recordAnswerCancelled({ audit, conversationId });
  }
}

type EventOf<T extends AnswerEvent["type"]> = Extract<AnswerEvent, { type: T }>;

/** Runs the pipeline to the end and returns the final events — for the CLI, the evaluation and tests. */
export async function answerOnce(input: AnswerQuestionInput): Promise<{
  events: AnswerEvent[];
  final: EventOf<"citations"> | null;
  done: EventOf<"done"> | null;
  error: EventOf<"error"> | null;
}> {
  const events: AnswerEvent[] = [];
  for await (const e of answerQuestion(input)) events.push(e);
  return {
    events,
    final: events.find((e): e is EventOf<"citations"> => e.type === "citations") ?? null,
    done: events.find((e): e is EventOf<"done"> => e.type === "done") ?? null,
    error: events.find((e): e is EventOf<"error"> => e.type === "error") ?? null,
  };
}
