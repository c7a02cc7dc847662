import { getConversation } from "@groundwork/assistant";
import { route } from "~/lib/http/route";

export const dynamic = "force-dynamic";

/** One of the user's own conversations with its messages; anyone else's is a 404. */
export const GET = route({
  policy: "user",
  handler: async ({ db, principal, params }) => {
    const id = typeof params.id === "string" ? params.id : "";
    const conversation = await getConversation({ db, principal, conversationId: id });
    return Response.json(conversation, { headers: { "cache-control": "no-store" } });
  },
});
