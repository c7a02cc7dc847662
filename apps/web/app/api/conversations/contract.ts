import { z } from "zod";

/** `?before=<ISO time>` pages back; `?limit=` 1–200 (default 50). */
export const listConversationsQuery = z.object({ before: z.string().optional(), limit: z.string().optional() });

export const conversationSummary = z.strictObject({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const listConversationsResponse = z.strictObject({ conversations: z.array(conversationSummary) });
