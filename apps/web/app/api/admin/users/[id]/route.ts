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
    const { sessionsRevoked } = await updateUser({
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
    audit.note({ detail: { sessionsRevoked } });
    return Response.json({ ok: true, sessionsRevoked });
  },
});
