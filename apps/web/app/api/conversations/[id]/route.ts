import { getConversation } from "@groundwork/assistant";
import { route } from "~/lib/server/http/route";
import { getConversationResponse } from "./contract";

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
