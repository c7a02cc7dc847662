import { createApiToken, listApiTokens, serviceAccountOrThrow } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { createServiceAccountTokenRequest, createTokenResponse, listServiceAccountTokensResponse } from "./contract";

export const GET = route({
  policy: "admin",
  response: listServiceAccountTokensResponse,
  handler: async ({ db, params }) => {
    const id = String(params.id);
    await serviceAccountOrThrow({ db, id });
    return Response.json({ tokens: await listApiTokens({ db, userId: id }) });
  },
});

/** Issues a token for the service account (any scope, ingest:write:<source> included); its text is in this response only. */
export const POST = route({
  policy: "admin",
  body: createServiceAccountTokenRequest,
  response: createTokenResponse,
  audit: { action: "service_account.token_create", target: ({ params }) => String(params.id) },
  handler: async ({ db, body, params, principal, audit }) => {
    const id = String(params.id);
    audit.note({ detail: { name: body.name, scopes: body.scopes, expiresInDays: body.expiresInDays } });
    await serviceAccountOrThrow({ db, id });
    const { token, listing } = await createApiToken({
      db,
      userId: id,
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null,
      rateLimitPerMinute: body.rateLimitPerMinute,
      createdBy: principal.userId,
    });
    audit.note({ detail: { tokenId: listing.id } });
    return Response.json({ token, listing }, { status: 201 });
  },
});
