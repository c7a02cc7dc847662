/**
 * The answer stream's contract: every event `answerQuestion` yields and `POST /api/chat` sends
 * as server-sent events, as zod schemas. The server builds events typed from these; the browser
 * decodes each frame with them (`@groundwork/assistant/events`). This module imports zod and
 * nothing else, so it is safe in a client bundle.
 */
import { z } from "zod";
import { readSse, type SseFrame } from "./read-sse";

// In the browser zod must not compile parsers with `new Function`: the app's CSP has no
// 'unsafe-eval', and even zod's caught probe for it is reported as a CSP violation on every page
// that decodes an answer. Interpreted parsing is plenty for a few events per answer.
if ("window" in globalThis) z.config({ jitless: true });

export { readSse, type SseFrame };

/** How an answer was produced; stored in messages.mode and shown in the UI. */
export const answerModeSchema = z.enum(["llm", "extractive", "abstain", "fallback"]);
export type AnswerMode = z.infer<typeof answerModeSchema>;

/** One citation, resolved to the exact passage the viewer opens. */
export const citationSchema = z.object({
  n: z.number(),
  chunkId: z.string(),
  documentId: z.string(),
  title: z.string(),
  path: z.string(),
  sourceName: z.string(),
  version: z.number(),
  pageFrom: z.number().nullable(),
  pageTo: z.number().nullable(),
  /** Section path of the passage (headings above it), for "Leave policy › Carry-over". */
  headings: z.array(z.string()),
  charStart: z.number(),
  charEnd: z.number(),
  /** `/documents/<documentId>?chunk=<chunkId>&start=<s>&end=<e>` */
  href: z.string(),
  snippet: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const flagReasonSchema = z.enum(["unsupported", "uncited", "number_mismatch"]);
export type FlagReason = z.infer<typeof flagReasonSchema>;

/** A sentence of the answer the verifier could not tie to its sources. */
export const answerFlagSchema = z.object({
  sentence: z.string(),
  /** Index of the sentence in the answer. */
  index: z.number(),
  citations: z.array(z.number()),
  support: z.number(),
  reason: flagReasonSchema,
});
export type AnswerFlag = z.infer<typeof answerFlagSchema>;

/**
 * "answer": the passages answer the question; "closest": they are the nearest the caller's
 * documents come, shown as such rather than as an answer (offline answers only).
 */
export const answerConfidenceSchema = z.enum(["answer", "closest"]);
export type AnswerConfidence = z.infer<typeof answerConfidenceSchema>;

/** A spelling correction retrieval applied ("searched for …"), from the caller's own vocabulary. */
export const queryCorrectionSchema = z.object({ from: z.string(), to: z.string() });
export type QueryCorrection = z.infer<typeof queryCorrectionSchema>;

/** A document shown when the assistant abstains: the user may open it (it came from their own search). */
export const closestDocumentSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  path: z.string(),
  owner: z.string().nullable(),
  href: z.string(),
  score: z.number(),
});
export type ClosestDocument = z.infer<typeof closestDocumentSchema>;

export const answerTimingsSchema = z.object({
  condense_ms: z.number(),
  retrieve_ms: z.number(),
  answerability_ms: z.number(),
  prompt_ms: z.number(),
  /** Everything before the first token could be produced: condense + retrieve + answerability + prompt. */
  before_first_token_ms: z.number(),
  first_token_ms: z.number().nullable(),
  generate_ms: z.number(),
  verify_ms: z.number(),
  total_ms: z.number(),
});
export type AnswerTimings = z.infer<typeof answerTimingsSchema>;

export const statusEventSchema = z.object({
  type: z.literal("status"),
  stage: z.enum(["condensing", "retrieving", "generating", "verifying", "fallback"]),
  message: z.string(),
  /** The client drops the text streamed so far (the model failed, or abstained after all). */
  reset: z.boolean().optional(),
});

export const deltaEventSchema = z.object({ type: z.literal("delta"), text: z.string() });

export const citationsEventSchema = z.object({
  type: z.literal("citations"),
  mode: answerModeSchema,
  /** The final, verified text; replaces whatever the deltas built. */
  content: z.string(),
  citations: z.array(citationSchema),
  flags: z.array(answerFlagSchema),
  notice: z.string().nullable(),
  closest: z.array(closestDocumentSchema),
  confidence: answerConfidenceSchema,
  corrections: z.array(queryCorrectionSchema),
});

export const doneEventSchema = z.object({
  type: z.literal("done"),
  conversationId: z.string(),
  messageId: z.string(),
  userMessageId: z.string(),
  mode: answerModeSchema,
  timings: answerTimingsSchema,
});

export const errorEventSchema = z.object({ type: z.literal("error"), code: z.string(), message: z.string() });

/** Events of one answer, in order: status*, delta*, citations, done — or error. Mapped 1:1 to SSE. */
export const answerEventSchema = z.discriminatedUnion("type", [
  statusEventSchema,
  deltaEventSchema,
  citationsEventSchema,
  doneEventSchema,
  errorEventSchema,
]);
export type AnswerEvent = z.infer<typeof answerEventSchema>;

/** An event as it goes over HTTP: `done` carries timings for admins only (see clientAnswerEvent). */
export const clientAnswerEventSchema = z.discriminatedUnion("type", [
  statusEventSchema,
  deltaEventSchema,
  citationsEventSchema,
  doneEventSchema.extend({ timings: answerTimingsSchema.optional() }),
  errorEventSchema,
]);
export type ClientAnswerEvent = z.infer<typeof clientAnswerEventSchema>;

/**
 * One SSE frame back into an event: the `event:` line names the type, the `data:` line holds the
 * rest as JSON (encodeSseEvent). Null for a frame that is not a well-formed answer event.
 */
export function decodeAnswerEvent({ frame }: { frame: SseFrame }): ClientAnswerEvent | null {
  let data: unknown;
  try {
    data = JSON.parse(frame.data);
  } catch {
    return null;
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return null;
  const parsed = clientAnswerEventSchema.safeParse({ ...data, type: frame.event });
  return parsed.success ? parsed.data : null;
}

/** Reads an answer stream's body as decoded events (frames that do not decode are skipped). */
export async function* readAnswerEvents({
  body,
}: {
  body: ReadableStream<Uint8Array>;
}): AsyncGenerator<ClientAnswerEvent> {
  for await (const frame of readSse(body)) {
    const event = decodeAnswerEvent({ frame });
    if (event) yield event;
  }
}
