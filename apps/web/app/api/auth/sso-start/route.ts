import { GroundworkError } from "@groundwork/core/errors";
import { getOidc, OIDC_PROVIDER_ID } from "~/lib/server/auth/oidc";
import { safeNextPath } from "~/lib/server/auth/safe-next-path";
import { route } from "~/lib/server/http/route";

/** Starts OIDC sign-in: Auth.js sets its state/PKCE cookies and we redirect to the IdP. */
export const GET = route({
  policy: "public",
  handler: async ({ req }) => {
    const oidc = getOidc();
    if (!oidc) throw new GroundworkError("not_found", "Single sign-on is not configured.");
    const next = safeNextPath(new URL(req.url).searchParams.get("next"));
    const url = await oidc.auth.signIn(OIDC_PROVIDER_ID, {
      redirect: false,
      redirectTo: `/api/auth/sso-complete?next=${encodeURIComponent(next)}`,
    });
    return new Response(null, { status: 303, headers: { location: String(url) } });
  },
});
