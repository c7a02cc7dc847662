import { createEmbedder, type Embedder } from "@groundwork/models/embeddings";
import type { AssistantEnv } from "./env";
import type { AnswerConfidence, AnswerEvent } from "./events";
import type { Generated } from "./generate-answer";
import { safeModelsEnv } from "./models-env";
import type { PreparedAnswer } from "./prepare-answer";
import { verifyAnswer, type Verification } from "./verify-answer";

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
    cachedVerifier = {
      key,
      embedder: env?.EMBEDDINGS_PROVIDER === "openai" ? createEmbedder({ env, overrides: { maxRetries: 0 } }) : null,
    };
  }
  return cachedVerifier.embedder;
}

/** Each cited sentence checked against its passage, each citation resolved to what the viewer opens; nothing for a decline. */
export async function verifyCitations({
  gen,
  prepared,
  env,
  verifyEmbedder,
}: {
  gen: Generated;
  prepared: PreparedAnswer;
  env: AssistantEnv;
  verifyEmbedder?: Embedder | null;
}): Promise<Verification> {
  if (gen.mode === "abstain") return { citations: [], flags: [], supports: [] };
  return verifyAnswer({
    text: gen.text,
    sources: prepared.sources,
    embedder: verifyEmbedder === undefined ? defaultVerifyEmbedder() : verifyEmbedder,
    threshold: env.GROUNDWORK_SUPPORT_THRESHOLD,
    ranges: gen.ranges,
  });
}

export type CitationsEvent = Extract<AnswerEvent, { type: "citations" }>;

/** The final event of an answer: the verified text with its citations, flags and, for a decline, the closest documents. */
export function citationsEvent({
  gen,
  prepared,
  verified,
}: {
  gen: Generated;
  prepared: PreparedAnswer;
  verified: Verification;
}): CitationsEvent {
  const closest = gen.mode === "abstain" ? prepared.closest : [];
  const confidence: AnswerConfidence =
    gen.mode === "extractive" || gen.mode === "fallback" ? prepared.confidence : "answer";
  const { citations, flags } = verified;
  return {
    type: "citations",
    mode: gen.mode,
    content: gen.text,
    citations,
    flags,
    notice: gen.notice,
    closest,
    confidence,
    corrections: prepared.search.corrections,
  };
}
