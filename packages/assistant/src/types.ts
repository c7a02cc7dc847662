import type { SearchResult } from "@groundwork/retrieval";
import type { AnswerConfidence, AnswerTimings, ClosestDocument, QueryCorrection } from "./events";

// The answer stream's wire types are the zod contract's (events.ts); re-exported so server code keeps one import.
export type {
  AnswerConfidence,
  AnswerEvent,
  AnswerFlag,
  AnswerMode,
  AnswerTimings,
  Citation,
  ClientAnswerEvent,
  ClosestDocument,
  FlagReason,
  QueryCorrection,
} from "./events";

/** A retrieved chunk as numbered in the prompt: `[n]` in an answer refers to `n`. */
export type NumberedSource = SearchResult & { n: number };

export type SentenceSupport = { index: number; sentence: string; citations: number[]; support: number };

/** The retrieval trace stored with each assistant message (messages.trace). */
export type AnswerTrace = {
  question: string;
  standaloneQuery: string;
  condensedBy: "none" | "rules" | "llm";
  chunks: Array<{ n: number; chunkId: string; documentId: string; score: number; ranks: SearchResult["ranks"] }>;
  answerability: {
    coverage: number;
    focus?: number;
    threshold: number;
    focusThreshold?: number;
    answerable: boolean;
    bestChunkId: string | null;
  };
  retrievalTimings: Record<string, number>;
  timings: AnswerTimings;
  models: { chat: string | null; embedding: string | null; reranker: string | null };
  attempts: number;
  fallbackReason: string | null;
  removed: { citations: number[]; images: number; links: string[] };
  supports: SentenceSupport[];
  warnings: string[];
  /** Shown again when the conversation is reopened. */
  notice: string | null;
  confidence?: AnswerConfidence;
  corrections?: QueryCorrection[];
  closest: ClosestDocument[];
};
