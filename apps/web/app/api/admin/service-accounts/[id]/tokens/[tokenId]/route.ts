import { revokeApiToken } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { revokeTokenResponse } from "./contract";

/** Revokes a service account's token (refused from the next request on). */
export const DELETE = route({
  policy: "admin",
  response: revokeTokenResponse,
  audit: { action: "service_account.token_revoke", target: ({ params }) => String(params.tokenId) },
  handler: async ({ db, params }) =>
    Response.json({ token: await revokeApiToken({ db, id: String(params.tokenId), userId: String(params.id) }) }),
});
