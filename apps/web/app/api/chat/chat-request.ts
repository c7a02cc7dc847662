import { z } from "zod";
import { searchFiltersSchema } from "../search/search-request";

/** The principal is never part of the body: it comes from the session. */
export const chatRequestSchema = z
  .object({
    question: z.string().trim().min(1, "is empty").max(4_000),
    conversationId: z.string().uuid().nullish(),
    filters: searchFiltersSchema.optional(),
  })
  .strict();

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;
