import { NextResponse, type NextRequest } from "next/server";
import { readEmbedOrigins } from "./lib/http/embed-env";
import { createNonce, EMBED_PATH, pageCsp } from "./lib/http/security-headers";

/**
 * Pages get a Content-Security-Policy with a fresh nonce per request. It is set on the request
 * as well as the response: Next reads the nonce from the request's CSP header and stamps it on
 * its own scripts, and the root layout reads it (x-nonce) for any script of ours.
 *
 * The widget page (/embed) alone may be framed, by the origins GROUNDWORK_EMBED_ORIGINS lists
 * (none when unset); every other page keeps `frame-ancestors 'none'`. Read per request, not at
 * import: the proxy bundle is built once, the deployment's environment is read when it runs.
 *
 * API routes (/api, the OpenAI-compatible /v1 and /mcp) are left out on purpose: with a proxy
 * in front, Next buffers a request body so both can read it, which would undo the route
 * wrapper's streamed size limit. Their headers (and the static ones of every response) come
 * from next.config.ts.
 *
 * The one API that must answer at a page's path is the Azure search-openai-demo protocol's
 * `POST /chat` and `POST /chat/stream` (its front ends and evaluation tools call those paths);
 * GET /chat stays the chat page. Those POSTs are rewritten to the protocol's routes; their
 * bodies are buffered by Next on the way (bounded by its proxy body limit), the route wrapper
 * still refuses one over 256 kB.
 */
const AZURE_PROTOCOL_PATHS: Record<string, string> = {
  "/chat": "/api/protocols/azure/chat",
  "/chat/stream": "/api/protocols/azure/chat/stream",
};

export function proxy(request: NextRequest) {
  const azure = request.method === "POST" ? AZURE_PROTOCOL_PATHS[request.nextUrl.pathname] : undefined;
  if (azure) return NextResponse.rewrite(new URL(azure, request.url));
  const nonce = createNonce();
  const frameAncestors = request.nextUrl.pathname === EMBED_PATH ? readEmbedOrigins() : [];
  // eslint-disable-next-line no-restricted-properties -- Next inlines NODE_ENV at build time (lib/env.ts: "Next's NODE_ENV aside")
  const csp = pageCsp({ nonce, dev: process.env.NODE_ENV === "development", frameAncestors });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|v1/|mcp$|_next/static|_next/image|favicon.ico).*)" }],
};
