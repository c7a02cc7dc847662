import { and, asc, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Principal } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { GroundworkError } from "@groundwork/db/errors";
import { conversations, feedback, messages } from "@groundwork/db/schema";
import { withReaderScope } from "@groundwork/db/scoped";
import type { PriorTurn } from "./condense-question";
import type { AnswerFlag, AnswerMode, AnswerTrace, Citation, ClosestDocument } from "./types";

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

export async function createConversation({ db, userId, title }: { db: Database; userId: string; title: string }): Promise<string> {
  const [row] = await db.insert(conversations).values({ userId, title }).returning({ id: conversations.id });
  return row!.id;
}

async function ownedConversation({ db, userId, conversationId }: { db: Database; userId: string; conversationId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(conversationId)) throw new GroundworkError("not_found", "That conversation does not exist.");
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
    .limit(1);
  if (!row) throw new GroundworkError("not_found", "That conversation does not exist.");
  return row;
}

/** Earlier questions and the standalone queries they became, oldest first (for condensing). */
export async function loadPriorTurns({ db, userId, conversationId }: { db: Database; userId: string; conversationId: string }): Promise<PriorTurn[]> {
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
  await db.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, conversationId));
  return row!.id;
}

export type ConversationSummary = { id: string; title: string; createdAt: string; updatedAt: string };

export async function listConversations({ db, userId, limit = 50, before }: { db: Database; userId: string; limit?: number; before?: Date }): Promise<ConversationSummary[]> {
  const rows = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.userId, userId), before ? lt(conversations.updatedAt, before) : undefined))
    .orderBy(desc(conversations.updatedAt))
    .limit(Math.min(Math.max(limit, 1), 200));
  return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}

export type StoredCitation = Citation & { revoked?: boolean };

export type ConversationMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode: string | null;
  citations: StoredCitation[];
  flags: AnswerFlag[];
  notice: string | null;
  closest: ClosestDocument[];
  createdAt: string;
  feedback: { rating: number; comment: string | null } | null;
};

/**
 * One conversation with its messages. Citations to documents the user can no longer open
 * (permissions changed since) come back marked `revoked`, without title, link or snippet.
 */
export async function getConversation({ db, principal, conversationId }: { db: Database; principal: Principal; conversationId: string }): Promise<ConversationSummary & { messages: ConversationMessage[] }> {
  const conv = await ownedConversation({ db, userId: principal.userId, conversationId });
  const rows = await db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.createdAt), asc(messages.id));
  const ids = rows.map((r) => r.id);
  const ratings = ids.length
    ? await db
        .select({ messageId: feedback.messageId, rating: feedback.rating, comment: feedback.comment })
        .from(feedback)
        .where(and(inArray(feedback.messageId, ids), eq(feedback.userId, principal.userId)))
    : [];
  const closestOf = (trace: unknown): ClosestDocument[] => (Array.isArray((trace as Partial<AnswerTrace>).closest) ? (trace as AnswerTrace).closest : []);
  const documentIds = [...new Set(rows.flatMap((r) => [...(r.citations as Citation[]).map((c) => c.documentId), ...closestOf(r.trace).map((d) => d.documentId)]))];
  const visible = new Set<string>();
  if (documentIds.length) {
    const list = JSON.stringify(documentIds);
    const res = await withReaderScope({
      db,
      scope: { principals: principal.principals, isAdmin: principal.isAdmin },
      fn: (tx) => tx.execute<{ id: string }>(sql`select id::text as id from documents where id in (select jsonb_array_elements_text(${list}::jsonb)::uuid)`),
    });
    for (const r of res.rows) visible.add(r.id);
  }
  return {
    id: conv.id,
    title: conv.title,
    createdAt: conv.createdAt.toISOString(),
    updatedAt: conv.updatedAt.toISOString(),
    messages: rows.map((r) => {
      const fb = ratings.find((x) => x.messageId === r.id);
      return {
        id: r.id,
        role: r.role,
        content: r.content,
        mode: r.mode,
        citations: (r.citations as Citation[]).map((c) =>
          visible.has(c.documentId) ? c : { ...c, title: "Document no longer available to you", path: "", href: "", snippet: "", revoked: true },
        ),
        flags: r.flags as AnswerFlag[],
        notice: typeof (r.trace as Partial<AnswerTrace>).notice === "string" ? (r.trace as AnswerTrace).notice : null,
        closest: closestOf(r.trace).filter((d) => visible.has(d.documentId)),
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
    .onConflictDoUpdate({ target: [feedback.messageId, feedback.userId], set: { rating, comment, createdAt: sql`now()` } })
    .returning({ id: feedback.id });
  return { id: row!.id, conversationId: owned.conversationId };
}
