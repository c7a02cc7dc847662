import "server-only";
import { createChatModel, type ChatModel } from "@groundwork/models/chat";
import { readModelsEnv } from "@groundwork/models/env";

/**
 * The configured chat model with a request's temperature and token limit in place of the
 * LLM_* defaults; null offline (the extractive answerer has no sampling to tune).
 */
export function createRequestChatModel({
  temperature,
  maxTokens,
}: {
  temperature?: number | null | undefined;
  maxTokens?: number | null | undefined;
}): ChatModel | null {
  const env = readModelsEnv();
  return createChatModel({
    env: {
      ...env,
      ...(temperature != null ? { LLM_TEMPERATURE: temperature } : {}),
      ...(maxTokens != null ? { LLM_MAX_TOKENS: Math.min(maxTokens, env.LLM_MAX_TOKENS) } : {}),
    },
  });
}
