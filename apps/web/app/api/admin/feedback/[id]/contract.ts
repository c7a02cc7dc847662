import { z } from "zod";

/** The review state an admin gives one answer rating. */
export const feedbackTriageSchema = z.enum(["new", "reviewed", "eval"]);

export const updateFeedbackRequest = z.object({ triage: feedbackTriageSchema }).strict();

export type UpdateFeedbackBody = z.infer<typeof updateFeedbackRequest>;

/** The state before and after, so the page can show (and undo) the change. */
export const updateFeedbackResponse = z.strictObject({
  id: z.uuid(),
  before: feedbackTriageSchema,
  triage: feedbackTriageSchema,
});
