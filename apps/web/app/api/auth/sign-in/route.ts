import { recordAuditEvent } from "@groundwork/audit";
import { verifyLocalSignIn } from "@groundwork/auth";
import { GroundworkError } from "@groundwork/core/errors";
import { safeNextPath } from "~/lib/server/auth/safe-next-path";
import { createSession } from "~/lib/server/auth/session";
import type { SignInErrorCode } from "~/lib/server/auth/sign-in-errors";
import { clientAddressOf, sharedSignInThrottle } from "~/lib/server/auth/sign-in-throttle";
import { checkRequest, mediaTypeOf, parseJsonText } from "~/lib/server/http/body";
import { route } from "~/lib/server/http/route";
import { signInRequest, signInResponse, type SignInRequest } from "./contract";

const FORM = "application/x-www-form-urlencoded";

/** The body as JSON (the app's script) or as a form post (the page without JavaScript). */
async function readBody({ req, form }: { req: Request; form: boolean }): Promise<SignInRequest> {
  const text = await req.text();
  const raw = form ? Object.fromEntries(new URLSearchParams(text)) : parseJsonText({ body: text });
  return checkRequest({ schema: signInRequest, value: raw });
}

/** The code a form post's failure is reported under on /sign-in; null for a server fault. */
function formErrorCode(error: unknown): SignInErrorCode | null {
  if (!(error instanceof GroundworkError)) return null;
  if (error.code === "unauthorized") return "credentials";
  if (error.code === "rate_limited") return "throttled";
  if (error.code === "bad_request") return "invalid";
  return null;
}

function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { location, "cache-control": "no-store", ...headers } });
}

/**
 * Local sign-in. The script posts JSON and gets JSON (errors as the usual error shape, 429 with
 * Retry-After when throttled); the page without JavaScript posts the form and is redirected:
 * to the safe `next` path on success, back to /sign-in with an error code otherwise.
 * The Origin check of route() applies to both.
 */
export const POST = route({
  policy: "public",
  accept: ["application/json", FORM],
  maxBodyBytes: 4 * 1024,
  response: signInResponse,
  handler: async ({ req, db, requestId }) => {
    const form = mediaTypeOf(req.headers.get("content-type")) === FORM;
    let next = "/";
    try {
      const input = await readBody({ req, form });
      next = safeNextPath(input.next);
      const username = input.username.toLowerCase();
      const started = performance.now();
      const throttle = sharedSignInThrottle();
      // Before any password work: a refused attempt costs no argon2 verify.
      const decision = await throttle.admit({ username, address: clientAddressOf(req) });
      if (!decision.allowed) {
        await recordAuditEvent({
          db,
          actor: { userId: null, username },
          action: "auth.sign_in",
          outcome: "rate_limited",
          latencyMs: performance.now() - started,
          requestId,
          detail: { method: "password", throttled: decision.scope, retryAfterSeconds: decision.retryAfterSeconds },
        });
        throw new GroundworkError(
          "rate_limited",
          `Too many sign-in attempts. Try again in ${decision.retryAfterSeconds} s.`,
          {
            details: { retryAfterSeconds: decision.retryAfterSeconds },
          },
        );
      }
      const user = await verifyLocalSignIn({ db, username, password: input.password });
      await recordAuditEvent({
        db,
        actor: { userId: user?.userId ?? null, username },
        action: "auth.sign_in",
        outcome: user ? "ok" : "denied",
        latencyMs: performance.now() - started,
        requestId,
        detail: { method: "password" },
      });
      if (!user) throw new GroundworkError("unauthorized", "Wrong username or password.");
      await throttle.succeeded({ ticket: decision.ticket });
      const { csrfToken } = await createSession({ db, userId: user.userId });
      return form ? seeOther(next) : Response.json({ ok: true, csrfToken, next });
    } catch (error) {
      const code = form ? formErrorCode(error) : null;
      // JSON callers, and server faults (logged and answered by route()), keep the error shape.
      if (!code) throw error;
      const retryAfter = (error as GroundworkError).details?.retryAfterSeconds;
      const params = new URLSearchParams({ error: code });
      if (typeof retryAfter === "number") params.set("retry", String(retryAfter));
      if (next !== "/") params.set("next", next);
      return seeOther(
        `/sign-in?${params}`,
        typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {},
      );
    }
  },
});
