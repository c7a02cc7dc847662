import { z } from "zod";
import { updateUser } from "@groundwork/auth";
import { plainText } from "~/lib/server/auth/plain-text";
import { route } from "~/lib/server/http/route";

export const PATCH = route({
  policy: "admin",
  body: z.object({
    role: z.enum(["employee", "support", "admin"]).optional(),
    disabled: z.boolean().optional(),
    groups: z.array(z.string()).max(100).optional(),
    displayName: plainText(z.string().trim().min(1).max(120)).optional(),
    password: plainText(z.string().min(10, "must be at least 10 characters").max(200)).optional(),
  }),
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
