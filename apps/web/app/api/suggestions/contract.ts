import { z } from "zod";

/** `?near=<chunk id>,<chunk id>` (an answer's cited passages, at most 12); none: first-run suggestions. */
export const suggestionsQuery = z.object({
  near: z
    .string()
    .max(12 * 37)
    .optional(),
});

/** A question the caller's own documents answer: a section of a document they can read. */
export const suggestion = z.strictObject({
  question: z.string(),
  documentId: z.uuid(),
  title: z.string(),
  heading: z.string(),
});

export const suggestionsResponse = z.strictObject({ suggestions: z.array(suggestion) });
