import { eq, inArray } from "drizzle-orm";
import { mapByIds } from "@groundwork/core/ids";
import type { Database } from "@groundwork/db/client";
import { conversations, messages } from "@groundwork/db/schema";

export type ConversationLabel = { title: string; userId: string };

/**
 * Conversations by id in one query, for the admin audit log (admin-only callers; the title is the
 * first question, which the audit row's detail holds anyway). Absent: not a uuid, or deleted since.
 */
export async function describeConversations({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, ConversationLabel>> {
  return mapByIds({
    ids,
    read: (wanted) =>
      db
        .select({ id: conversations.id, title: conversations.title, userId: conversations.userId })
        .from(conversations)
        .where(inArray(conversations.id, wanted)),
  });
}

/** Messages by id in one query: the conversation each belongs to (a feedback row's target is its message). */
export async function describeMessages({
  db,
  ids,
}: {
  db: Database;
  ids: Iterable<string>;
}): Promise<Map<string, { conversationId: string; title: string; userId: string }>> {
  return mapByIds({
    ids,
    read: (wanted) =>
      db
        .select({
          id: messages.id,
          conversationId: messages.conversationId,
          title: conversations.title,
          userId: conversations.userId,
        })
        .from(messages)
        .innerJoin(conversations, eq(conversations.id, messages.conversationId))
        .where(inArray(messages.id, wanted)),
  });
}
