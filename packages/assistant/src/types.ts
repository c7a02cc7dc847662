import type { SearchResult } from "@groundwork/retrieval";

/** How an answer was produced; stored in messages.mode and shown in the UI. */
export type AnswerMode = "llm" | "extractive" | "abstain" | "fallback";

/** A retrieved chunk as numbered in the prompt: `[n]` in an answer refers to `n`. */
export type NumberedSource = SearchResult & { n: number };

/** One citation, resolved to the exact passage the viewer opens. */
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
  /** Section path of the passage (headings above it), for "Leave policy › Carry-over". */
  headings: string[];
  charStart: number;
  charEnd: number;
  /** `/documents/<documentId>?chunk=<chunkId>&start=<s>&end=<e>` */
  href: string;
  snippet: string;
};

export type FlagReason = "unsupported" | "uncited" | "number_mismatch";

/** A sentence of the answer the verifier could not tie to its sources. */
export type AnswerFlag = {
  sentence: string;
  /** Index of the sentence in the answer. */
  index: number;
  citations: number[];
  support: number;
  reason: FlagReason;
};

export type AnswerConfidence = "answer" | "closest";
export type QueryCorrection = { from: string; to: string };

/** A document shown when the assistant abstains: the user may open it (it came from their own search). */
export type ClosestDocument = { documentId: string; title: string; path: string; owner: string | null; href: string; score: number };

export type SentenceSupport = { index: number; sentence: string; citations: number[]; support: number };

export type AnswerTimings = {
  condense_ms: number;
  retrieve_ms: number;
  answerability_ms: number;
  prompt_ms: number;
  /** Everything before the first token could be produced: condense + retrieve + answerability + prompt. */
  before_first_token_ms: number;
  first_token_ms: number | null;
  generate_ms: number;
  verify_ms: number;
  total_ms: number;
};

/** The retrieval trace stored with each assistant message (messages.trace). */
export type AnswerTrace = {
  question: string;
  standaloneQuery: string;
  condensedBy: "none" | "rules" | "llm";
  chunks: Array<{ n: number; chunkId: string; documentId: string; score: number; ranks: SearchResult["ranks"] }>;
  answerability: { coverage: number; focus?: number; threshold: number; focusThreshold?: number; answerable: boolean; bestChunkId: string | null };
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

/** Events of one answer, in order: status*, delta*, citations, done — or error. Mapped 1:1 to SSE. */
export type AnswerEvent =
  | { type: "status"; stage: "condensing" | "retrieving" | "generating" | "verifying" | "fallback"; message: string; reset?: boolean }
  | { type: "delta"; text: string }
  | {
      type: "citations";
      mode: AnswerMode;
      /** The final, verified text; replaces whatever the deltas built. */
      content: string;
      citations: Citation[];
      flags: AnswerFlag[];
      notice: string | null;
      closest: ClosestDocument[];
      /**
       * "answer": the passages answer the question; "closest": they are the nearest the caller's
       * documents come, shown as such rather than as an answer (offline answers only).
       */
      confidence: AnswerConfidence;
      /** Spelling corrections retrieval applied ("searched for …"), from the caller's own vocabulary. */
      corrections: QueryCorrection[];
    }
  | { type: "done"; conversationId: string; messageId: string; userMessageId: string; mode: AnswerMode; timings: AnswerTimings }
  | { type: "error"; code: string; message: string };
