import { z } from "zod";

/** `?before=<ISO time>` pages back; `?limit=` 1–200 (default 50); `?q=` matches titles and the user's questions. */
export const listConversationsQuery = z.object({
  before: z.string().optional(),
  limit: z.string().optional(),
  q: z.string().max(200).optional(),
});

export const conversationSummary = z.strictObject({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listConversationsResponse = z.strictObject({ conversations: z.array(conversationSummary) });
