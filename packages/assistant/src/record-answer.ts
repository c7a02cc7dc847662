import { recordAuditEvent } from "@groundwork/audit";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { log } from "@groundwork/core/logger";
import { isConnectionError } from "@groundwork/core/pg-errors";
import type { Database } from "@groundwork/db/client";
import type { ChatModel } from "@groundwork/models/chat";
import { appendMessage } from "./conversation-queries";
import type { AssistantEnv } from "./env";
import type { AnswerEvent, AnswerTimings } from "./events";
import type { Generated } from "./generate-answer";
import { safeModelsEnv } from "./models-env";
import type { PreparedAnswer } from "./prepare-answer";
import { roundMs } from "./round-ms";
import type { AnswerTrace } from "./types";
import type { CitationsEvent } from "./verify-citations";
import type { Verification } from "./verify-answer";

/** Who asked, for the audit row; every outcome of a question writes one `chat` event. */
export type AnswerAudit = {
  db: Database;
  actor: { userId: string; username: string };
  requestId: string | null;
  question: string;
  started: number;
  /** Fields every audit row of this answer carries (the API token a request came with). */
  detail?: Record<string, unknown>;
};

/** The answer's stage timings, rounded, with the total up to now (the `done` event and the trace carry them). */
export function answerTimings({
  prepared,
  gen,
  generateMs,
  verifyMs,
  started,
}: {
  prepared: PreparedAnswer;
  gen: Generated;
  generateMs: number;
  verifyMs: number;
  started: number;
}): AnswerTimings {
  return {
    ...prepared.timings,
    first_token_ms: gen.firstTokenMs,
    generate_ms: roundMs(generateMs),
    verify_ms: roundMs(verifyMs),
    total_ms: roundMs(performance.now() - started),
  };
}

/**
 * Persist + audit: the assistant message with its citations, flags and retrieval trace (chunk
 * ids, scores, ranks, stage timings, model ids, removed citations/links), then the audit event.
 */
export async function recordAnswer({
  audit,
  conversationId,
  prepared,
  gen,
  final,
  supports,
  timings,
  chatModel,
  env,
}: {
  audit: AnswerAudit;
  conversationId: string;
  prepared: PreparedAnswer;
  gen: Generated;
  final: CitationsEvent;
  supports: Verification["supports"];
  timings: AnswerTimings;
  chatModel: ChatModel | null;
  env: AssistantEnv;
}): Promise<string> {
  const { db, actor, requestId, question, detail: extra } = audit;
  const { citations, flags, closest, confidence, corrections } = final;
  const modelsEnv = safeModelsEnv();
  const trace: AnswerTrace = {
    question,
    standaloneQuery: prepared.condensed.query,
    condensedBy: prepared.condensed.by,
    chunks: prepared.search.results.map((r, i) => ({
      n: i + 1,
      chunkId: r.chunkId,
      documentId: r.documentId,
      score: r.score,
      ranks: r.ranks,
    })),
    answerability: {
      coverage: roundMs(prepared.answerability.coverage * 100) / 100,
      focus: roundMs(prepared.answerability.focus * 100) / 100,
      threshold: env.GROUNDWORK_ABSTAIN_THRESHOLD,
      focusThreshold: env.GROUNDWORK_FOCUS_THRESHOLD,
      answerable: prepared.answerable,
      bestChunkId: prepared.answerability.bestChunkId,
    },
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
  const messageId = await appendMessage({
    db,
    conversationId,
    role: "assistant",
    content: gen.text,
    mode: gen.mode,
    citations,
    flags,
    trace,
  });
  await recordAuditEvent({
    db,
    actor,
    action: "chat",
    target: conversationId,
    outcome: gen.mode === "abstain" ? "abstained" : "ok",
    latencyMs: timings.total_ms,
    requestId,
    detail: {
      ...extra,
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
  return messageId;
}

/** A failed answer: audited with its code, logged when unexpected, and turned into the error event the user sees. */
export async function recordAnswerError({
  audit,
  conversationId,
  error,
}: {
  audit: AnswerAudit;
  conversationId: string | null;
  error: unknown;
}): Promise<Extract<AnswerEvent, { type: "error" }>> {
  const { db, actor, requestId, question, started, detail: extra } = audit;
  const e = isGroundworkError(error)
    ? error
    : isConnectionError(error)
      ? new GroundworkError("db_unavailable", "The database is unavailable right now. Please try again shortly.", {
          cause: error,
        })
      : null;
  // Through the shared logger: it cuts the bound query parameters (the question) out of drizzle errors.
  if (!e) log.error("answer failed", { requestId, error: String((error as Error)?.stack ?? error) });
  await recordAuditEvent({
    db,
    actor,
    action: "chat",
    target: conversationId,
    outcome: "error",
    latencyMs: roundMs(performance.now() - started),
    requestId,
    detail: { ...extra, question, code: e?.code ?? "internal" },
  });
  return {
    type: "error",
    code: e?.code ?? "internal",
    message: e?.message ?? "Something went wrong while answering. The error was logged.",
  };
}

/** A client that disconnects (abort, or the stream cancelled) still asked the question. */
export async function recordAnswerCancelled({
  audit,
  conversationId,
}: {
  audit: AnswerAudit;
  conversationId: string | null;
}): Promise<void> {
  const { db, actor, requestId, question, started, detail: extra } = audit;
  await recordAuditEvent({
    db,
    actor,
    action: "chat",
    target: conversationId,
    outcome: "cancelled",
    latencyMs: roundMs(performance.now() - started),
    requestId,
    detail: { ...extra, question, code: "cancelled" },
  });
}
