import { and, asc, desc, eq, exists, ilike, inArray, lt, or, sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/core/errors";
import { conversations, feedback, messages } from "@groundwork/db/schema";
import { listReadableDocumentIds } from "@groundwork/retrieval";
import type { PriorTurn } from "./condense-question";
import { abstentionText } from "./generate-answer";
import { keepCitedText } from "./keep-cited-text";
import type {
  AnswerConfidence,
  AnswerFlag,
  AnswerMode,
  AnswerTrace,
  Citation,
  ClosestDocument,
  QueryCorrection,
} from "./types";
import { containsPattern } from "@groundwork/db/like-pattern";

/**
 * The assistant's one query module for conversations, messages and feedback. Every read and
 * write names the owning user in its predicate: a conversation id from a request body is never
 * enough to reach someone else's history.
 */

const HISTORY_TURNS = 6;

export function titleFor(question: string): string {
  const t = question.replace(/\s+/g, " ").trim();
  return t.length > 80 ? `${t.slice(0, 77)}…` : t || "New conversation";
}

export async function createConversation({
  db,
  userId,
  title,
}: {
  db: Database;
  userId: string;
  title: string;
}): Promise<string> {
  const [row] = await db.insert(conversations).values({ userId, title }).returning({ id: conversations.id });
  return row!.id;
}

/** One user's conversation: reads name the owner with the id, so another user's id is simply not found. */
type OwnedConversationRef = { db: Database; userId: string; conversationId: string };

async function ownedConversation({ db, userId, conversationId }: OwnedConversationRef) {
  if (!/^[0-9a-f-]{36}$/i.test(conversationId))
    throw new GroundworkError("not_found", "That conversation does not exist.");
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
    .limit(1);
  if (!row) throw new GroundworkError("not_found", "That conversation does not exist.");
  return row;
}

/** Earlier questions and the standalone queries they became, oldest first (for condensing). */
export async function loadPriorTurns({ db, userId, conversationId }: OwnedConversationRef): Promise<PriorTurn[]> {
  await ownedConversation({ db, userId, conversationId });
  const rows = await db
    .select({ role: messages.role, content: messages.content, trace: messages.trace })
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(HISTORY_TURNS * 2);
  rows.reverse();
  const turns: PriorTurn[] = [];
  for (const r of rows) {
    if (r.role === "user") turns.push({ question: r.content, standaloneQuery: r.content });
    else {
      const last = turns.at(-1);
      const q = (r.trace as Partial<AnswerTrace>).standaloneQuery;
      if (last && typeof q === "string" && q) last.standaloneQuery = q;
    }
  }
  return turns;
}

export async function appendMessage({
  db,
  conversationId,
  role,
  content,
  mode = null,
  citations = [],
  flags = [],
  trace = {},
}: {
  db: Database;
  conversationId: string;
  role: "user" | "assistant";
  content: string;
  mode?: AnswerMode | null;
  citations?: Citation[];
  flags?: AnswerFlag[];
  trace?: AnswerTrace | Record<string, unknown>;
}): Promise<string> {
  const [row] = await db
    .insert(messages)
    .values({ conversationId, role, content, mode, citations, flags, trace: trace as Record<string, unknown> })
    .returning({ id: messages.id });
  await db
    .update(conversations)
    .set({ updatedAt: sql`now()` })
    .where(eq(conversations.id, conversationId));
  return row!.id;
}

export type ConversationSummary = { id: string; title: string; createdAt: string; updatedAt: string };

export async function listConversations({
  db,
  userId,
  limit = 50,
  before,
  query,
}: {
  db: Database;
  userId: string;
  limit?: number;
  before?: Date;
  /**
   * Matches the title or one of the user's own questions. Answers are not searched: their text
   * quotes documents the user may no longer read, and a match would reveal that text.
   */
  query?: string;
}): Promise<ConversationSummary[]> {
  const q = query?.trim();
  const matches = q
    ? or(
        ilike(conversations.title, containsPattern(q)),
        exists(
          db
            .select({ one: sql`1` })
            .from(messages)
            .where(
              and(
                eq(messages.conversationId, conversations.id),
                eq(messages.role, "user"),
                ilike(messages.content, containsPattern(q)),
              ),
            ),
        ),
      )
    : undefined;
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.userId, userId), before ? lt(conversations.updatedAt, before) : undefined, matches))
    .orderBy(desc(conversations.updatedAt))
    .limit(Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** What an answer shows in history once the reader can no longer read any document it cited. */
export const WITHHELD_ANSWER_TEXT = "withheld: sources no longer available";

export type ConversationMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode: string | null;
  /** Only citations to documents the reader can still read. */
  citations: Citation[];
  flags: AnswerFlag[];
  notice: string | null;
  closest: ClosestDocument[];
  /** As the answer was shown: "closest" for an offline answer that was only the nearest passage; null before it was stored. */
  confidence: AnswerConfidence | null;
  /** Spelling corrections retrieval applied ("Searched for …"); none once the answer is withheld. */
  corrections: QueryCorrection[];
  createdAt: string;
  feedback: { rating: number; comment: string | null } | null;
  /** The answer's text was withheld: every document it cited is out of the reader's reach now. */
  withheld: boolean;
  /** Citations dropped because their document is out of the reader's reach now. */
  revokedCitations: number;
};

