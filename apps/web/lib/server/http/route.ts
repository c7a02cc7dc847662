import "server-only";
import type { z } from "zod";
import { recordAuditEvent } from "@groundwork/audit";
import { log } from "@groundwork/core/logger";
import { admits, type AccessPolicy } from "@groundwork/access/policy";
import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { newId } from "@groundwork/core/ids";
import { invalidInputError, isConnectionError } from "@groundwork/core/pg-errors";
import { readSession, type SessionContext } from "../auth/session";
import { getDb } from "../db";
import { bucketForPath, sharedRateLimiter, type RateLimitBucket } from "./rate-limit";
import { bearerTokenOf, checkTokenScope, takeTokenRateLimit, type RouteTokenSpec } from "./token-auth";
import { authenticateApiToken, type TokenContext } from "@groundwork/auth";
import {
  checkContentType,
  checkDeclaredLength,
  checkRequest,
  parseJsonText,
  readBodyLimited,
  withBufferedBody,
} from "./body";
import { isSameOrigin } from "../../http/origin";

// Who may call a route is an AccessPolicy (@groundwork/access/policy, one table for routes and
// pages). The policy is attached to the handler (handler.policy) so the authorization-matrix test
// can enumerate every route and check it against every persona.

export type RouteContext<B> = {
  req: Request;
  db: Database;
  requestId: string;
  session: SessionContext | null;
  /** The API token a bearer request authenticated with (routes with a `token` option); null otherwise. */
  token: TokenContext | null;
  /** Present for every policy but `public` (for a bearer request: the token owner's). */
  principal: Principal;
  body: B;
  params: Record<string, string | string[]>;
  /** This request's audit row: actor, request id and latency are filled in. */
  audit: RouteAudit;
};

/**
 * Declares that every request to a route by a signed-in user leaves one audit row under
 * `action` — including requests that fail (validation, rate limit, database down, internal).
 */
export type RouteAuditSpec = {
  action: string;
  /** Target known from the URL before the handler runs (e.g. the `[id]` param). */
  target?: (args: { params: Record<string, string | string[]> }) => string | null;
};

export type RouteAuditFields = {
  action?: string;
  target?: string | null;
  outcome?: string;
  detail?: Record<string, unknown>;
};

export type RouteAudit = {
  /** Fields for this request's row, kept if the request later fails. */
  note(fields: { target?: string | null; detail?: Record<string, unknown> }): void;
  /** Writes this request's row now (merged with the noted fields); the wrapper then writes none. */
  record(fields?: RouteAuditFields): Promise<void>;
  /** Another layer writes the successful row (the chat pipeline, once the stream ends). */
  delegate(): void;
};

