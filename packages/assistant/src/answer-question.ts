import type { Principal } from "@groundwork/access/principal";
import { recordAuditEvent } from "@groundwork/audit";
import { log } from "@groundwork/core/logger";
import type { Database } from "@groundwork/db/client";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { isConnectionError } from "@groundwork/core/pg-errors";
import { createChatModel, type ChatModel } from "@groundwork/models/chat";
import { createEmbedder, type Embedder } from "@groundwork/models/embeddings";
import { readModelsEnv } from "@groundwork/models/env";
import type { Reranker } from "@groundwork/models/rerank";
import type { SearchFilters } from "@groundwork/retrieval";
import { composeExtractive } from "./compose-extractive";
import { isModelAbstention } from "./build-prompt";
import type { PriorTurn } from "./condense-question";
import { appendMessage, createConversation, loadPriorTurns, titleFor } from "./conversation-queries";
import { readAssistantEnv, type AssistantEnv } from "./env";
import { prepareAnswer } from "./prepare-answer";
import { createAnswerSanitizer, type SanitizeReport } from "./sanitize-answer";
import type { AnswerConfidence, AnswerEvent, AnswerFlag, AnswerMode, AnswerTimings, AnswerTrace, Citation, ClosestDocument } from "./types";
import { verifyAnswer } from "./verify-answer";

export const MAX_QUESTION_CHARS = 4_000;

/**
 * Notices shown with an answer. None for a plain extractive answer: that no model is configured
 * is the admin's to fix, so the admin console says it once instead of every employee's answer.
 */
export const NOTICES = {
  fallback: "The language model did not answer, so these sentences are quoted directly from your documents instead.",
} as const;

export type AnswerQuestionInput = {
  db: Database;
  /** Resolved on the server from the session or CLI identity — never from a request body. */
  principal: Principal;
  question: string;
  conversationId?: string | null;
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
};

const round = (ms: number) => Math.round(ms * 100) / 100;

let cachedVerifier: { key: string; embedder: Embedder | null } | undefined;

/**
 * Verification scores paraphrases with a real embedding model when one is configured
 * (EMBEDDINGS_PROVIDER=openai); the hashing embedder matches words, which lexical support
 * already does, so it adds nothing there.
 */
function defaultVerifyEmbedder(): Embedder | null {
  const env = safeModelsEnv();
  const key = env ? `${env.EMBEDDINGS_PROVIDER}|${env.EMBEDDINGS_BASE_URL ?? ""}|${env.EMBEDDINGS_MODEL}` : "none";
  if (cachedVerifier?.key !== key) {
    cachedVerifier = { key, embedder: env?.EMBEDDINGS_PROVIDER === "openai" ? createEmbedder({ env, overrides: { maxRetries: 0 } }) : null };
  }
  return cachedVerifier.embedder;
}

export function abstentionText(closest: ClosestDocument[]): string {
  const lines = ["I couldn't find an answer to that in the documents you can access."];
  if (closest.length) {
    lines.push("", "The closest documents I found are:", ...closest.map((d) => `- ${d.title} (${d.path})`));
    const owned = closest.find((d) => d.owner);
    if (owned) lines.push("", `${owned.title} is owned by ${owned.owner}, who may be able to help.`);
  }
  return lines.join("\n");
}

type Generated = { text: string; mode: AnswerMode; notice: string | null; attempts: number; fallbackReason: string | null; firstTokenMs: number | null; ranges?: Map<number, { start: number; end: number }>; report: SanitizeReport };

/**
 * The whole pipeline for one question, as events: condense → permission-filtered retrieval →
 * answerability (abstain) → generate (LLM, or extractive offline) → verify → persist + audit.
 * Deltas stream as soon as they are safe; the `citations` event carries the verified final
 * text. The model gets one retry when it fails before its first token; any other failure
 * turns into the extractive answer with a notice.
 */