/**
 * An assistant message as this reader may see it now. Answer text is quoted from the documents
 * it cites, so once the reader can read none of them the text (and its flags, which quote it)
 * is withheld; when some remain, the citations to the others are dropped and so is every stretch
 * of text not tied to a readable one alone (see keepCitedText). Abstentions and messages without
 * citations quote nothing and are left alone.
 */
function visibleAnswer({
  content,
  mode,
  citations,
  flags,
  closest,
  visible,
}: {
  content: string;
  mode: string | null;
  citations: Citation[];
  flags: AnswerFlag[];
  /** The closest documents a decline named when it was given. */
  closest: ClosestDocument[];
  visible: Set<string>;
}) {
  const kept = citations.filter((c) => visible.has(c.documentId));
  const revokedCitations = citations.length - kept.length;
  // A decline's text names its closest documents (title, path, owner): written again from the
  // ones the reader may still see, so a revoked or deleted document's name does not outlive it.
  if (mode === "abstain" && closest.length > 0) {
    const still = closest.filter((d) => visible.has(d.documentId));
    return { content: abstentionText(still), citations: kept, flags, withheld: false, revokedCitations };
  }
  const withheld = { content: WITHHELD_ANSWER_TEXT, citations: [], flags: [], withheld: true, revokedCitations };
  if (mode !== "abstain" && citations.length > 0 && kept.length === 0) return withheld;
  if (mode !== "abstain" && revokedCitations > 0) {
    // Some sources are out of reach: only the text quoting the readable ones stays, and only
    // the flags on that text (a flag quotes its sentence).
    const readable = new Set(kept.map((c) => c.n));
    const text = keepCitedText({ content, keep: readable });
    if (!text) return withheld;
    const keptFlags = flags.filter((f) => f.citations.length > 0 && f.citations.every((n) => readable.has(n)));
    return { content: text, citations: kept, flags: keptFlags, withheld: false, revokedCitations };
  }
  return { content, citations: kept, flags, withheld: false, revokedCitations };
}

/** The stored confidence, or null for a trace from before it was recorded (or not one of ours). */
function confidenceOf(trace: unknown): AnswerConfidence | null {
  const c = (trace as Partial<AnswerTrace> | null)?.confidence;
  return c === "answer" || c === "closest" ? c : null;
}

/**
 * The stored corrections, well-formed pairs only. Withheld answers show none: a corrected word
 * came from the reader's vocabulary when they asked, which may now hold only documents they
 * can no longer read.
 */
function correctionsOf(trace: unknown, withheld: boolean): QueryCorrection[] {
  const list = (trace as Partial<AnswerTrace> | null)?.corrections;
  if (withheld || !Array.isArray(list)) return [];
  return list
    .filter(
      (c): c is QueryCorrection =>
        !!c && typeof c === "object" && typeof c.from === "string" && typeof c.to === "string",
    )
    .map((c) => ({ from: c.from, to: c.to }));
}

/**
 * One conversation with its messages, as the reader may see it now: citations to documents
 * they can no longer open are dropped, and an answer whose cited documents are all out of
 * reach is withheld (see visibleAnswer).
 */
