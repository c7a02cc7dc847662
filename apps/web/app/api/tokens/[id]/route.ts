import { revokeApiToken } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { revokeTokenResponse } from "./contract";

/** Revokes one of the caller's own tokens; another user's id is the same 404 as an unknown one. */
export const DELETE = route({
  policy: "user",
  response: revokeTokenResponse,
  audit: { action: "token.revoke", target: ({ params }) => String(params.id) },
  handler: async ({ db, params, principal }) =>
    Response.json({ token: await revokeApiToken({ db, id: String(params.id), userId: principal.userId }) }),
});
