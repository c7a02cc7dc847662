import type { ChatModel } from "@groundwork/models/chat";
import { contentTerms } from "./text/terms";

export type PriorTurn = { question: string; standaloneQuery: string };

export type CondenseResult = { query: string; by: "none" | "rules" | "llm"; warning: string | null };

const ANAPHORA = /\b(it|its|it's|that|this|these|those|they|them|their|there|same|one|ones|he|she|him|her)\b/i;
const CONTINUATION = /^\s*(and|but|also|so|or|what about|how about|what if|and if|then|ok(ay)?|same for|what else)\b/i;

/** A question that leans on the previous turn: pronouns, "what about …", or almost no content words. */
export function looksLikeFollowUp(question: string): boolean {
  const terms = contentTerms(question);
  return CONTINUATION.test(question) || terms.length <= 1 || (terms.length <= 4 && ANAPHORA.test(question));
}

/**
 * Deterministic rewrite: the follow-up plus the content words of the previous standalone query
 * it does not already contain. Retrieval is a bag of words, so this resolves "it"/"that" well
 * enough and never invents a topic.
 */
export function rewriteFollowUp({ question, history }: { question: string; history: PriorTurn[] }): CondenseResult {
  const previous = history.at(-1);
  if (!previous || !looksLikeFollowUp(question)) return { query: question, by: "none", warning: null };
  const own = new Set(contentTerms(question));
  const words = previous.standaloneQuery.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const seen = new Set<string>();
  const carried = words.filter((w) => {
    const [term] = contentTerms(w);
    if (!term || own.has(term) || seen.has(term)) return false;
    seen.add(term);
    return true;
  });
  if (carried.length === 0) return { query: question, by: "none", warning: null };
  return { query: `${question.trim()} ${carried.join(" ")}`, by: "rules", warning: null };
}

const CONDENSE_SYSTEM = [
  "You rewrite a follow-up question into one standalone search query.",
  "Use the earlier questions only to resolve references such as it, that, they or 'what about'.",
  "Keep the user's wording; add nothing the user did not ask. Reply with the query only, on one line.",
].join("\n");

/**
 * Condenses with the chat model when one is configured and there is history; any failure or
 * odd output falls back to the deterministic rewrite. Only earlier *questions* go to the model
 * (never earlier answers), so text from a document the user has since lost access to cannot
 * ride along into a new prompt.
 */
export async function condenseQuestion({
  question,
  history,
  chatModel,
  signal,
}: {
  question: string;
  history: PriorTurn[];
  chatModel: ChatModel | null;
  signal?: AbortSignal;
}): Promise<CondenseResult> {
  if (history.length === 0) return { query: question, by: "none", warning: null };
  if (!chatModel || !looksLikeFollowUp(question)) return rewriteFollowUp({ question, history });
  const earlier = history
    .slice(-4)
    .map((t) => `- ${t.question.replace(/\s+/g, " ").slice(0, 500)}`)
    .join("\n");
  try {
    const reply = await chatModel.complete({
      messages: [
        { role: "system", content: CONDENSE_SYSTEM },
        {
          role: "user",
          content: `Earlier questions:\n${earlier}\n\nFollow-up question:\n${question.replace(/\s+/g, " ").trim()}`,
        },
      ],
      signal,
      timeoutMs: Math.min(chatModel.timeoutMs, 10_000),
    });
    const line =
      reply
        .split("\n")
        .map((l) => l.trim())
        .find(Boolean) ?? "";
    const query = line
      .replace(/^(standalone( question| query)?|query)\s*:\s*/i, "")
      .replace(/^["']|["']$/g, "")
      .trim();
    if (query.length < 3 || query.length > 400 || contentTerms(query).length === 0) {
      return { ...rewriteFollowUp({ question, history }), warning: "condense: model reply unusable" };
    }
    return { query, by: "llm", warning: null };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ...rewriteFollowUp({ question, history }), warning: `condense: ${(error as Error).message}` };
  }
}
