import { listConversations } from "@groundwork/assistant";
import { GroundworkError } from "@groundwork/core/errors";
import { route } from "~/lib/server/http/route";
import { listConversationsResponse } from "./contract";

export const dynamic = "force-dynamic";

/** The signed-in user's conversations, most recent first; `?before=<ISO time>` pages back, `?q=` searches titles and questions. */
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
    const query = (url.searchParams.get("q") ?? "").trim();
    if (query.length > 200)
      throw new GroundworkError("bad_request", "Invalid request: q must be at most 200 characters.");
    const conversations = await listConversations({ db, userId: principal.userId, limit, before, query });
    // Whether a search ran, never its text: the user's questions stay out of the audit trail.
    audit.note({ detail: { returned: conversations.length, searched: query.length > 0 } });
    return Response.json({ conversations }, { headers: { "cache-control": "no-store" } });
  },
});
