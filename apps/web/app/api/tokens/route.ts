import { createApiToken, listApiTokens, mayHoldIngestScopes, READ_SCOPES } from "@groundwork/auth";
import { route } from "~/lib/server/http/route";
import { createTokenRequest, createTokenResponse, listTokensResponse } from "./contract";

/** The caller's own personal access tokens (the settings page). */
export const GET = route({
  policy: "user",
  response: listTokensResponse,
  handler: async ({ db, principal }) =>
    Response.json({
      tokens: await listApiTokens({ db, userId: principal.userId }),
      grantableScopes: READ_SCOPES,
      mayWriteSources: mayHoldIngestScopes({ role: principal.role, kind: "person" }),
    }),
});

/** Issues a personal token for the caller; its text is in this response only. */
export const POST = route({
  policy: "user",
  body: createTokenRequest,
  response: createTokenResponse,
  audit: { action: "token.create" },
  handler: async ({ db, body, principal, audit }) => {
    audit.note({ detail: { name: body.name, scopes: body.scopes, expiresInDays: body.expiresInDays } });
    const { token, listing } = await createApiToken({
      db,
      userId: principal.userId,
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * 86_400_000) : null,
      createdBy: principal.userId,
    });
    await audit.record({ target: listing.id });
    return Response.json({ token, listing }, { status: 201 });
  },
});
