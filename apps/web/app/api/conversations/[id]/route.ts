import { deleteConversation, getConversation, renameConversation } from "@groundwork/assistant";
import { route } from "~/lib/server/http/route";
import {
  deleteConversationResponse,
  getConversationResponse,
  renameConversationRequest,
  renameConversationResponse,
} from "./contract";

export const dynamic = "force-dynamic";

/**
 * One of the user's own conversations with its messages; anyone else's is a 404, audited as
 * `not_found` exactly like one that does not exist.
 */
export const GET = route({
  policy: "user",
  response: getConversationResponse,
  audit: { action: "conversation.view", target: ({ params }) => (typeof params.id === "string" ? params.id : null) },
  handler: async ({ db, principal, params, audit }) => {
    const id = typeof params.id === "string" ? params.id : "";
    const conversation = await getConversation({ db, principal, conversationId: id });
    audit.note({ detail: { messages: conversation.messages.length } });
    return Response.json(conversation, { headers: { "cache-control": "no-store" } });
  },
});

const conversationTarget = ({ params }: { params: Record<string, string | string[]> }) =>
  typeof params.id === "string" ? params.id : null;

/** Renames one of the user's own conversations; anyone else's is the same 404 as a missing one. */
export const PATCH = route({
  policy: "user",
  body: renameConversationRequest,
  response: renameConversationResponse,
  audit: { action: "conversation.rename", target: conversationTarget },
  handler: async ({ db, principal, params, body }) => {
    const id = typeof params.id === "string" ? params.id : "";
    // The audit row names the conversation, not its new title: titles are the user's own questions.
    const conversation = await renameConversation({
      db,
      userId: principal.userId,
      conversationId: id,
      title: body.title,
    });
    return Response.json(conversation, { headers: { "cache-control": "no-store" } });
  },
});

/** Deletes one of the user's own conversations (messages and feedback cascade); anyone else's is a 404. */
export const DELETE = route({
  policy: "user",
  response: deleteConversationResponse,
  audit: { action: "conversation.delete", target: conversationTarget },
  handler: async ({ db, principal, params, audit }) => {
    const id = typeof params.id === "string" ? params.id : "";
    const { messages } = await deleteConversation({ db, userId: principal.userId, conversationId: id });
    audit.note({ detail: { messages } });
    return Response.json({ ok: true, messages }, { headers: { "cache-control": "no-store" } });
  },
});
