import { z } from "zod";
import { DEFAULT_EMBEDDING_DIMENSIONS, defineEnv, type EnvSource } from "@groundwork/core/env";

/** Model configuration: every model-backed path is an OpenAI-compatible endpoint chosen here. */
const schema = z.object({
  EMBEDDINGS_PROVIDER: z.enum(["hash", "openai"]).default("hash"),
  EMBEDDINGS_BASE_URL: z.string().url().optional(),
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_MODEL: z.string().default("text-embedding-3-small"),
  EMBEDDINGS_BATCH_SIZE: z.coerce.number().int().min(1).max(2048).default(64),
  EMBEDDINGS_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  GROUNDWORK_EMBEDDING_DIMENSIONS: z.coerce.number().int().min(8).max(16_000).default(DEFAULT_EMBEDDING_DIMENSIONS),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().default("gpt-4o-mini"),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
  LLM_MAX_TOKENS: z.coerce.number().int().min(16).default(800),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  RERANK_URL: z.string().url().optional(),
  RERANK_API_KEY: z.string().optional(),
  RERANK_MODEL: z.string().default("rerank"),
});

export type ModelsEnv = z.infer<typeof schema>;

/** Empty values in .env mean "not configured". Takes raw variables or an already-read ModelsEnv. */
export const readModelsEnv: (env?: EnvSource) => ModelsEnv = defineEnv({ schema });