export async function* answerQuestion(input: AnswerQuestionInput): AsyncGenerator<AnswerEvent> {
  const started = performance.now();
  const { db, principal, signal, requestId = null } = input;
  const env = input.env ?? readAssistantEnv();
  const chatModel = input.chatModel === undefined ? createChatModel() : input.chatModel;
  const question = input.question.replaceAll("\u0000", "").trim();
  const actor = { userId: principal.userId, username: principal.username };
  let conversationId = input.conversationId ?? null;
  let audited = false;
  try {
    if (!question) throw new GroundworkError("bad_request", "Ask a question first.");
    if (question.length > MAX_QUESTION_CHARS) throw new GroundworkError("bad_request", `Questions are limited to ${MAX_QUESTION_CHARS} characters.`);

    let history: PriorTurn[] = [];
    if (conversationId) history = await loadPriorTurns({ db, userId: principal.userId, conversationId });
    else conversationId = await createConversation({ db, userId: principal.userId, title: titleFor(question) });
    const userMessageId = await appendMessage({ db, conversationId, role: "user", content: question });

    yield { type: "status", stage: history.length ? "condensing" : "retrieving", message: history.length ? "Reading the conversation…" : "Searching your documents…" };
    const prepared = await prepareAnswer({ db, principal, question, history, chatModel, env, filters: input.filters, embedder: input.embedder, reranker: input.reranker, signal });
    if (signal?.aborted) return;

    const genStart = performance.now();
    let gen: Generated;
    const emptyReport = (): SanitizeReport => ({ citations: [], images: 0, links: [] });
    if (!prepared.answerable) {
      gen = { text: abstentionText(prepared.closest), mode: "abstain", notice: null, attempts: 0, fallbackReason: null, firstTokenMs: null, report: emptyReport() };
      yield { type: "delta", text: gen.text };
    } else if (chatModel && prepared.prompt) {
      yield { type: "status", stage: "generating", message: "Writing an answer from the sources…" };
      let attempts = 0;
      let emitted = false;
      let failure: string | null = null;
      let text = "";
      let firstTokenMs: number | null = null;
      let sanitizer = createAnswerSanitizer({ maxCitation: prepared.sources.length, allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS });
      while (attempts < 2) {
        attempts += 1;
        failure = null;
        text = "";
        sanitizer = createAnswerSanitizer({ maxCitation: prepared.sources.length, allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS });
        try {
          for await (const piece of chatModel.stream({ messages: prepared.prompt, signal })) {
            firstTokenMs ??= round(performance.now() - started);
            const safe = sanitizer.push(piece);
            if (safe) {
              text += safe;
              emitted = true;
              yield { type: "delta", text: safe };
            }
          }
          const rest = sanitizer.flush();
          if (rest) {
            text += rest;
            emitted = true;
            yield { type: "delta", text: rest };
          }
          break;
        } catch (error) {
          if (signal?.aborted) return;
          failure = (error as Error).message;
          // Once the user has seen text, a silent retry would splice two answers together.
          if (emitted) break;
        }
      }
      if (failure !== null || !text.trim()) {
        const ex = composeExtractive({ question, prepared, allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS });
        yield { type: "status", stage: "fallback", message: NOTICES.fallback, reset: emitted };
        if (ex.text) {
          yield { type: "delta", text: ex.text };
          gen = { text: ex.text, mode: "fallback", notice: NOTICES.fallback, attempts, fallbackReason: failure ?? "empty reply", firstTokenMs, ranges: ex.ranges, report: ex.report };
        } else {
          gen = { text: abstentionText(prepared.closest), mode: "abstain", notice: NOTICES.fallback, attempts, fallbackReason: failure ?? "empty reply", firstTokenMs, report: ex.report };
          yield { type: "delta", text: gen.text };
        }
      } else {
        const trimmed = text.trim();
        const abstained = isModelAbstention(trimmed) && !/\[\d+\]/.test(trimmed);
        gen = abstained
          ? { text: abstentionText(prepared.closest), mode: "abstain", notice: null, attempts, fallbackReason: null, firstTokenMs, report: sanitizer.report }
          : { text: trimmed, mode: "llm", notice: null, attempts, fallbackReason: null, firstTokenMs, report: sanitizer.report };
        if (abstained) yield { type: "status", stage: "verifying", message: "The sources don't answer this.", reset: true };
        if (abstained) yield { type: "delta", text: gen.text };
      }
    } else {
      const ex = composeExtractive({ question, prepared, allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS });
      if (ex.text) {
        gen = { text: ex.text, mode: "extractive", notice: null, attempts: 0, fallbackReason: null, firstTokenMs: round(performance.now() - started), ranges: ex.ranges, report: ex.report };
      } else {
        gen = { text: abstentionText(prepared.closest), mode: "abstain", notice: null, attempts: 0, fallbackReason: null, firstTokenMs: null, report: ex.report };
      }
      yield { type: "delta", text: gen.text };
    }
    const generateMs = performance.now() - genStart;

    let citations: Citation[] = [];
    let flags: AnswerFlag[] = [];
    let supports: AnswerTrace["supports"] = [];
    const verifyStart = performance.now();
    if (gen.mode !== "abstain") {
      yield { type: "status", stage: "verifying", message: "Checking every citation…" };
      const v = await verifyAnswer({ text: gen.text, sources: prepared.sources, embedder: input.verifyEmbedder === undefined ? defaultVerifyEmbedder() : input.verifyEmbedder, threshold: env.GROUNDWORK_SUPPORT_THRESHOLD, ranges: gen.ranges });
      citations = v.citations;
      flags = v.flags;
      supports = v.supports;
    }
    const verifyMs = performance.now() - verifyStart;
    const closest = gen.mode === "abstain" ? prepared.closest : [];
    const confidence: AnswerConfidence = gen.mode === "extractive" || gen.mode === "fallback" ? prepared.confidence : "answer";
    const corrections = prepared.search.corrections;
    yield { type: "citations", mode: gen.mode, content: gen.text, citations, flags, notice: gen.notice, closest, confidence, corrections };

    const timings: AnswerTimings = {
      ...prepared.timings,
      first_token_ms: gen.firstTokenMs,
      generate_ms: round(generateMs),
      verify_ms: round(verifyMs),
      total_ms: round(performance.now() - started),
    };
    const modelsEnv = safeModelsEnv();
    const trace: AnswerTrace = {
      question,
      standaloneQuery: prepared.condensed.query,
      condensedBy: prepared.condensed.by,
      chunks: prepared.search.results.map((r, i) => ({ n: i + 1, chunkId: r.chunkId, documentId: r.documentId, score: r.score, ranks: r.ranks })),
      answerability: { coverage: round(prepared.answerability.coverage * 100) / 100, focus: round(prepared.answerability.focus * 100) / 100, threshold: env.GROUNDWORK_ABSTAIN_THRESHOLD, focusThreshold: env.GROUNDWORK_FOCUS_THRESHOLD, answerable: prepared.answerable, bestChunkId: prepared.answerability.bestChunkId },
      retrievalTimings: prepared.search.timings,
      timings,
      models: {
        chat: chatModel && (gen.attempts > 0 || prepared.condensed.by === "llm") ? chatModel.modelId : null,
        embedding: prepared.search.embeddingModel,
        reranker: modelsEnv?.RERANK_URL ? modelsEnv.RERANK_MODEL : null,
      },
      attempts: gen.attempts,
      fallbackReason: gen.fallbackReason,
      removed: gen.report,
      supports,
      notice: gen.notice,
      closest,
      confidence,
      corrections,
      warnings: [...prepared.search.warnings, ...(prepared.condensed.warning ? [prepared.condensed.warning] : [])],
    };
    const messageId = await appendMessage({ db, conversationId, role: "assistant", content: gen.text, mode: gen.mode, citations, flags, trace });
    await recordAuditEvent({
      db,
      actor,
      action: "chat",
      target: conversationId,
      outcome: gen.mode === "abstain" ? "abstained" : "ok",
      latencyMs: timings.total_ms,
      requestId,
      detail: {
        question,
        standaloneQuery: prepared.condensed.query,
        mode: gen.mode,
        messageId,
        retrievedChunkIds: prepared.search.results.map((r) => r.chunkId),
        citedChunkIds: citations.map((c) => c.chunkId),
        flagged: flags.length,
        models: trace.models,
        fallbackReason: gen.fallbackReason,
      },
    });
    audited = true;
    yield { type: "done", conversationId, messageId, userMessageId, mode: gen.mode, timings };
  } catch (error) {
    if (signal?.aborted) return;
    const e = isGroundworkError(error)
      ? error
      : isConnectionError(error)
        ? new GroundworkError("db_unavailable", "The database is unavailable right now. Please try again shortly.", { cause: error })
        : null;
    // Through the shared logger: it cuts the bound query parameters (the question) out of drizzle errors.
    if (!e) log.error("answer failed", { requestId, error: String((error as Error)?.stack ?? error) });
    await recordAuditEvent({ db, actor, action: "chat", target: conversationId, outcome: "error", latencyMs: round(performance.now() - started), requestId, detail: { question, code: e?.code ?? "internal" } });
    audited = true;
    yield { type: "error", code: e?.code ?? "internal", message: e?.message ?? "Something went wrong while answering. The error was logged." };
  } finally {
    // A client that disconnects (abort, or the stream cancelled) still asked the question.
    if (!audited) {
      await recordAuditEvent({ db, actor, action: "chat", target: conversationId, outcome: "cancelled", latencyMs: round(performance.now() - started), requestId, detail: { question, code: "cancelled" } });
    }
  }
}

function safeModelsEnv() {
  try {
    return readModelsEnv();
  } catch {
    return null;
  }
}

/** Runs the pipeline to the end and returns the final events — for the CLI, the evaluation and tests. */
export async function answerOnce(input: AnswerQuestionInput): Promise<{ events: AnswerEvent[]; final: Extract<AnswerEvent, { type: "citations" }> | null; done: Extract<AnswerEvent, { type: "done" }> | null; error: Extract<AnswerEvent, { type: "error" }> | null }> {
  const events: AnswerEvent[] = [];
  for await (const e of answerQuestion(input)) events.push(e);
  return {
    events,
    final: (events.find((e) => e.type === "citations") as Extract<AnswerEvent, { type: "citations" }> | undefined) ?? null,
    done: (events.find((e) => e.type === "done") as Extract<AnswerEvent, { type: "done" }> | undefined) ?? null,
    error: (events.find((e) => e.type === "error") as Extract<AnswerEvent, { type: "error" }> | undefined) ?? null,
  };
}
