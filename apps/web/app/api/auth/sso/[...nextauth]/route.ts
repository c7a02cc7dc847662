import type { NextRequest } from "next/server";
import { GroundworkError } from "@groundwork/db/errors";
import { getOidc } from "~/lib/auth/oidc";
import { route } from "~/lib/http/route";

// Auth.js endpoints (OIDC callback, csrf, providers) under /api/auth/sso; 404 while SSO is off.
function forward(method: "GET" | "POST") {
  return route({
    policy: "public",
    handler: async ({ req }) => {
      const oidc = getOidc();
      if (!oidc) throw new GroundworkError("not_found", "Single sign-on is not configured.");
      return oidc.auth.handlers[method](req as NextRequest);
    },
  });
}

export const GET = forward("GET");
export const POST = forward("POST");
