import { readModelsEnv } from "@groundwork/models/env";

/** The models' env, or null when it does not parse (the trace then names no reranker; verification skips embeddings). */
export function safeModelsEnv() {
  try {
    return readModelsEnv();
  } catch {
    return null;
  }
}
