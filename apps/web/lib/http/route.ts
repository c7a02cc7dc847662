import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { recordAuditEvent } from "@groundwork/audit";
import { log } from "@groundwork/audit/log";
import type { Principal } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { GroundworkError, isConnectionError, isGroundworkError } from "@groundwork/db/errors";
import { readSession, type SessionContext } from "../auth/session";
import { getDb } from "../db";
import { bucketForPath, sharedRateLimiter, type RateLimitBucket } from "../rate-limit";

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
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  else if (error.status === 503) headers["retry-after"] = "5";
  return Response.json({ error: { code: error.code, message: error.message, requestId } }, { status: error.status, headers });
}

/**
 * A caller's x-request-id is kept only when it looks like an id: it is echoed into logs and
 * audit rows, so free text there would be a log-injection channel.
 */
export function requestIdFor(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && /^[A-Za-z0-9._:-]{8,100}$/.test(given) ? given : randomUUID();
}

function logRequest({ req, requestId, status, started, userId, code }: { req: Request; requestId: string; status: number; started: number; userId?: string | undefined; code?: string | undefined }) {
  // Path only: query strings carry search text, which stays out of info logs.
  let path = "";
  try {
    path = new URL(req.url).pathname;
  } catch {
    path = "?";
  }
  const fields = { requestId, method: req.method, path, status, ms: Math.round(performance.now() - started), userId: userId ?? null, ...(code ? { code } : {}) };
  if (status >= 500) log.warn("request", fields);
  else log.info("request", fields);
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

/** Messages of an error's causes (drizzle wraps the driver's error, which says what went wrong). */
function causeChain(error: unknown): string[] {
  const out: string[] = [];
  for (let e = (error as { cause?: unknown })?.cause; e && out.length < 5; e = (e as { cause?: unknown }).cause) {
    out.push(String((e as { message?: unknown }).message ?? e));
  }
  return out;
}

export function toErrorResponse(error: unknown, requestId: string): Response {
  if (isGroundworkError(error)) return jsonError(error, requestId);
  if (isConnectionError(error)) {
    return jsonError(new GroundworkError("db_unavailable", "The database is unavailable right now. Please try again shortly."), requestId);
  }
  // Internals go to the log, never to the client.
  log.error("unhandled route error", { requestId, error: String((error as Error)?.stack ?? error), cause: causeChain(error) });
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
  rateLimit,
  handler,
}: {
  policy: RoutePolicy;
  body?: S;
  maxBodyBytes?: number;
  /** Per-user rate-limit bucket; by default `/api/chat*` → chat, `/api/search*` → search. `false` opts out. */
  rateLimit?: RateLimitBucket | false;
  handler: Handler<S extends z.ZodType ? z.infer<S> : undefined>;
}): RouteHandler {
  const wrapped = async (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = requestIdFor(req);
    const started = performance.now();
    let userId: string | undefined;
    try {
      const db = (await getDb()).db;
      const session = policy === "public" ? await readSession({ db }).catch(() => null) : await readSession({ db });
      userId = session?.principal.userId;
      if (!allowed(policy, session?.principal)) {
        // A signed-in user reaching for a route above their role is worth an audit row;
        // anonymous 401s are not (every expired tab would write one).
        if (session) {
          await recordAuditEvent({
            db,
            actor: { userId: session.principal.userId, username: session.principal.username },
            action: "access.denied",
            target: new URL(req.url).pathname,
            outcome: "denied",
            requestId,
            detail: { method: req.method, policy },
          });
        }
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
      const bucket = rateLimit === false ? null : (rateLimit ?? bucketForPath(new URL(req.url).pathname));
      if (bucket && session) {
        const decision = sharedRateLimiter().take({ bucket, key: session.principal.userId });
        if (!decision.allowed) {
          throw new GroundworkError("rate_limited", `Too many ${bucket} requests. Try again in ${decision.retryAfterSeconds} s.`, {
            details: { retryAfterSeconds: decision.retryAfterSeconds },
          });
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
      logRequest({ req, requestId, status: response.status, started, userId });
      return response;
    } catch (error) {
      const response = toErrorResponse(error, requestId);
      logRequest({ req, requestId, status: response.status, started, userId, code: isGroundworkError(error) ? error.code : isConnectionError(error) ? "db_unavailable" : "internal" });
      return response;
    }
  };
  return Object.assign(wrapped, { policy });
}

/**
 * For probes (`/api/health`, `/api/ready`): public, no session and no database handle up
 * front, so a liveness check answers even while the database is down. Still carries a
 * policy for the authorization matrix, a request id and a log line.
 */
export function probeRoute({ handler }: { handler: (ctx: { req: Request; requestId: string }) => Promise<Response> }): RouteHandler {
  const wrapped = async (req: Request) => {
    const requestId = requestIdFor(req);
    const started = performance.now();
    let response: Response;
    try {
      response = await handler({ req, requestId });
      response.headers.set("x-request-id", requestId);
    } catch (error) {
      response = toErrorResponse(error, requestId);
    }
    // Probes are polled every few seconds: keep them out of info logs unless they fail.
    if (response.status >= 400) logRequest({ req, requestId, status: response.status, started });
    return response;
  };
  return Object.assign(wrapped, { policy: "public" as const });
}
