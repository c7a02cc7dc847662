import { READ_SCOPES } from "@groundwork/auth";
import { publicBaseUrl } from "~/lib/server/developer/public-base-url";
import { readDeveloperEnv } from "~/lib/env";
import { route } from "~/lib/server/http/route";
import { protectedResourceMetadata } from "./contract";

export const dynamic = "force-dynamic";

/**
 * OAuth 2.0 protected-resource metadata (RFC 9728) for the MCP endpoint, which MCP clients read
 * after a 401: the resource, that it takes bearer tokens in the header, its scopes, and — when
 * single sign-on is configured — the OIDC issuer as its authorization server. Public: it says
 * nothing about any document or user.
 */
export const GET = route({
  policy: "public",
  response: protectedResourceMetadata,
  handler: async ({ req }) => {
    const base = publicBaseUrl({ req });
    const { OIDC_ISSUER } = readDeveloperEnv();
    return Response.json(
      {
        resource: new URL("/mcp", base).toString(),
        resource_name: "Groundwork",
        ...(OIDC_ISSUER ? { authorization_servers: [OIDC_ISSUER] } : {}),
        bearer_methods_supported: ["header"],
        scopes_supported: [...READ_SCOPES],
        resource_documentation: new URL("/api/openapi.json", base).toString(),
      },
      { headers: { "cache-control": "public, max-age=300" } },
    );
  },
});
