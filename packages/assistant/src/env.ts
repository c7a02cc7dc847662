import { z } from "zod";
import { defineEnv } from "@groundwork/core/env";

const hostList = z.string().transform((s) =>
  s
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
);

/**
 * Answering knobs, each optional. The four answerability thresholds were chosen on the tuning
 * halves of the evaluation sets only (golden odd ids, everyday and marrowby-logistics "tune");
 * the held-out halves are the check (pnpm eval:answers reports both).
 */
const schema = z.object({
  /** Hosts an answer may link to besides the app itself (relative links). Everything else is stripped. */
  GROUNDWORK_ANSWER_LINK_HOSTS: hostList.default([]),
  /** Below this IDF-weighted coverage of the question by the best passage, the assistant abstains. */
  GROUNDWORK_ABSTAIN_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  /** Below this coverage of the question by the best sentence pair or table row (with its header), the assistant abstains. */
  GROUNDWORK_FOCUS_THRESHOLD: z.coerce.number().min(0).max(1).default(0.45),
  /**
   * Below the two above but at or over these, an offline answer is shown as the closest
   * passage — labelled so — rather than as an answer; below them the assistant declines.
   */
  GROUNDWORK_CLOSEST_THRESHOLD: z.coerce.number().min(0).max(1).default(0.35),
  GROUNDWORK_CLOSEST_FOCUS_THRESHOLD: z.coerce.number().min(0).max(1).default(0.3),
  /**
   * With the rule: a match under the two answer thresholds is shown as the closest passage only
   * when the top five results concentrate in the top result's document beyond chance by at least
   * this much (answerability-model.ts `sameDocumentSurprise`, −log10 of the chance of so many
   * from a document holding that share of the caller's chunks); 0 turns the condition off.
   * Picked on the tuning halves (plateau 0.05–0.2); held-out sum of correct + out-of-scope
   * declined 4.97 → 5.25, see the README.
   */
  GROUNDWORK_CLOSEST_SURPRISE: z.coerce.number().min(0).default(0.1),
  /**
   * How the answer-or-decline decision is made: "rule" (default) — the four coverage and focus
   * thresholds above; "model" — the answerability model's probability (answerability-model.ts)
   * against the two probabilities below. The model is opt-in: it gained on the tuning halves
   * but lost on the held-out ones (marrowby-logistics' out-of-scope declines), see its comment.
   */
  GROUNDWORK_ANSWERABILITY: z.enum(["model", "rule"]).default("rule"),
  /** With the model: at or over this probability the passages answer. */
  GROUNDWORK_ANSWER_PROBABILITY: z.coerce.number().min(0).max(1).default(0.8),
  /**
   * With the model: at or over this (below the one above) an offline answer is shown as the
   * closest passage; below it the assistant declines. Picked on the tuning halves (the best sum
   * over sets of correct + out-of-scope declined, replay-answers.ts, grid 0.4–0.75).
   */
  GROUNDWORK_CLOSEST_PROBABILITY: z.coerce.number().min(0).max(1).default(0.65),
  /** Sentences whose support score falls below this are flagged. */
  GROUNDWORK_SUPPORT_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  /** Passages retrieved and numbered for the model. */
  GROUNDWORK_ANSWER_SOURCES: z.coerce.number().int().min(1).max(20).default(6),
});

export type AssistantEnv = z.infer<typeof schema>;

export const readAssistantEnv: (env?: NodeJS.ProcessEnv) => AssistantEnv = defineEnv({ schema });
