import { z } from "zod";
import { readSse as readSseFrames } from "@groundwork/assistant/events";
import { createSession } from "@groundwork/auth";
import { resolvePrincipal } from "@groundwork/auth/principal";
import type { Principal } from "@groundwork/access/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { setSharedDb } from "@groundwork/db/client";
import { createTestDatabase, type TestDatabase, type TestTarget } from "@groundwork/db/testing";
import { errorResponse } from "../../../../apps/web/lib/server/http/contracts";
import { requestScope } from "./next-headers";

export const SESSION_COOKIE = "gw_session";
export const ORIGIN = "http://groundwork.test";

/** The personas of the matrix and leak suites, mapped to the seeded demo users. */
export const PERSONAS = {
  anonymous: null,
  employee: "emma",
  hr: "harper",
  legal: "lena",
  support: "sam",
  admin: "ada",
} as const;
export type Persona = keyof typeof PERSONAS;

export type Session = { token: string; csrfToken: string; principal: Principal };

type AnyHandler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  response?: z.ZodType;
};

export type InvokeArgs = {
  handler: AnyHandler;
  method?: string;
  path: string;
  params?: Record<string, string | string[]>;
  session?: Session | null;
  /** JSON-encoded unless already a string / FormData / Uint8Array / ReadableStream (sent chunked). */
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the session's CSRF token and a same-origin Origin on mutations (default true). */
  csrf?: boolean;
};

export type AppHarness = {
  target: TestTarget;
  db: TestDatabase["db"];
  handle: TestDatabase;
  signIn(persona: Exclude<Persona, "anonymous">): Promise<Session>;
  sessionFor(persona: Persona): Promise<Session | null>;
  invoke(args: InvokeArgs): Promise<Response>;
  dispose(): Promise<void>;
};

/** A real session row for a demo persona, exactly as sign-in creates it. */
export async function signInAs({
  db,
  persona,
}: {
  db: TestDatabase["db"];
  persona: Exclude<Persona, "anonymous">;
}): Promise<Session> {
  const principal = await resolvePrincipal({ db, username: PERSONAS[persona] });
  const { token, csrfToken } = await createSession({ db, userId: principal.userId });
  return { token, csrfToken, principal };
}

/** Calls a route handler with a crafted request: cookie, same-origin and CSRF headers as a browser sends them. */
export async function invokeRoute({
  handler,
  method = "GET",
  path,
  params = {},
  session = null,
  body,
  headers = {},
  csrf = true,
}: InvokeArgs): Promise<Response> {
  const h = new Headers({ host: new URL(ORIGIN).host, ...headers });
  const mutation = !["GET", "HEAD", "OPTIONS"].includes(method);
  if (mutation && csrf) {
    if (!h.has("origin")) h.set("origin", ORIGIN);
    if (session && !h.has("x-csrf-token")) h.set("x-csrf-token", session.csrfToken);
  }
  let payload: FormData | string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array> | undefined;
  if (body !== undefined && method !== "GET" && method !== "HEAD") {
    if (
      typeof body === "string" ||
      body instanceof FormData ||
      body instanceof Uint8Array ||
      body instanceof ReadableStream
    )
      payload = body as FormData | string | Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
    else {
      payload = JSON.stringify(body);
      if (!h.has("content-type")) h.set("content-type", "application/json");
    }
  }
  if (session) h.set("cookie", `${SESSION_COOKIE}=${session.token}`);
  const init: RequestInit & { duplex?: "half" } = {
    method,
    headers: h,
    body: payload,
    ...(payload instanceof ReadableStream ? { duplex: "half" as const } : {}),
  };
  const req = new Request(new URL(path, ORIGIN), init);
  const cookies = new Map<string, string>(session ? [[SESSION_COOKIE, session.token]] : []);
  const res = await requestScope.run({ cookies, headers: h, setCookies: new Map() }, () =>
    handler(req, { params: Promise.resolve(params) }),
  );
  await checkContract({ handler, res, what: `${method} ${path}` });
  return res;
}

const jsonRpcError = z.strictObject({
  jsonrpc: z.literal("2.0"),
  id: z.union([z.string(), z.number(), z.null()]),
  error: z.looseObject({ code: z.number().int(), message: z.string() }),
});

/**
 * Every JSON response a test receives is checked against the route's contract (contract.ts,
 * attached by route({ response })): successes against its response schema, failures against
 * the one error shape (or the route's own schema, for routes that answer 400 with their body).
 */
async function checkContract({
  handler,
  res,
  what,
}: {
  handler: AnyHandler;
  res: Response;
  what: string;
}): Promise<void> {
  if (!/^application\/json\b/.test(res.headers.get("content-type") ?? "")) return;
  const text = await res.clone().text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${what} answered ${res.status} with a JSON content type and a body that is not JSON`);
  }
  // The MCP transport answers protocol errors (bad JSON-RPC, wrong Accept) in JSON-RPC's own
  // error shape, as the protocol requires; the wrapper's failures there still use the one shape.
  const rpc = !handler.response && (json as { jsonrpc?: unknown } | null)?.jsonrpc === "2.0";
  const schema =
    res.status < 400
      ? handler.response
      : rpc
        ? jsonRpcError
        : handler.response?.safeParse(json).success
          ? handler.response
          : errorResponse;
  if (!schema) return;
  const result = schema.safeParse(json);
  if (!result.success)
    throw new Error(
      `${what} answered ${res.status} off its contract: ${result.error.issues.map((i) => `${i.path.join(".") || "(body)"} ${i.message}`).join("; ")}`,
    );
}

/**
 * A fresh migrated database with the demo users, shared with the web app's `getDb()`, and a
 * way to call route handlers as any persona. Sessions are real rows, exactly as sign-in makes them.
 */
export async function startAppHarness({ target }: { target: TestTarget }): Promise<AppHarness> {
  const handle = await createTestDatabase({ target });
  setSharedDb(handle);
  await seedDemoUsers({ db: handle.db });
  const db = handle.db;

  const signIn = (persona: Exclude<Persona, "anonymous">) => signInAs({ db, persona });
  const invoke = invokeRoute;

  return {
    target,
    db,
    handle,
    signIn,
    async sessionFor(persona) {
      return persona === "anonymous" ? null : signIn(persona);
    },
    invoke,
    async dispose() {
      await handle.dispose();
    },
  };
}

/** Runs `fn` inside a request scope for a persona (pages call `cookies()` too). */
export function withRequestScope<T>({ session, fn }: { session: Session | null; fn: () => Promise<T> }): Promise<T> {
  const h = new Headers({ host: new URL(ORIGIN).host });
  if (session) h.set("cookie", `${SESSION_COOKIE}=${session.token}`);
  const cookies = new Map<string, string>(session ? [[SESSION_COOKIE, session.token]] : []);
  return requestScope.run({ cookies, headers: h, setCookies: new Map() }, fn);
}

/** Reads an SSE response into its events (data parsed as JSON where it is JSON), with the product's one SSE parser. */
export async function readSse(res: Response): Promise<{ event: string; data: unknown }[]> {
  const events: { event: string; data: unknown }[] = [];
  if (!res.body) return events;
  for await (const frame of readSseFrames(res.body)) {
    let parsed: unknown = frame.data;
    try {
      parsed = JSON.parse(frame.data);
    } catch {
      parsed = frame.data;
    }
    events.push({ event: frame.event, data: parsed });
  }
  return events;
}
