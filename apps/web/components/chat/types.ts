// Type-only import: erased at build time, so no assistant (server) code reaches the client bundle.
import type { AnswerFlag, AnswerMode, Citation as AnswerCitation, ClosestDocument } from "@groundwork/assistant";

export type { AnswerFlag, AnswerMode, ClosestDocument };

export type Citation = AnswerCitation;

export type ChatMessage = {
  key: string;
  id: string | null;
  role: "user" | "assistant";
  content: string;
  mode: AnswerMode | null;
  citations: Citation[];
  flags: AnswerFlag[];
  closest: ClosestDocument[];
  notice: string | null;
  status: string | null;
  state: "streaming" | "done" | "stopped" | "error";
  error: string | null;
  feedback: { rating: number; comment: string | null } | null;
  /** From history: the answer's text was withheld, none of its cited documents is readable now. */
  withheld?: boolean;
  /** From history: citations dropped because their documents are out of reach now. */
  revokedCitations?: number;
};

export type ConversationSummary = { id: string; title: string; updatedAt: string };
