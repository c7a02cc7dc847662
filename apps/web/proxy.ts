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
 * API routes are left out on purpose: with a proxy in front, Next buffers a request body so
 * both can read it, which would undo the route wrapper's streamed size limit. Their headers
 * (and the static ones of every response) come from next.config.ts.
 */
export function proxy(request: NextRequest) {
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
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
