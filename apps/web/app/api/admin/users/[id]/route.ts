import { z } from "zod";
import { audit, updateUser } from "~/lib/admin-actions";
import { route } from "~/lib/http/route";

export const PATCH = route({
  policy: "admin",
  body: z.object({
    role: z.enum(["employee", "support", "admin"]).optional(),
    disabled: z.boolean().optional(),
    groups: z.array(z.string()).max(100).optional(),
    displayName: z.string().trim().min(1).max(120).optional(),
    password: z.string().min(10, "must be at least 10 characters").max(200).optional(),
  }),
  handler: async ({ db, body, params, principal, requestId }) => {
    const userId = String(params.id);
    await updateUser({ db, actor: principal, userId, role: body.role, disabled: body.disabled, groupNames: body.groups, displayName: body.displayName, password: body.password });
    const { password: _password, ...changed } = body;
    await audit({ db, principal, action: "user.update", target: userId, requestId, detail: { ...changed, passwordChanged: Boolean(body.password) } });
    return Response.json({ ok: true });
  },
});