type Handler<B> = (ctx: RouteContext<B>) => Promise<Response>;
export type RouteHandler = ((
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>) & {
  policy: AccessPolicy;
  /** The schema of the route's successful JSON responses (its contract.ts), for tests to check responses against. */
  response?: z.ZodType;
  /** Present when the route accepts API tokens: the scope it needs, and whether it takes tokens only (the authorization matrix reads it). */
  token?: RouteTokenSpec;
};

/** Builds a route's error response from the GroundworkError a failure became (the default is `jsonError`). */
export type ErrorResponder = (args: { error: GroundworkError; requestId: string }) => Response;

const DEFAULT_MAX_BODY = 64 * 1024;
const DEFAULT_ACCEPT = ["application/json"] as const;

export function jsonError(error: GroundworkError, requestId: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
  // The unread rest of an oversized body is not drained: the connection closes after the 413.
  if (error.status === 413) headers.connection = "close";
  const retryAfter = error.details?.retryAfterSeconds;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  else if (error.status === 503) headers["retry-after"] = "5";
  return Response.json(
    { error: { code: error.code, message: error.message, requestId } },
    { status: error.status, headers },
  );
}

/** What a caller's x-request-id must look like to be kept: id characters only, 8–64 of them. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * A caller's x-request-id is kept only when it looks like an id: it is echoed into logs and
 * audit rows, so free text, control characters or long values there would let a caller write
 * into the audit trail. Anything else gets a fresh id.
 */
export function requestIdFor(req: Request): string {
  const given = req.headers.get("x-request-id");
  return given && REQUEST_ID_PATTERN.test(given) ? given : newId();
}

function logRequest({
  req,
  requestId,
  status,
  started,
  userId,
  code,
}: {
  req: Request;
  requestId: string;
  status: number;
  started: number;
  userId?: string | undefined;
  code?: string | undefined;
}) {
  // Path only: query strings carry search text, which stays out of info logs.
  let path = "";
  try {
    path = new URL(req.url).pathname;
  } catch {
    path = "?";
  }
  const fields = {
    requestId,
    method: req.method,
    path,
    status,
    ms: Math.round(performance.now() - started),
    userId: userId ?? null,
    ...(code ? { code } : {}),
  };
  if (status >= 500) log.warn("request", fields);
  else log.info("request", fields);
}

/** Messages of an error's causes (drizzle wraps the driver's error, which says what went wrong). */
function causeChain(error: unknown): string[] {
  const out: string[] = [];
  for (let e = (error as { cause?: unknown })?.cause; e && out.length < 5; e = (e as { cause?: unknown }).cause) {
    const message = (e as { message?: unknown }).message ?? e;
    out.push(typeof message === "string" ? message : (message as { toString(): string }).toString());
  }
  return out;
}

/** The audit outcome of a failed request; internals never reach the row, only the code. */
export function auditOutcomeFor(code: string): string {
  if (code === "rate_limited") return "rate_limited";
  if (code === "unauthorized" || code === "forbidden") return "denied";
  if (code === "not_found") return "not_found";
  if (code === "bad_request" || code === "payload_too_large" || code === "unsupported") return "invalid";
  return "error";
}

/** The stable code a failure is reported (and audited) under. */
export function errorCodeOf(error: unknown): string {
  if (isGroundworkError(error)) return error.code;
  if (invalidInputError(error)) return "bad_request";
  return isConnectionError(error) ? "db_unavailable" : "internal";
}

const MAX_AUDIT_TARGET = 200;

function createRouteAudit({
  spec,
  requestId,
  started,
}: {
  spec: RouteAuditSpec | undefined;
  requestId: string;
  started: number;
}) {
  let db: Database | null = null;
  let principal: Principal | null = null;
  let target: string | null = null;
  let detail: Record<string, unknown> = {};
  let written = false;
  let delegated = false;

  const write = async ({ action, target: t, outcome = "ok", detail: d }: RouteAuditFields): Promise<void> => {
    const name = action ?? spec?.action;
    if (!db || !principal || !name || written) return;
    written = true;
    await recordAuditEvent({
      db,
      actor: { userId: principal.userId, username: principal.username },
      action: name,
      target: (t === undefined ? target : t)?.slice(0, MAX_AUDIT_TARGET) ?? null,
      outcome,
      latencyMs: Math.round((performance.now() - started) * 100) / 100,
      requestId,
      detail: { ...detail, ...d },
    });
  };

  const audit: RouteAudit = {
    note(fields) {
      if (fields.target !== undefined) target = fields.target;
      if (fields.detail) detail = { ...detail, ...fields.detail };
    },
    record: (fields = {}) => write(fields),
    delegate() {
      delegated = true;
    },
  };

  return {
    audit,
    /** Binds the row to the signed-in caller; anonymous requests are never audited here. */
    bind({
      db: d,
      principal: p,
      params,
    }: {
      db: Database;
      principal: Principal | undefined;
      params: Record<string, string | string[]>;
    }) {
      db = d;
      principal = p ?? null;
      if (spec?.target) target = spec.target({ params });
    },
    async succeeded({ status }: { status: number }) {
      if (spec && !delegated)
        await write({ outcome: status < 400 ? "ok" : "error", ...(status < 400 ? {} : { detail: { status } }) });
    },
    async failed({ error }: { error: unknown }) {
      // Also after delegate(): a handler that throws never hands its stream to the pipeline.
      if (!spec) return;
      const code = errorCodeOf(error);
      await write({ outcome: auditOutcomeFor(code), detail: { code } });
    },
  };
}

/** Any failure as the GroundworkError clients see (internals are logged, never sent). */
export function toGroundworkError(error: unknown, requestId: string): GroundworkError {
  if (isGroundworkError(error)) return error;
  const invalid = invalidInputError(error);
  if (invalid) return invalid;
  if (isConnectionError(error))
    return new GroundworkError("db_unavailable", "The database is unavailable right now. Please try again shortly.");
  // Internals go to the log, never to the client.
  log.error("unhandled route error", {
    requestId,
    error: String((error as Error)?.stack ?? error),
    cause: causeChain(error),
  });
  return new GroundworkError("internal", "Something went wrong. The error was logged.");
}

export function toErrorResponse(error: unknown, requestId: string, respond?: ErrorResponder): Response {
  const failure = toGroundworkError(error, requestId);
  return respond ? respond({ error: failure, requestId }) : jsonError(failure, requestId);
}

/**
 * Thin route handlers: auth + CSRF + size limit + content type + zod body validation + one
 * error shape. Mutations (non-GET) by signed-in users need the session's CSRF token in
 * `x-csrf-token` and an Origin of the configured public origin (lib/http/origin.ts); public
 * mutations (sign-in) need the origin check. Every request body is read here, as a stream cut
 * off at `maxBodyBytes`, before or without authentication alike; a handler that reads `req`
 * itself (forms, uploads) reads the bytes already read.
 */
export function route<S extends z.ZodType | undefined = undefined>({
  policy,
  body,
  maxBodyBytes = DEFAULT_MAX_BODY,
  bodyTooLargeMessage,
  accept = DEFAULT_ACCEPT,
  rateLimit,
  audit,
  response: responseSchema,
  machine = false,
  token: tokenSpec,
  errorResponse,
  handler,
}: {
  policy: AccessPolicy;
  /**
   * The route also accepts `Authorization: Bearer gw_…` API tokens carrying `scope` (or, with
   * `only`, accepts nothing else: no cookie is ever read). A bearer request reads no cookie and
   * skips the Origin/CSRF checks (the header is not ambient: a cross-site page cannot make a
   * browser send it); a request with both uses the bearer. Its principal is the token owner's,
   * resolved like a session's; its audit row carries `detail.tokenId`; it is rate-limited under
   * `token:<id>` (the token's own per-minute limit when it has one, else the route's bucket).
   */
  token?: RouteTokenSpec;
  /** The route's error shape (default `{ error: { code, message, requestId } }`); OpenAI-style APIs answer in theirs. */
  errorResponse?: ErrorResponder;
  /**
   * A machine-to-machine endpoint (push webhooks): public, authenticated by a secret the request
   * itself carries, so the session cookie is never read and grants nothing, and the Origin check
   * (which guards cookie-authenticated mutations against cross-site forgery) does not apply —
   * a Git host's POST has no browser Origin.
   */
  machine?: boolean;
  body?: S;
  audit?: RouteAuditSpec;
  maxBodyBytes?: number;
  /** The 413 message, when the route can say more than the byte count (uploads). */
  bodyTooLargeMessage?: string;
  /**
   * Media types a request body may have (default JSON only). A route with a `body` schema
   * parses JSON; a route taking forms declares their types and reads `req.formData()`.
   */
  accept?: readonly string[];
  /** Per-user rate-limit bucket; by default `/api/chat*` → chat, `/api/search*` → search. `false` opts out. */
  rateLimit?: RateLimitBucket | false;
  /**
   * The JSON a successful call answers with (contract.ts). Not checked at run time (it costs a
   * parse per response); attached to the handler so the governance harness checks every
   * response its tests receive.
   */
  response?: z.ZodType;
  handler: Handler<S extends z.ZodType ? z.infer<S> : undefined>;
}): RouteHandler {
  const wrapped = async (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = requestIdFor(req);
    const started = performance.now();
    const trail = createRouteAudit({ spec: audit, requestId, started });
    let userId: string | undefined;
    try {
      // Before any work for the request: a body declared over the limit is refused unread.
      checkDeclaredLength({ req, maxBytes: maxBodyBytes, message: bodyTooLargeMessage });
      // Next passes no params object for routes without dynamic segments.
      const params = (await ctx?.params) ?? {};
      checkUrl({ req, params });
      const db = (await getDb()).db;
      if (machine && policy !== "public") throw new Error("machine routes are public (their secret authenticates)");
      const bearer = tokenSpec ? bearerTokenOf(req) : null;
      if (tokenSpec?.only && bearer === null)
        throw new GroundworkError("unauthorized", "This API needs an API token: Authorization: Bearer gw_….");
      const tokenAuth = bearer !== null ? await authenticateApiToken({ db, token: bearer }) : null;
      const token = tokenAuth?.token ?? null;
      const session =
        machine || tokenAuth
          ? null
          : policy === "public"
            ? await readSession({ db }).catch(() => null)
            : await readSession({ db });
      const caller = tokenAuth?.principal ?? session?.principal;
      userId = caller?.userId;
      trail.bind({ db, principal: caller, params });
      if (token) trail.audit.note({ detail: { tokenId: token.id } });
      if (!admits({ policy, role: caller?.role })) {
        // A signed-in user reaching for a route above their role is worth an audit row;
        // anonymous 401s are not (every expired tab would write one).
        if (caller) {
          await trail.audit.record({
            action: "access.denied",
            target: new URL(req.url).pathname,
            outcome: "denied",
            detail: { method: req.method, policy },
          });
        }
        throw caller
          ? new GroundworkError("forbidden", "You don't have access to this.")
          : new GroundworkError("unauthorized", "Sign in to continue.");
      }
      if (tokenSpec && token) {
        const refusal = checkTokenScope({ spec: tokenSpec, token, params });
        if (refusal) {
          await trail.audit.record({
            action: "access.denied",
            target: new URL(req.url).pathname,
            outcome: "denied",
            detail: { method: req.method, scope: refusal.scope },
          });
          throw refusal.error;
        }
      }
      const mutation = !["GET", "HEAD", "OPTIONS"].includes(req.method);
      if (mutation && !machine && !token) {
        if (!isSameOrigin({ req })) throw new GroundworkError("forbidden", "Cross-site request refused.");
        if (session && policy !== "public" && req.headers.get("x-csrf-token") !== session.csrfToken) {
          throw new GroundworkError("forbidden", "Missing or invalid CSRF token. Reload the page and try again.");
        }
      }
      const bucket = rateLimit === false ? null : (rateLimit ?? bucketForPath(new URL(req.url).pathname));
      if (token) await takeTokenRateLimit({ token, bucket });
      else if (bucket && session) {
        const decision = await sharedRateLimiter().take({ bucket, key: session.principal.userId });
        if (!decision.allowed) {
          throw new GroundworkError(
            "rate_limited",
            `Too many ${bucket} requests. Try again in ${decision.retryAfterSeconds} s.`,
            {
              details: { retryAfterSeconds: decision.retryAfterSeconds },
            },
          );
        }
      }
      let parsed: unknown = undefined;
      let request = req;
      if (req.body) {
        // A declared type the route does not take is refused before the body is read.
        checkContentType({ req, accept, hasBody: false });
        const bytes = await readBodyLimited({ req, maxBytes: maxBodyBytes, message: bodyTooLargeMessage });
        checkContentType({ req, accept, hasBody: bytes.byteLength > 0 });
        request = withBufferedBody({ req, bytes });
        if (body) parsed = parseJsonBody({ schema: body, bytes });
      } else if (body) {
        parsed = parseJsonBody({ schema: body, bytes: new Uint8Array(0) });
      }
      const response = await handler({
        req: request,
        db,
        requestId,
        session,
        token,
        principal: caller as Principal,
        body: parsed as S extends z.ZodType ? z.infer<S> : undefined,
        params,
        audit: trail.audit,
      });
      await trail.succeeded({ status: response.status });
      response.headers.set("x-request-id", requestId);
      logRequest({ req, requestId, status: response.status, started, userId });
      return response;
    } catch (error) {
      const response = toErrorResponse(error, requestId, errorResponse);
      await trail.failed({ error });
      logRequest({ req, requestId, status: response.status, started, userId, code: errorCodeOf(error) });
      return response;
    }
  };
  return Object.assign(wrapped, {
    policy,
    ...(responseSchema ? { response: responseSchema } : {}),
    ...(tokenSpec ? { token: tokenSpec } : {}),
  });
}

/**
 * Postgres text and jsonb cannot hold U+0000 (22021 / 22P05), and nothing a person types
 * contains it: a NUL anywhere in a body's strings or keys is refused at the boundary, before it
 * can fail a query — or the audit row that records the request.
 */
function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 64 || !value || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v, depth + 1));
}

