import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { GroundworkError } from "@groundwork/core/errors";
import { readModelsEnv, type ModelsEnv } from "../env";

export type ChatRole = "system" | "user" | "assistant";
export type ChatTurn = { role: ChatRole; content: string };

/**
 * The one chat interface the assistant sees. Implemented over LangChain's ChatOpenAI, so any
 * OpenAI-compatible server (OpenAI, Azure, vLLM, Ollama, llama.cpp) works by base URL.
 */
export interface ChatModel {
  /** e.g. `openai:gpt-4o-mini@http://host/v1`; stored in the retrieval trace of every answer. */
  readonly modelId: string;
  readonly timeoutMs: number;
  /** Text deltas as they arrive. Throws `model_unavailable` on timeout (first token or idle gap) or upstream failure. */
  stream(args: { messages: ChatTurn[]; signal?: AbortSignal; timeoutMs?: number }): AsyncGenerator<string>;
  /** The whole reply (condensing, short prompts). Same timeout semantics. */
  complete(args: { messages: ChatTurn[]; signal?: AbortSignal; timeoutMs?: number }): Promise<string>;
}

export type ChatModelConfig = {
  baseURL?: string;
  apiKey?: string;
  model: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
};

function toLangChain(messages: ChatTurn[]): BaseMessage[] {
  return messages.map((m) =>
    m.role === "system"
      ? new SystemMessage(m.content)
      : m.role === "assistant"
        ? new AIMessage(m.content)
        : new HumanMessage(m.content),
  );
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content))
    return content
      .map((p) => (p && typeof p === "object" && "text" in p ? String((p as { text: unknown }).text) : ""))
      .join("");
  return "";
}

/**
 * A chat call that failed or timed out: `model_unavailable` with the reason in `details.reason`;
 * the assistant turns it into a retry, then the extractive fallback.
 */
function unavailable(reason: string, cause?: unknown): GroundworkError {
  return new GroundworkError("model_unavailable", `The language model did not answer (${reason}).`, {
    cause,
    details: { reason },
  });
}

/**
 * Aborts when no chunk arrives within `timeoutMs` — before the first token or between two —
 * so a hung upstream is noticed without capping how long a healthy long answer may stream.
 */
function idleTimer(timeoutMs: number, outer: AbortSignal | undefined) {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error("timeout"));
    }, timeoutMs);
  };
  const onOuter = () => controller.abort(outer?.reason);
  outer?.addEventListener("abort", onOuter, { once: true });
  arm();
  return {
    signal: controller.signal,
    arm,
    get timedOut() {
      return timedOut;
    },
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener("abort", onOuter);
    },
  };
}

export function createChatModelFromConfig(config: ChatModelConfig): ChatModel {
  const llm = new ChatOpenAI({
    model: config.model,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    // Local servers often need no key; the SDK refuses to start without one.
    apiKey: config.apiKey ?? "not-needed",
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
    // Retries are the caller's decision (one retry, then the extractive fallback).
    maxRetries: 0,
    timeout: config.timeoutMs,
    streamUsage: false,
  });
  const modelId = `openai:${config.model}${config.baseURL ? `@${config.baseURL}` : ""}`;

  return {
    modelId,
    timeoutMs: config.timeoutMs,
    async *stream({ messages, signal, timeoutMs = config.timeoutMs }) {
      const timer = idleTimer(timeoutMs, signal);
      try {
        const stream = await llm.stream(toLangChain(messages), { signal: timer.signal });
        for await (const chunk of stream) {
          timer.arm();
          const text = textOf(chunk.content);
          if (text) yield text;
        }
      } catch (error) {
        if (signal?.aborted) throw error;
        throw unavailable(timer.timedOut ? `no response within ${timeoutMs} ms` : (error as Error).message, error);
      } finally {
        timer.dispose();
      }
    },
    async complete({ messages, signal, timeoutMs = config.timeoutMs }) {
      const timer = idleTimer(timeoutMs, signal);
      try {
        const reply = await llm.invoke(toLangChain(messages), { signal: timer.signal });
        return textOf(reply.content);
      } catch (error) {
        if (signal?.aborted) throw error;
        throw unavailable(timer.timedOut ? `no response within ${timeoutMs} ms` : (error as Error).message, error);
      } finally {
        timer.dispose();
      }
    },
  };
}

/** True when an LLM endpoint is configured; otherwise the assistant answers extractively. */
export function chatConfigured(env: ModelsEnv): boolean {
  return Boolean(env.LLM_BASE_URL || env.LLM_API_KEY);
}

/** The configured chat model, or null for the offline (extractive) default. */
export function createChatModel({ env = readModelsEnv() }: { env?: ModelsEnv } = {}): ChatModel | null {
  if (!chatConfigured(env)) return null;
  return createChatModelFromConfig({
    baseURL: env.LLM_BASE_URL,
    apiKey: env.LLM_API_KEY,
    model: env.LLM_MODEL,
    temperature: env.LLM_TEMPERATURE,
    maxTokens: env.LLM_MAX_TOKENS,
    timeoutMs: env.LLM_TIMEOUT_MS,
  });
}