export async function getConversation({
  db,
  principal,
  conversationId,
}: {
  db: Database;
  principal: Principal;
  conversationId: string;
}): Promise<ConversationSummary & { messages: ConversationMessage[] }> {
  const conv = await ownedConversation({ db, userId: principal.userId, conversationId });
  const rows = await db
    .select()
    .from(messages)
    .where(eq(messages.conversationId, conversationId))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const ids = rows.map((r) => r.id);
  const ratings = ids.length
    ? await db
        .select({ messageId: feedback.messageId, rating: feedback.rating, comment: feedback.comment })
        .from(feedback)
        .where(and(inArray(feedback.messageId, ids), eq(feedback.userId, principal.userId)))
    : [];
  const closestOf = (trace: unknown): ClosestDocument[] =>
    Array.isArray((trace as Partial<AnswerTrace>).closest) ? (trace as AnswerTrace).closest : [];
  const citationsOf = (r: (typeof rows)[number]): Citation[] =>
    r.role === "assistant" && Array.isArray(r.citations) ? (r.citations as Citation[]) : [];
  const documentIds = [
    ...new Set(
      rows.flatMap((r) => [...citationsOf(r).map((c) => c.documentId), ...closestOf(r.trace).map((d) => d.documentId)]),
    ),
  ];
  const visible = await listReadableDocumentIds({ db, principal, documentIds });
  return {
    id: conv.id,
    title: conv.title,
    createdAt: conv.createdAt.toISOString(),
    updatedAt: conv.updatedAt.toISOString(),
    messages: rows.map((r) => {
      const fb = ratings.find((x) => x.messageId === r.id);
      const shown = visibleAnswer({
        content: r.content,
        mode: r.mode,
        citations: citationsOf(r),
        flags: r.flags as AnswerFlag[],
        closest: closestOf(r.trace),
        visible,
      });
      return {
        id: r.id,
        role: r.role,
        mode: r.mode,
        ...shown,
        notice: typeof (r.trace as Partial<AnswerTrace>).notice === "string" ? (r.trace as AnswerTrace).notice : null,
        closest: closestOf(r.trace).filter((d) => visible.has(d.documentId)),
        confidence: confidenceOf(r.trace),
        // A corrected word came from the reader's vocabulary when they asked; once any cited
        // document is out of reach it may be that document's word.
        corrections: correctionsOf(r.trace, shown.withheld || shown.revokedCitations > 0),
        createdAt: r.createdAt.toISOString(),
        feedback: fb ? { rating: fb.rating, comment: fb.comment } : null,
      };
    }),
  };
}

/** A rating on one of the user's own assistant messages; a second rating replaces the first. */
export async function recordFeedback({
  db,
  userId,
  messageId,
  rating,
  comment = null,
}: {
  db: Database;
  userId: string;
  messageId: string;
  rating: 1 | -1;
  comment?: string | null;
}): Promise<{ id: string; conversationId: string }> {
  const [owned] = await db
    .select({ id: messages.id, role: messages.role, conversationId: messages.conversationId })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, messageId), eq(conversations.userId, userId)))
    .limit(1);
  if (!owned) throw new GroundworkError("not_found", "That message does not exist.");
  if (owned.role !== "assistant") throw new GroundworkError("bad_request", "Only answers can be rated.");
  const [row] = await db
    .insert(feedback)
    .values({ messageId, userId, rating, comment })
    .onConflictDoUpdate({
      target: [feedback.messageId, feedback.userId],
      set: { rating, comment, createdAt: sql`now()` },
    })
    .returning({ id: feedback.id });
  return { id: row!.id, conversationId: owned.conversationId };
}

/** Renames one of the user's own conversations; anyone else's is not found, like a missing one. */
export async function renameConversation({
  db,
  userId,
  conversationId,
  title,
}: OwnedConversationRef & { title: string }): Promise<ConversationSummary> {
  await ownedConversation({ db, userId, conversationId });
  const clean = titleFor(title);
  // updatedAt is left alone: renaming is not activity, the conversation keeps its place in history.
  const [row] = await db
    .update(conversations)
    .set({ title: clean })
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
    .returning();
  if (!row) throw new GroundworkError("not_found", "That conversation does not exist.");
  return {
    id: row.id,
    title: row.title,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Deletes one of the user's own conversations with its messages and their feedback (the
 * foreign keys cascade); anyone else's is not found, like a missing one.
 */
export async function deleteConversation({
  db,
  userId,
  conversationId,
}: OwnedConversationRef): Promise<{ messages: number }> {
  await ownedConversation({ db, userId, conversationId });
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  const deleted = await db
    .delete(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  if (!deleted.length) throw new GroundworkError("not_found", "That conversation does not exist.");
  return { messages: counted?.n ?? 0 };
}
