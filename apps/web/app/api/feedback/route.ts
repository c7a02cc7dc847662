import { recordFeedback } from "@groundwork/assistant";
import { route } from "~/lib/server/http/route";
import { feedbackRequestSchema, feedbackResponse } from "./contract";

export const dynamic = "force-dynamic";

/** Thumbs up/down (and an optional comment) on one of the user's own answers. */
export const POST = route({
  policy: "user",
  body: feedbackRequestSchema,
  response: feedbackResponse,
  maxBodyBytes: 8 * 1024,
  audit: { action: "feedback" },
  handler: async ({ db, principal, body, audit }) => {
    audit.note({ target: body.messageId, detail: { rating: body.rating, hasComment: Boolean(body.comment) } });
    const saved = await recordFeedback({
      db,
      userId: principal.userId,
      messageId: body.messageId,
      rating: body.rating,
      comment: body.comment ?? null,
    });
    audit.note({ detail: { conversationId: saved.conversationId } });
    return Response.json({ id: saved.id }, { status: 201 });
  },
});
