import { updateUser } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { updateUserRequest, updateUserResponse } from "./contract";

export const PATCH = route({
  policy: "admin",
  body: updateUserRequest,
  response: updateUserResponse,
  audit: { action: "user.update", target: ({ params }) => String(params.id) },
  handler: async ({ db, body, params, principal, session, audit }) => {
    const userId = String(params.id);
    const { password: _password, ...changed } = body;
    audit.note({ detail: { ...changed, passwordChanged: Boolean(body.password) } });
    const { sessionsRevoked, before, after } = await updateUser({
      db,
      actor: principal,
      actorSessionId: session?.sessionId ?? null,
      userId,
      role: body.role,
      disabled: body.disabled,
      groupNames: body.groups,
      displayName: body.displayName,
      password: body.password,
    });
    // before/after: the audit page shows the change as a diff (the password never appears in either).
    audit.note({ detail: { sessionsRevoked, before, after } });
    return Response.json({ ok: true, sessionsRevoked });
  },
});
