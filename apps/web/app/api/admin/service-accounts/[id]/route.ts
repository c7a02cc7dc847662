import { updateServiceAccount } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { updateServiceAccountRequest, updateServiceAccountResponse } from "./contract";

/** Groups (what its tokens may read), display name, or disabling (all its tokens refused at the next request). */
export const PATCH = route({
  policy: "admin",
  body: updateServiceAccountRequest,
  response: updateServiceAccountResponse,
  audit: { action: "service_account.update", target: ({ params }) => String(params.id) },
  handler: async ({ db, body, params, principal, audit }) => {
    audit.note({ detail: { ...body } });
    await updateServiceAccount({
      db,
      actor: principal,
      id: String(params.id),
      ...(body.groups ? { groupNames: body.groups } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      ...(body.displayName ? { displayName: body.displayName } : {}),
    });
    return Response.json({ ok: true });
  },
});
