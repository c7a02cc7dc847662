import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { conversations, feedback, feedbackTriage, messages } from "@groundwork/db/schema";
import type { AnswerFlag, Citation } from "./types";

/**
 * The admin side of answer ratings: the review state of each rating, the whole conversation a
 * rating came from, and the ratings chosen for the evaluation set in the golden-set format.
 * These reads are not limited to the reader's own history — callers gate them to admins, and
 * the web layer audits every read (see the admin conversation page).
 */

export const FEEDBACK_TRIAGE = feedbackTriage.enumValues;
export type FeedbackTriage = (typeof FEEDBACK_TRIAGE)[number];

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** Moves one rating to a review state; returns the state before so the audit row shows the change. */
export async function setFeedbackTriage({
  db,
  feedbackId,
  triage,
}: {
  db: Database;
  feedbackId: string;
  triage: FeedbackTriage;
}): Promise<{ id: string; before: FeedbackTriage; after: FeedbackTriage }> {
  if (!isUuid(feedbackId)) throw new GroundworkError("not_found", "That feedback does not exist.");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ triage: feedback.triage })
      .from(feedback)
      .where(eq(feedback.id, feedbackId))
      .for("update")
      .limit(1);
    if (!row) throw new GroundworkError("not_found", "That feedback does not exist.");
    await tx.update(feedback).set({ triage }).where(eq(feedback.id, feedbackId));
    return { id: feedbackId, before: row.triage, after: triage };
  });
}

export type AdminConversationMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode: string | null;
  citations: Citation[];
  flags: AnswerFlag[];
  createdAt: Date;
  /** The owner's rating of this answer, with its review state. */
  feedback: { id: string; rating: number; comment: string | null; triage: FeedbackTriage } | null;
};

export type AdminConversation = {
  id: string;
  title: string;
  /** The owner; their name comes from @groundwork/auth (users are its table). */
  userId: string;
  createdAt: Date;
  updatedAt: Date;
  messages: AdminConversationMessage[];
};

/**
 * Any user's conversation, every message as it was stored (an admin reviews what the user was
 * shown, including answers whose documents the user has since lost). Missing is not_found.
 */
export async function getConversationForAdmin({
  db,
  conversationId,
}: {
  db: Database;
  conversationId: string;
}): Promise<AdminConversation> {
  if (!isUuid(conversationId)) throw new GroundworkError("not_found", "That conversation does not exist.");
  const [conv] = await db.select().from(conversations).where(eq(conversations.id, conversationId)).limit(1);
  if (!conv) throw new GroundworkError("not_found", "That conversation does not exist.");
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const ids = rows.map((r) => r.id);
  const ratings = ids.length
    ? await db
        .select({
          id: feedback.id,
          messageId: feedback.messageId,
          rating: feedback.rating,
          comment: feedback.comment,
          triage: feedback.triage,
        })
        .from(feedback)
        .where(and(inArray(feedback.messageId, ids), eq(feedback.userId, conv.userId)))
    : [];
  return {
    id: conv.id,
    title: conv.title,
    userId: conv.userId,
    createdAt: conv.createdAt,
    updatedAt: conv.updatedAt,
    messages: rows.map((r) => {
      const fb = ratings.find((x) => x.messageId === r.id);
      return {
        id: r.id,
        role: r.role,
        content: r.content,
        mode: r.mode,
        citations: r.role === "assistant" && Array.isArray(r.citations) ? (r.citations as Citation[]) : [],
        flags: Array.isArray(r.flags) ? (r.flags as AnswerFlag[]) : [],
        createdAt: r.createdAt,
        feedback: fb ? { id: fb.id, rating: fb.rating, comment: fb.comment, triage: fb.triage } : null,
      };
    }),
  };
}

/**
 * One line of evals' golden set (ingest/corpus/golden-set.json, read by eval:answers): the
 * fields it reads, plus the rated answer and the rating so whoever adds the line can write
 * its mustContain phrases from them.
 */
export type GoldenSetCandidate = {
  id: string;
  question: string;
  asUser: string;
  expect: "answer" | "decline";
  expectedDocuments: string[];
  category: "feedback";
  answer: string;
  rating: number;
  comment: string | null;
};

/**
 * The ratings marked for the evaluation set, oldest first, as golden-set lines. A helpful
 * decline expects a decline; anything else expects an answer from the documents it cited.
 * `usernameOf` names the rater (the caller reads users from @groundwork/auth).
 */
export async function listEvalSetFeedback({
  db,
  usernameOf,
}: {
  db: Database;
  usernameOf: (userId: string) => string | undefined;
}): Promise<GoldenSetCandidate[]> {
  const rows = await db
    .select({
      id: feedback.id,
      rating: feedback.rating,
      comment: feedback.comment,
      userId: feedback.userId,
      messageId: messages.id,
      conversationId: messages.conversationId,
      answeredAt: messages.createdAt,
      answer: messages.content,
      mode: messages.mode,
      citations: messages.citations,
    })
    .from(feedback)
    .innerJoin(messages, eq(messages.id, feedback.messageId))
    .where(eq(feedback.triage, "eval"))
    .orderBy(asc(feedback.createdAt), asc(feedback.id));
  if (!rows.length) return [];
  // The question each answer replied to: the latest user turn before it in its conversation.
  const turns = await db
    .select({
      conversationId: messages.conversationId,
      content: messages.content,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .where(
      and(inArray(messages.conversationId, [...new Set(rows.map((r) => r.conversationId))]), eq(messages.role, "user")),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.map((r) => {
    const question =
      turns.filter((t) => t.conversationId === r.conversationId && t.createdAt <= r.answeredAt).at(-1)?.content ?? "";
    const cited = Array.isArray(r.citations) ? (r.citations as Citation[]) : [];
    const decline = r.mode === "abstain" && r.rating > 0;
    return {
      id: `feedback-${r.id}`,
      question,
      asUser: usernameOf(r.userId) ?? "",
      expect: decline ? "decline" : "answer",
      expectedDocuments: decline ? [] : [...new Set(cited.map((c) => c.path))],
      category: "feedback",
      answer: r.answer,
      rating: r.rating,
      comment: r.comment,
    };
  });
}
