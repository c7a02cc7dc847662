import type { Database } from "@groundwork/db/client";
import type { PriorTurn } from "./condense-question";
import { createConversation, loadPriorTurns, titleFor } from "./conversation-queries";

/**
 * The conversation the question belongs to: its earlier turns when it continues one (the
 * caller's own — loadPriorTurns refuses anyone else's), else a new conversation titled after it.
 */
export async function openConversation({
  db,
  userId,
  conversationId,
  question,
}: {
  db: Database;
  userId: string;
  conversationId: string | null;
  question: string;
}): Promise<{ conversationId: string; history: PriorTurn[] }> {
  if (conversationId) return { conversationId, history: await loadPriorTurns({ db, userId, conversationId }) };
  return { conversationId: await createConversation({ db, userId, title: titleFor(question) }), history: [] };
}
