import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { availableTargets } from "@groundwork/db/testing";
import type * as RouteExports from "../../../apps/web/lib/server/http/route";
import type * as RateLimitExports from "../../../apps/web/lib/server/http/rate-limit";
import { startAppHarness, type AppHarness } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * The shared route wrapper every API handler goes through: per-user rate limits, body size
 * limits with clear 4xx messages, request ids in structured logs, and no question text in them.
 */
type RouteModule = typeof RouteExports;
type RateLimitModule = typeof RateLimitExports;

const { route } = (await import(path.join(webDir, "lib/server/http/route.ts"))) as RouteModule;
const { createRateLimiter } = (await import(path.join(webDir, "lib/server/http/rate-limit.ts"))) as RateLimitModule;

function useLimits(config: { chat: number; search: number }) {
  (globalThis as { __groundworkRateLimiter?: unknown }).__groundworkRateLimiter = createRateLimiter({ config });
}

function captureLogs() {
  const lines: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  return {
    records: () =>
      lines
        .flatMap((l) => l.split("\n"))
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    raw: () => lines.join(""),
    restore: () => {
      out.mockRestore();
      err.mockRestore();
    },
  };
}

describe("rate limiter", () => {
  it("allows a burst up to the per-minute figure, then refills evenly", async () => {
    const limiter = createRateLimiter({ config: { chat: 2, search: 60 } });
    const t = 1_000_000;
    expect((await limiter.take({ bucket: "chat", key: "u1", nowMs: t })).allowed).toBe(true);
    expect((await limiter.take({ bucket: "chat", key: "u1", nowMs: t })).allowed).toBe(true);
    const denied = await limiter.take({ bucket: "chat", key: "u1", nowMs: t });
    expect(denied).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // Another user and another bucket are unaffected.
    expect((await limiter.take({ bucket: "chat", key: "u2", nowMs: t })).allowed).toBe(true);
    expect((await limiter.take({ bucket: "search", key: "u1", nowMs: t })).allowed).toBe(true);
    expect((await limiter.take({ bucket: "chat", key: "u1", nowMs: t + 30_000 })).allowed).toBe(true);
    expect((await limiter.take({ bucket: "chat", key: "u1", nowMs: t + 30_000 })).allowed).toBe(false);
  });

  it("treats 0 as no limit", async () => {
    const limiter = createRateLimiter({ config: { chat: 0, search: 0 } });
    for (let i = 0; i < 1000; i++)
      expect((await limiter.take({ bucket: "search", key: "u", nowMs: 0 })).allowed).toBe(true);
  });
});

describe.each(await availableTargets())("route wrapper on %s", (target) => {
  let app: AppHarness;
  const echo = route({
    policy: "user",
    body: z.object({ question: z.string().max(50) }),
    maxBodyBytes: 200,
    handler: async ({ body }) => Response.json({ length: body.question.length }),
  });
  const search = route({ policy: "user", handler: async () => Response.json({ ok: true }) });

  beforeAll(async () => {
    app = await startAppHarness({ target });
  });
  afterAll(async () => app?.dispose());
  afterEach(() => useLimits({ chat: 20, search: 120 }));

  it("limits search and chat per user with 429, Retry-After and a clear message", async () => {
    useLimits({ chat: 1, search: 2 });
    const emma = await app.signIn("employee");
    const sam = await app.signIn("support");
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await app.invoke({ handler: search, path: "/api/search?q=x", session: emma })).status);
    expect(statuses).toEqual([200, 200, 429]);
    const limited = await app.invoke({ handler: search, path: "/api/search?q=x", session: emma });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({
      error: {
        code: "rate_limited",
        message: expect.stringMatching(/Too many search requests\. Try again in \d+ s\./),
      },
    });
    // Per user: Sam still has his own budget.
    expect((await app.invoke({ handler: search, path: "/api/search?q=x", session: sam })).status).toBe(200);
    // The chat bucket is separate from search.
    expect(
      (await app.invoke({ handler: echo, method: "POST", path: "/api/chat", session: emma, body: { question: "hi" } }))
        .status,
    ).toBe(200);
    const chat = await app.invoke({
      handler: echo,
      method: "POST",
      path: "/api/chat",
      session: emma,
      body: { question: "hi" },
    });
    expect(chat.status).toBe(429);
    // Other routes are not limited.
    expect((await app.invoke({ handler: search, path: "/api/conversations", session: emma })).status).toBe(200);
  });

  it("refuses oversized bodies with 413 and too-long questions with 400, naming the limit", async () => {
    const emma = await app.signIn("employee");
    const big = await app.invoke({
      handler: echo,
      method: "POST",
      path: "/api/echo",
      session: emma,
      body: { question: "x".repeat(500) },
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      error: { code: "payload_too_large", message: "Request body is larger than 200 bytes." },
    });
    const long = await app.invoke({
      handler: echo,
      method: "POST",
      path: "/api/echo",
      session: emma,
      body: { question: "x".repeat(60) },
    });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({
      error: { code: "bad_request", message: expect.stringContaining("question") },
    });
    const notJson = await app.invoke({
      handler: echo,
      method: "POST",
      path: "/api/echo",
      session: emma,
      body: "{nope",
      headers: { "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
  });

  it("logs one JSON line per request with its request id, without the question text", async () => {
    const emma = await app.signIn("employee");
    vi.stubEnv("GROUNDWORK_LOG_LEVEL", "info");
    const logs = captureLogs();
    let res: Response;
    try {
      res = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo?q=SECRET-QUERY",
        session: emma,
        body: { question: "CANARY-QUESTION-TEXT" },
      });
      await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "y" },
        headers: { "x-request-id": "bad id {injected} level=error" },
      });
      await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "y" },
        headers: { "x-request-id": "trace-1234567" },
      });
    } finally {
      logs.restore();
      vi.unstubAllEnvs();
    }
    const requestId = res.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = logs.records().filter((r) => r.msg === "request");
    expect(lines[0]).toMatchObject({
      level: "info",
      requestId,
      method: "POST",
      path: "/api/echo",
      status: 200,
      userId: emma.principal.userId,
    });
    expect(typeof lines[0]?.ms).toBe("number");
    // A caller's id that is not id-shaped is replaced, so nothing can be injected into logs.
    expect(String(lines[1]?.requestId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines[2]?.requestId).toBe("trace-1234567");
    expect(logs.raw()).not.toContain("CANARY-QUESTION-TEXT");
    expect(logs.raw()).not.toContain("SECRET-QUERY");
    expect(logs.raw()).not.toContain(emma.token);
  });

  it("hides internals of unexpected errors from the client and logs them under the request id", async () => {
    const boom = route({
      policy: "user",
      handler: async () => {
        throw new Error("relation secret_table does not exist at postgres://app:pw@db/x");
      },
    });
    const emma = await app.signIn("employee");
    const logs = captureLogs();
    let res: Response;
    try {
      res = await app.invoke({ handler: boom, path: "/api/boom", session: emma });
    } finally {
      logs.restore();
    }
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { message: string; requestId: string } };
    expect(body.error.message).toBe("Something went wrong. The error was logged.");
    expect(JSON.stringify(body)).not.toContain("secret_table");
    const logged = logs.records().find((r) => r.msg === "unhandled route error");
    expect(logged?.requestId).toBe(body.error.requestId);
    expect(logs.raw()).not.toContain("app:pw@");
  });
});
