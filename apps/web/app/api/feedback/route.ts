import { recordFeedback } from "@groundwork/assistant";
import { recordAuditEvent } from "@groundwork/audit";
import { route } from "~/lib/http/route";
import { feedbackRequestSchema } from "./feedback-request";

export const dynamic = "force-dynamic";

/** Thumbs up/down (and an optional comment) on one of the user's own answers. */
export const POST = route({
  policy: "user",
  body: feedbackRequestSchema,
  maxBodyBytes: 8 * 1024,
  handler: async ({ db, principal, body, requestId }) => {
    const saved = await recordFeedback({ db, userId: principal.userId, messageId: body.messageId, rating: body.rating, comment: body.comment ?? null });
    await recordAuditEvent({
      db,
      actor: { userId: principal.userId, username: principal.username },
      action: "feedback",
      target: body.messageId,
      requestId,
      detail: { rating: body.rating, conversationId: saved.conversationId, hasComment: Boolean(body.comment) },
    });
    return Response.json({ id: saved.id }, { status: 201 });
  },
});
