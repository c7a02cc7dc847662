import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createMcpServer, MCP_TOOL_SCOPES } from "~/lib/server/developer/create-mcp-server";
import { configuredPublicOrigin } from "~/lib/http/origin";
import { publicBaseUrl } from "~/lib/server/developer/public-base-url";
import { jsonError, route, type ErrorResponder } from "~/lib/server/http/route";

/**
 * The wrapper's error shape, plus the challenge MCP clients follow to discover how to
 * authenticate (RFC 9728 §5.1): a 401 names the protected-resource metadata.
 */
const mcpError: ErrorResponder = ({ error, requestId }) => {
  const res = jsonError(error, requestId);
  if (error.status === 401)
    res.headers.set(
      "www-authenticate",
      `Bearer resource_metadata="${configuredPublicOrigin() ?? ""}/.well-known/oauth-protected-resource"`,
    );
  return res;
};

export const dynamic = "force-dynamic";

/**
 * MCP over Streamable HTTP, stateless: each POST builds the server for its caller and answers
 * as JSON. Stateless because nothing of a session is worth keeping in a web process — every
 * request authenticates its bearer token afresh (a revoked token stops at the next call), and
 * any of several web processes can answer without sticky sessions. GET (a server-to-client
 * stream) and DELETE (ending a session) have nothing to serve here and answer 405.
 *
 * The endpoint takes a token with any of the tools' scopes (a chat-only token calls `answer`);
 * each tool then needs its own scope (search, documents:read, chat) and tools/list shows only
 * those the token has.
 */
export const POST = route({
  policy: "user",
  token: { scope: MCP_TOOL_SCOPES, only: true },
  errorResponse: mcpError,
  maxBodyBytes: 64 * 1024,
  rateLimit: "search",
  audit: { action: "mcp" },
  handler: async ({ req, db, principal, token, requestId, audit }) => {
    const server = createMcpServer({
      db,
      principal,
      token: token!,
      baseUrl: publicBaseUrl({ req }),
      requestId,
      audit,
      signal: req.signal,
    });
    // Per request on purpose, not once per process: the SDK's stateless mode (1.32) refuses a
    // transport that handled a request before ("Create a new transport per request": JSON-RPC ids
    // of two clients would collide), and a server holds one transport at a time, so a shared
    // server would serialise every caller behind one connection. Building it per request also
    // makes the tools close over this caller's principal and token only: nothing can carry one
    // caller's identity into another's request.
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    const response = await transport.handleRequest(req);
    // JSON mode: the whole reply is in the response, so the per-request server can go.
    void server.close();
    const headers = new Headers(response.headers);
    headers.set("cache-control", "no-store");
    return new Response(response.body, { status: response.status, headers });
  },
});
