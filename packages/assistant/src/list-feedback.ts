import { desc, eq, sql } from "drizzle-orm";
import type { FeedbackTriage } from "./feedback-triage";
import type { Database } from "@groundwork/db/client";
import { conversations, feedback, messages } from "@groundwork/db/schema";

export type FeedbackForReview = {
  id: string;
  rating: number;
  comment: string | null;
  triage: FeedbackTriage;
  createdAt: Date;
  /** Who rated; their name comes from @groundwork/auth (users are its table). */
  userId: string;
  messageId: string;
  answer: string;
  mode: string | null;
  conversationId: string;
  conversationTitle: string;
  /** The user turn the rated answer replied to. */
  question: string | null;
};

/** The newest answer ratings with the question and answer they rate (the admin review page), optionally in one review state. */
export async function listFeedbackForReview({
  db,
  limit = 200,
  triage,
}: {
  db: Database;
  limit?: number;
  triage?: FeedbackTriage;
}): Promise<FeedbackForReview[]> {
  return db
    .select({
      id: feedback.id,
      rating: feedback.rating,
      comment: feedback.comment,
      triage: feedback.triage,
      createdAt: feedback.createdAt,
      userId: feedback.userId,
      messageId: messages.id,
      answer: messages.content,
      mode: messages.mode,
      conversationId: conversations.id,
      conversationTitle: conversations.title,
      question: sql<
        string | null
      >`(select m2.content from ${messages} m2 where m2.conversation_id = ${messages.conversationId} and m2.role = 'user' and m2.created_at <= ${messages.createdAt} order by m2.created_at desc limit 1)`,
    })
    .from(feedback)
    .innerJoin(messages, eq(messages.id, feedback.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(triage ? eq(feedback.triage, triage) : undefined)
    .orderBy(desc(feedback.createdAt))
    .limit(limit);
}
