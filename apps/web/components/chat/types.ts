/** Client-side mirror of the assistant's answer events (packages/assistant/src/types.ts). */
export type AnswerMode = "llm" | "extractive" | "abstain" | "fallback";

export type Citation = {
  n: number;
  chunkId: string;
  documentId: string;
  title: string;
  path: string;
  sourceName: string;
  version: number;
  pageFrom: number | null;
  pageTo: number | null;
  charStart: number;
  charEnd: number;
  href: string;
  snippet: string;
  /** Set on stored citations to documents the user can no longer open. */
  revoked?: boolean;
};

export type AnswerFlag = { sentence: string; index: number; citations: number[]; support: number; reason: string };
export type ClosestDocument = { documentId: string; title: string; path: string; owner: string | null; href: string; score: number };

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
};

export type ConversationSummary = { id: string; title: string; updatedAt: string };
