import { readModelsEnv, type ModelsEnv } from "../env";
import type { Embedder } from "./embedder";
import { createHashEmbedder } from "./hash-embedder";
import { createOpenAIEmbedder } from "./openai-embedder";

/**
 * The configured embedder: `hash` (offline default, weight-free) or `openai` (any
 * OpenAI-compatible endpoint). Its modelId is stored with every vector.
 */
export function createEmbedder({
  env: rawEnv,
  overrides = {},
}: {
  /** Raw variables (default: process.env) or an already-read ModelsEnv; both are validated here. */
  env?: NodeJS.ProcessEnv | ModelsEnv;
  overrides?: { maxRetries?: number; backoffMs?: number };
} = {}): Embedder {
  const env = readModelsEnv(rawEnv);
  if (env.EMBEDDINGS_PROVIDER === "hash")
    return createHashEmbedder({ dimensions: env.GROUNDWORK_EMBEDDING_DIMENSIONS });
  return createOpenAIEmbedder({
    ...(env.EMBEDDINGS_BASE_URL ? { baseURL: env.EMBEDDINGS_BASE_URL } : {}),
    ...(env.EMBEDDINGS_API_KEY ? { apiKey: env.EMBEDDINGS_API_KEY } : {}),
    model: env.EMBEDDINGS_MODEL,
    dimensions: env.GROUNDWORK_EMBEDDING_DIMENSIONS,
    batchSize: env.EMBEDDINGS_BATCH_SIZE,
    timeoutMs: env.EMBEDDINGS_TIMEOUT_MS,
    ...overrides,
  });
}
