import { setFeedbackTriage } from "@groundwork/assistant";
import { route } from "~/lib/server/http/route";
import { updateFeedbackRequest, updateFeedbackResponse } from "./contract";

export const dynamic = "force-dynamic";

/** Sets a rating's review state (new / reviewed / added to the eval set); a missing id is 404. */
export const PATCH = route({
  policy: "admin",
  body: updateFeedbackRequest,
  response: updateFeedbackResponse,
  maxBodyBytes: 1024,
  audit: { action: "feedback.triage", target: ({ params }) => String(params.id).slice(0, 200) },
  handler: async ({ db, body, params, audit }) => {
    const { id, before, after } = await setFeedbackTriage({ db, feedbackId: String(params.id), triage: body.triage });
    // before/after: the audit page shows the change as a diff.
    audit.note({ detail: { before: { triage: before }, after: { triage: after } } });
    return Response.json({ id, before, triage: after });
  },
});
