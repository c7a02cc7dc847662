import { GroundworkError } from "@groundwork/core/errors";
import { rewriteFollowUp, type PriorTurn } from "../condense-question";

/** A chat message as the OpenAI and Azure protocols send it: text, or an array of parts of which text ones count. */
export type ProtocolMessage = {
  role: string;
  content?: string | null | ReadonlyArray<{ type?: string; text?: string | undefined } | string>;
};

function textOf(content: ProtocolMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((p) => (typeof p === "string" ? p : p?.type === undefined || p.type === "text" ? (p.text ?? "") : ""))
    .join("");
}

/**
 * A protocol's message list as the pipeline's question and history: the last message is the
 * question and must be the user's; earlier user messages are the conversation, each condensed
 * in turn exactly as the web chat condenses a follow-up (rewriteFollowUp), so "and for
 * contractors?" after "how many leave days?" retrieves the same passages in both.
 *
 * Earlier assistant messages and any system or developer message are not used: the grounding
 * prompt is the assistant's own, and an answer from an earlier turn may quote a document the
 * caller has lost access to since (condense-question.ts says the same of stored history).
 */
export function readChatMessages({ messages }: { messages: readonly ProtocolMessage[] }): {
  question: string;
  history: PriorTurn[];
} {
  const last = messages.at(-1);
  if (!last || last.role !== "user")
    throw new GroundworkError("bad_request", "Invalid request: the last message must be the user's question.");
  const question = textOf(last.content).trim();
  if (!question) throw new GroundworkError("bad_request", "Invalid request: the last message is empty.");
  const history: PriorTurn[] = [];
  for (const m of messages.slice(0, -1)) {
    if (m.role !== "user") continue;
    const earlier = textOf(m.content).trim();
    if (!earlier) continue;
    const condensed = rewriteFollowUp({ question: earlier, history });
    history.push({ question: earlier, standaloneQuery: condensed.query });
  }
  // The pipeline condenses from the last turn only; a long history costs nothing extra.
  return { question, history: history.slice(-10) };
}
