// The answer stream's contract (client-safe subpath: zod only, no server code).
import type {
  AnswerConfidence,
  AnswerFlag,
  AnswerMode,
  Citation as AnswerCitation,
  ClosestDocument,
  QueryCorrection,
} from "@groundwork/assistant/events";

export type { AnswerConfidence, AnswerFlag, AnswerMode, ClosestDocument, QueryCorrection };

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
  /** Offline answers: "closest" when the passage is only the nearest match, shown as such. */
  confidence?: AnswerConfidence | null;
  /** Spelling corrections retrieval applied, for the "Searched for" line. */
  corrections?: QueryCorrection[];
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
