import { OpenAIEmbeddings } from "@langchain/openai";
import { GroundworkError } from "@groundwork/core/errors";
import type { Embedder } from "./embedder";

export type OpenAIEmbedderConfig = {
  baseURL?: string;
  apiKey?: string;
  model: string;
  dimensions: number;
  batchSize?: number;
  timeoutMs?: number;
  /** Attempts after the first on 429 / 5xx / network errors. */
  maxRetries?: number;
  /** First backoff; doubles per attempt (with jitter), or follows Retry-After when the server sends it. */
  backoffMs?: number;
};

/**
 * The embeddings endpoint failed for good: `model_unavailable` with the upstream HTTP status
 * (or null) in `details.status`; callers fail the file or the run with it.
 */
function embeddingError(message: string, status: number | null, options: { cause?: unknown } = {}): GroundworkError {
  return new GroundworkError("model_unavailable", message, { ...options, details: { status } });
}

function statusOf(error: unknown): number | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const s = (e as { status?: unknown }).status ?? (e as { response?: { status?: unknown } }).response?.status;
    if (typeof s === "number") return s;
  }
  return null;
}

function retryAfterMs(error: unknown): number | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const headers = (e as { headers?: unknown }).headers;
    const value =
      headers instanceof Headers
        ? headers.get("retry-after")
        : (headers as Record<string, string> | undefined)?.["retry-after"];
    if (value && Number.isFinite(Number(value))) return Number(value) * 1000;
  }
  return null;
}

function retryable(error: unknown): boolean {
  const status = statusOf(error);
  if (status === null) return true; // network error or timeout
  return status === 429 || status >= 500;
}

/**
 * Embeddings from any OpenAI-compatible endpoint through LangChain's OpenAIEmbeddings. We run
 * the batching and retries ourselves (LangChain's caller set to no retries) so 429/5xx get an
 * exponential backoff we control and 4xx errors fail at once with a clear message.
 */
export function createOpenAIEmbedder(config: OpenAIEmbedderConfig): Embedder {
  const batchSize = config.batchSize ?? 64;
  const maxRetries = config.maxRetries ?? 4;
  const backoffMs = config.backoffMs ?? 500;
  const client = new OpenAIEmbeddings({
    model: config.model,
    dimensions: config.dimensions,
    batchSize,
    maxRetries: 0,
    maxConcurrency: 1,
    timeout: config.timeoutMs ?? 30_000,
    apiKey: config.apiKey ?? "not-needed",
    configuration: config.baseURL ? { baseURL: config.baseURL } : {},
  });
  const host = config.baseURL ? new URL(config.baseURL).host : "api.openai.com";

  async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn();
      } catch (error) {
        const status = statusOf(error);
        if (attempt >= maxRetries || !retryable(error)) {
          throw embeddingError(
            `Embeddings endpoint ${host} failed${status ? ` with HTTP ${status}` : ""} after ${attempt + 1} attempt(s): ${(error as Error).message}`,
            status,
            { cause: error },
          );
        }
        const wait = retryAfterMs(error) ?? backoffMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  const check = (v: number[]) => {
    if (v.length !== config.dimensions) {
      throw embeddingError(
        `Embeddings endpoint ${host} returned ${v.length} dimensions; configured ${config.dimensions}.`,
        null,
      );
    }
    return v;
  };

  return {
    modelId: `openai:${config.model}@${config.dimensions}`,
    dimensions: config.dimensions,
    async embedDocuments(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        const batch = texts.slice(i, i + batchSize);
        const vectors = await withRetry(() => client.embedDocuments(batch));
        out.push(...vectors.map(check));
      }
      return out;
    },
    async embedQuery(text) {
      return check(await withRetry(() => client.embedQuery(text)));
    },
  };
}
