import "server-only";
import type { EnvSource } from "@groundwork/core/env";
import { readModelsEnv } from "@groundwork/models/env";

export type ModelSetupHint =
  { state: "configured"; model: string } | { state: "missing" } | { state: "invalid"; message: string };

/**
 * Whether chat answers can use a language model, for the admin console. Without one every
 * answer is extractive; saying so on each employee's answer only worries readers who cannot
 * change it, so the admin console says it once, with what to set.
 */
export function modelSetupHint(env?: EnvSource): ModelSetupHint {
  try {
    const models = readModelsEnv(env);
    return models.LLM_BASE_URL ? { state: "configured", model: models.LLM_MODEL } : { state: "missing" };
  } catch (err) {
    // The answer path reads the same variables; show the admin the reason rather than a 500.
    const issues = (err as { issues?: Array<{ path?: PropertyKey[]; message?: string }> }).issues;
    const first = issues?.[0];
    return {
      state: "invalid",
      message: first
        ? `${first.path?.map(String).join(".") ?? ""}: ${first.message ?? "invalid"}`
        : "the model variables could not be read",
    };
  }
}
