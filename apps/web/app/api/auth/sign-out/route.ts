import { recordAuditEvent } from "@groundwork/audit";
import { destroySession } from "~/lib/server/auth/session";
import { route } from "~/lib/server/http/route";
import { signOutResponse } from "./contract";

export const POST = route({
  policy: "user",
  response: signOutResponse,
  handler: async ({ db, principal, requestId }) => {
    await destroySession({ db });
    await recordAuditEvent({
      db,
      actor: { userId: principal.userId, username: principal.username },
      action: "auth.sign_out",
      requestId,
    });
    return Response.json({ ok: true });
  },
});
