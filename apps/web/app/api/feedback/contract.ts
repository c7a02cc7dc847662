import { z } from "zod";

export const feedbackRequestSchema = z
  .object({
    messageId: z.string().uuid(),
    rating: z.union([z.literal(1), z.literal(-1)]),
    comment: z.string().trim().max(2_000).optional(),
  })
  .strict();

export type FeedbackRequestBody = z.infer<typeof feedbackRequestSchema>;

export const feedbackResponse = z.strictObject({ id: z.uuid() });
