import type { NextRequest } from "next/server";
import { GroundworkError } from "@groundwork/core/errors";
import { authUrlConfigured } from "~/lib/env";
import { getOidc } from "~/lib/server/auth/oidc";
import { route } from "~/lib/server/http/route";

/**
 * Next hands route handlers its internal URL (NextRequest also rewrites 127.0.0.1 to
 * localhost), while signIn() built the OIDC redirect_uri from the Host header; the token
 * exchange needs both to match. So Auth.js gets a plain Request at the host the browser used,
 * unless AUTH_URL pins the public URL (next-auth then reads req.nextUrl itself).
 */
function withPublicUrl(req: Request): NextRequest {
  if (authUrlConfigured()) return req as NextRequest;
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) url.host = host;
  const proto = req.headers.get("x-forwarded-proto");
  if (proto === "http" || proto === "https") url.protocol = `${proto}:`;
  return new Request(url, req) as unknown as NextRequest;
}

// Auth.js endpoints (OIDC callback, csrf, providers) under /api/auth/sso; 404 while SSO is off.
function forward(method: "GET" | "POST") {
  return route({
    policy: "public",
    // Auth.js' POST endpoints (sign-in, sign-out, form_post callbacks) take HTML form bodies.
    accept: ["application/x-www-form-urlencoded"],
    handler: async ({ req }) => {
      const oidc = getOidc();
      if (!oidc) throw new GroundworkError("not_found", "Single sign-on is not configured.");
      const res = await oidc.auth.handlers[method](withPublicUrl(req));
      // Auth.js may return a Response with immutable headers (Response.redirect); the route
      // wrapper adds x-request-id, so hand it a copy it can modify.
      return new Response(res.body, {
        status: res.status,
        statusText: res.statusText,
        headers: new Headers(res.headers),
      });
    },
  });
}

export const GET = forward("GET");
export const POST = forward("POST");
