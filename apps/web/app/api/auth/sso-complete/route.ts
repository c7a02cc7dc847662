import { cookies } from "next/headers";
import { recordAuditEvent } from "@groundwork/audit";
import { getOidc } from "~/lib/server/auth/oidc";
import { safeNextPath } from "~/lib/server/auth/safe-next-path";
import { createSession } from "~/lib/server/auth/session";
import { route } from "~/lib/server/http/route";

/** After the IdP callback: trade Auth.js' short-lived JWT for a Groundwork session. */
export const GET = route({
  policy: "public",
  handler: async ({ req, db, requestId }) => {
    const oidc = getOidc();
    const next = safeNextPath(new URL(req.url).searchParams.get("next"));
    const authSession = oidc ? ((await oidc.auth.auth()) as { gwUserId?: string | null } | null) : null;
    const userId = authSession?.gwUserId ?? null;
    // The Auth.js cookies have done their job either way; only our session cookie remains.
    const jar = await cookies();
    for (const c of jar.getAll()) if (/authjs\./.test(c.name)) jar.delete(c.name);
    await recordAuditEvent({
      db,
      actor: { userId, username: null },
      action: "auth.sign_in",
      outcome: userId ? "ok" : "denied",
      requestId,
      detail: { method: "oidc" },
    });
    if (!userId) return new Response(null, { status: 303, headers: { location: "/sign-in?error=sso" } });
    await createSession({ db, userId });
    return new Response(null, { status: 303, headers: { location: next } });
  },
});
