import type { ChatModel, ChatTurn } from "@groundwork/models/chat";
import { isModelAbstention } from "./build-prompt";
import { composeExtractive } from "./compose-extractive";
import type { AssistantEnv } from "./env";
import type { AnswerEvent, AnswerMode, ClosestDocument } from "./events";
import type { PreparedAnswer } from "./prepare-answer";
import { roundMs } from "./round-ms";
import { createAnswerSanitizer, type SanitizeReport } from "./sanitize-answer";

/**
 * Notices shown with an answer. None for a plain extractive answer: that no model is configured
 * is the admin's to fix, so the admin console says it once instead of every employee's answer.
 */
export const NOTICES = {
  fallback: "The language model did not answer, so these sentences are quoted directly from your documents instead.",
} as const;

/** The answer's text and how it came about; `ranges` narrows extractive citations to the quoted sentences. */
export type Generated = {
  text: string;
  mode: AnswerMode;
  notice: string | null;
  attempts: number;
  fallbackReason: string | null;
  firstTokenMs: number | null;
  ranges?: Map<number, { start: number; end: number }>;
  report: SanitizeReport;
};

export function abstentionText(closest: ClosestDocument[]): string {
  const lines = ["I couldn't find an answer to that in the documents you can access."];
  if (closest.length) {
    lines.push("", "The closest documents I found are:", ...closest.map((d) => `- ${d.title} (${d.path})`));
    const owned = closest.find((d) => d.owner);
    if (owned) lines.push("", `${owned.title} is owned by ${owned.owner}, who may be able to help.`);
  }
  return lines.join("\n");
}

const emptyReport = (): SanitizeReport => ({ citations: [], images: 0, links: [] });

/** The decline, listing the closest documents; `report` is what sanitising produced so far (empty when nothing was composed). */
function abstained({ closest, report }: { closest: ClosestDocument[]; report: SanitizeReport }): Generated {
  return {
    text: abstentionText(closest),
    mode: "abstain",
    notice: null,
    attempts: 0,
    fallbackReason: null,
    firstTokenMs: null,
    report,
  };
}

/** What both the decision and the model's stream work from. */
type GenerateInput = {
  question: string;
  prepared: PreparedAnswer;
  env: AssistantEnv;
  signal?: AbortSignal;
  /** When the pipeline started (first-token time is measured from it). */
  started: number;
};

/**
 * Compose or generate, as events: the decline when the passages do not answer, the model's
 * streamed answer when one is configured, else the extractive answer. Returns what was
 * produced, or null when the client went away mid-stream.
 */
export async function* generateAnswer(
  input: GenerateInput & { chatModel: ChatModel | null },
): AsyncGenerator<AnswerEvent, Generated | null> {
  const { question, prepared, chatModel, env, started } = input;
  if (!prepared.answerable) {
    const gen = abstained({ closest: prepared.closest, report: emptyReport() });
    yield { type: "delta", text: gen.text };
    return gen;
  }
  if (chatModel && prepared.prompt) return yield* streamModelAnswer({ ...input, prompt: prepared.prompt, chatModel });
  const ex = composeExtractive({ question, prepared, allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS });
  const gen: Generated = ex.text
    ? {
        text: ex.text,
        mode: "extractive",
        notice: null,
        attempts: 0,
        fallbackReason: null,
        firstTokenMs: roundMs(performance.now() - started),
        ranges: ex.ranges,
        report: ex.report,
      }
    : abstained({ closest: prepared.closest, report: ex.report });
  yield { type: "delta", text: gen.text };
  return gen;
}

/**
 * The model's answer, streamed as soon as each piece is safe (sanitizer). One retry when it
 * fails before its first token; any other failure, or an empty reply, turns into the extractive
 * answer with a notice (`status.reset` tells the client to drop streamed text).
 */
async function* streamModelAnswer({
  question,
  prepared,
  prompt,
  chatModel,
  env,
  signal,
  started,
}: GenerateInput & { prompt: ChatTurn[]; chatModel: ChatModel }): AsyncGenerator<AnswerEvent, Generated | null> {
  yield { type: "status", stage: "generating", message: "Writing an answer from the sources…" };
  let attempts = 0;
  let emitted = false;
  let failure: string | null = null;
  let text = "";
  let firstTokenMs: number | null = null;
  let sanitizer = createAnswerSanitizer({
    maxCitation: prepared.sources.length,
    allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS,
  });
  while (attempts < 2) {
    attempts += 1;
    failure = null;
    text = "";
    sanitizer = createAnswerSanitizer({
      maxCitation: prepared.sources.length,
      allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS,
    });
    try {
      for await (const piece of chatModel.stream({ messages: prompt, signal })) {
        firstTokenMs ??= roundMs(performance.now() - started);
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
      if (signal?.aborted) return null;
      failure = (error as Error).message;
      // Once the user has seen text, a silent retry would splice two answers together.
      if (emitted) break;
    }
  }
  if (failure !== null || !text.trim()) {
    const ex = composeExtractive({ question, prepared, allowedHosts: env.GROUNDWORK_ANSWER_LINK_HOSTS });
    yield { type: "status", stage: "fallback", message: NOTICES.fallback, reset: emitted };
    const fallbackReason = failure ?? "empty reply";
    if (ex.text) {
      yield { type: "delta", text: ex.text };
      return {
        text: ex.text,
        mode: "fallback",
        notice: NOTICES.fallback,
        attempts,
        fallbackReason,
        firstTokenMs,
        ranges: ex.ranges,
        report: ex.report,
      };
    }
    const gen: Generated = {
      text: abstentionText(prepared.closest),
      mode: "abstain",
      notice: NOTICES.fallback,
      attempts,
      fallbackReason,
      firstTokenMs,
      report: ex.report,
    };
    yield { type: "delta", text: gen.text };
    return gen;
  }
  const trimmed = text.trim();
  if (!isModelAbstention(trimmed) || /\[\d+\]/.test(trimmed))
    return {
      text: trimmed,
      mode: "llm",
      notice: null,
      attempts,
      fallbackReason: null,
      firstTokenMs,
      report: sanitizer.report,
    };
  const gen: Generated = {
    text: abstentionText(prepared.closest),
    mode: "abstain",
    notice: null,
    attempts,
    fallbackReason: null,
    firstTokenMs,
    report: sanitizer.report,
  };
  yield { type: "status", stage: "verifying", message: "The sources don't answer this.", reset: true };
  yield { type: "delta", text: gen.text };
  return gen;
}
