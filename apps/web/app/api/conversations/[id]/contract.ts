import { z } from "zod";
import {
  answerConfidenceSchema,
  answerFlagSchema,
  citationSchema,
  closestDocumentSchema,
  queryCorrectionSchema,
} from "@groundwork/assistant/events";
import { plainText } from "~/lib/server/auth/plain-text";
import { conversationSummary } from "../contract";

/** A stored message as this reader may see it now (citations to documents out of reach dropped, text withheld when none remain). */
export const conversationMessage = z.strictObject({
  id: z.uuid(),
  role: z.enum(["user", "assistant"]),
  content: z.string(),
  mode: z.string().nullable(),
  citations: z.array(citationSchema),
  flags: z.array(answerFlagSchema),
  notice: z.string().nullable(),
  closest: z.array(closestDocumentSchema),
  confidence: answerConfidenceSchema.nullable(),
  corrections: z.array(queryCorrectionSchema),
  createdAt: z.string(),
  feedback: z.strictObject({ rating: z.number().int(), comment: z.string().nullable() }).nullable(),
  withheld: z.boolean(),
  revokedCitations: z.number().int(),
});

export const getConversationResponse = conversationSummary.extend({ messages: z.array(conversationMessage) });

/** A new title; whitespace is collapsed and it is cut at 80 characters like a title from the first question. */
export const renameConversationRequest = z.strictObject({
  title: plainText(z.string().trim().min(1, "must not be empty").max(200)),
});
export const renameConversationResponse = conversationSummary;

/** How many messages went with the conversation. */
export const deleteConversationResponse = z.strictObject({ ok: z.literal(true), messages: z.number().int() });