/** The same for the URL: path params and query values (already percent-decoded). */
function checkUrl({ req, params }: { req: Request; params: Record<string, string | string[]> }): void {
  const values = [
    ...Object.values(params).flat(),
    ...new URL(req.url).searchParams.values(),
    ...new URL(req.url).searchParams.keys(),
  ];
  if (values.some((v) => v.includes("\u0000")))
    throw new GroundworkError("bad_request", "Invalid request: the URL must not contain NUL characters.");
}

/** JSON body → schema-checked value, with a 400 that names the first bad field. */
function parseJsonBody<S extends z.ZodType>({ schema, bytes }: { schema: S; bytes: Uint8Array }): z.infer<S> {
  const json = parseJsonText({ body: bytes });
  if (containsNul(json))
    throw new GroundworkError("bad_request", "Invalid request: text must not contain NUL characters.");
  return checkRequest({ schema, value: json });
}

/**
 * For probes (`/api/health`, `/api/ready`) and the widget loader (`/embed.js`): public, no
 * session and no database handle up front, so a liveness check (or a host page's launcher)
 * answers even while the database is down. Still carries a
 * policy for the authorization matrix, a request id and a log line.
 */
export function probeRoute({
  handler,
  response: responseSchema,
}: {
  handler: (ctx: { req: Request; requestId: string }) => Promise<Response>;
  response?: z.ZodType;
}): RouteHandler {
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
  return Object.assign(wrapped, { policy: "public" as const, ...(responseSchema ? { response: responseSchema } : {}) });
}
