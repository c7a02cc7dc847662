import { listConversations } from "@groundwork/assistant";
import { GroundworkError } from "@groundwork/core/errors";
import { route } from "~/lib/server/http/route";
import { listConversationsResponse } from "./contract";

export const dynamic = "force-dynamic";

/** The signed-in user's conversations, most recent first; `?before=<ISO time>` pages back. */
export const GET = route({
  policy: "user",
  response: listConversationsResponse,
  audit: { action: "conversation.list" },
  handler: async ({ req, db, principal, audit }) => {
    const url = new URL(req.url);
    const beforeParam = url.searchParams.get("before");
    const before = beforeParam ? new Date(beforeParam) : undefined;
    if (before && Number.isNaN(before.getTime()))
      throw new GroundworkError("bad_request", "Invalid request: before must be a date.");
    const limit = Math.min(Math.max(Number(url.searchParams.get("limit") ?? 50) || 50, 1), 200);
    const conversations = await listConversations({ db, userId: principal.userId, limit, before });
    audit.note({ detail: { returned: conversations.length } });
    return Response.json({ conversations }, { headers: { "cache-control": "no-store" } });
  },
});
