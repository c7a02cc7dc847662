import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { Principal } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { GroundworkError, isConnectionError, isGroundworkError } from "@groundwork/db/errors";
import { readSession, type SessionContext } from "../auth/session";
import { getDb } from "../db";

/**
 * Who may call a route. `support` admits support agents and admins; `user` any signed-in user.
 * The policy is attached to the handler (handler.policy) so the authorization-matrix test can
 * enumerate every route and check it against every persona.
 */
export type RoutePolicy = "public" | "user" | "support" | "admin";

export type RouteContext<B> = {
  req: Request;
  db: Database;
  requestId: string;
  session: SessionContext | null;
  /** Present for every policy but `public`. */
  principal: Principal;
  body: B;
  params: Record<string, string | string[]>;
};

type Handler<B> = (ctx: RouteContext<B>) => Promise<Response>;
export type RouteHandler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: RoutePolicy;
};

const DEFAULT_MAX_BODY = 64 * 1024;

export function jsonError(error: GroundworkError, requestId: string): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, requestId } },
    { status: error.status, headers: { "x-request-id": requestId } },
  );
}

function allowed(policy: RoutePolicy, principal: Principal | undefined): boolean {
  if (policy === "public") return true;
  if (!principal) return false;
  if (policy === "admin") return principal.role === "admin";
  if (policy === "support") return principal.role === "support" || principal.role === "admin";
  return true;
}

/** Same-origin check for mutations: the Origin (or Referer) host must be this host. */
function sameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin") ?? req.headers.get("referer");
  if (!origin) return false;
  try {
    return new URL(origin).host === (req.headers.get("x-forwarded-host") ?? req.headers.get("host"));
  } catch {
    return false;
  }
}

export function toErrorResponse(error: unknown, requestId: string): Response {
  if (isGroundworkError(error)) return jsonError(error, requestId);
  if (isConnectionError(error)) {
    return jsonError(new GroundworkError("db_unavailable", "The database is unavailable right now. Please try again shortly."), requestId);
  }
  // Internals go to the log, never to the client.
  console.error(JSON.stringify({ level: "error", requestId, msg: "unhandled route error", error: String((error as Error)?.stack ?? error) }));
  return jsonError(new GroundworkError("internal", "Something went wrong. The error was logged."), requestId);
}

/**
 * Thin route handlers: auth + CSRF + size limit + zod body validation + one error shape.
 * Mutations (non-GET) by signed-in users need the session's CSRF token in `x-csrf-token`
 * and a same-origin Origin header; public mutations (sign-in) need the same-origin check.
 */
export function route<S extends z.ZodType | undefined = undefined>({
  policy,
  body,
  maxBodyBytes = DEFAULT_MAX_BODY,
  handler,
}: {
  policy: RoutePolicy;
  body?: S;
  maxBodyBytes?: number;
  handler: Handler<S extends z.ZodType ? z.infer<S> : undefined>;
}): RouteHandler {
  const wrapped = async (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = req.headers.get("x-request-id") ?? randomUUID();
    try {
      const db = (await getDb()).db;
      const session = policy === "public" ? await readSession({ db }).catch(() => null) : await readSession({ db });
      if (!allowed(policy, session?.principal)) {
        throw session
          ? new GroundworkError("forbidden", "You don't have access to this.")
          : new GroundworkError("unauthorized", "Sign in to continue.");
      }
      const mutation = !["GET", "HEAD", "OPTIONS"].includes(req.method);
      if (mutation) {
        if (!sameOrigin(req)) throw new GroundworkError("forbidden", "Cross-site request refused.");
        if (session && policy !== "public" && req.headers.get("x-csrf-token") !== session.csrfToken) {
          throw new GroundworkError("forbidden", "Missing or invalid CSRF token. Reload the page and try again.");
        }
      }
      let parsed: unknown = undefined;
      if (body) {
        const declared = Number(req.headers.get("content-length") ?? 0);
        if (declared > maxBodyBytes) throw new GroundworkError("payload_too_large", `Request body is larger than ${maxBodyBytes} bytes.`);
        const text = await req.text();
        if (Buffer.byteLength(text) > maxBodyBytes) throw new GroundworkError("payload_too_large", `Request body is larger than ${maxBodyBytes} bytes.`);
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : {};
        } catch {
          throw new GroundworkError("bad_request", "Request body must be JSON.");
        }
        const result = body.safeParse(json);
        if (!result.success) {
          const first = result.error.issues[0];
          throw new GroundworkError("bad_request", `Invalid request: ${first ? `${first.path.join(".") || "body"} ${first.message}` : "bad body"}.`);
        }
        parsed = result.data;
      }
      const response = await handler({
        req,
        db,
        requestId,
        session,
        principal: session?.principal as Principal,
        body: parsed as S extends z.ZodType ? z.infer<S> : undefined,
        params: await ctx.params,
      });
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      return toErrorResponse(error, requestId);
    }
  };
  return Object.assign(wrapped, { policy });
}
