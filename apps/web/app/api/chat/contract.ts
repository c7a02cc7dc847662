import { z } from "zod";
import { searchFiltersSchema } from "../search/contract";

/** The principal is never part of the body: it comes from the session. */
export const chatRequestSchema = z
  .object({
    question: z.string().trim().min(1, "is empty").max(4_000),
    conversationId: z.string().uuid().nullish(),
    filters: searchFiltersSchema.optional(),
  })
  .strict();

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/**
 * The response is a server-sent event stream, not JSON: each frame's data is one AnswerEvent
 * (@groundwork/assistant/events, which the client decodes with). Failures before the stream
 * starts use the usual error shape.
 */
export { answerEventSchema as chatEvent } from "@groundwork/assistant/events";
