import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { auditEvents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import type * as RouteExports from "../../../apps/web/lib/server/http/route";
import { ORIGIN, startAppHarness, type AppHarness } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * The HTTP layer as an outside attacker probes it: bodies cut off at the limit while they
 * stream (also before sign-in), a strict Origin (scheme + host + port from configuration,
 * forwarded headers only behind a trusted proxy), JSON routes that refuse other content
 * types, and request ids that cannot be forged into the audit log.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
const { route } = (await import(path.join(webDir, "lib/server/http/route.ts"))) as typeof RouteExports;

/** A chunked body of `total` bytes that counts how much of it was pulled. */
function countingStream({ total, chunk = 64 * 1024, fill = 0x61 }: { total: number; chunk?: number; fill?: number }) {
  const state = { pulled: 0, cancelled: false };
  const block = new Uint8Array(chunk).fill(fill);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const n = Math.min(chunk, total - state.pulled);
      state.pulled += n;
      controller.enqueue(n === chunk ? block.slice() : block.slice(0, n));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

/** A stream of the given text in small chunks (a chunked request under the limit). */
function textStream(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + 7));
      at += 7;
    },
  });
}

const FIFTY_MB = 50 * 1024 * 1024;

describe.each(await availableTargets())("HTTP hardening on %s", (target) => {
  let app: AppHarness;
  let signIn: Handler;
  const echo = route({
    policy: "user",
    body: z.object({ question: z.string().max(50) }),
    maxBodyBytes: 1024,
    audit: { action: "echo.test" },
    handler: async ({ body }) => Response.json({ length: body.question.length }),
  });

  beforeAll(async () => {
    app = await startAppHarness({ target });
    signIn = ((await import(path.join(webDir, "app/api/auth/sign-in/route.ts"))) as { POST: Handler }).POST;
  });
  afterEach(() => vi.unstubAllEnvs());
  afterAll(async () => app?.dispose());

  describe("request bodies", () => {
    it("stops reading a 50 MB chunked sign-in body at the 4 KB limit, before anyone signed in", async () => {
      const { stream, state } = countingStream({ total: FIFTY_MB });
      const res = await app.invoke({
        handler: signIn,
        method: "POST",
        path: "/api/auth/sign-in",
        body: stream,
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({
        error: { code: "payload_too_large", message: "Request body is larger than 4096 bytes." },
      });
      // At most the limit plus the chunk that crossed it (plus what the stream queued ahead).
      expect(state.pulled, "bytes the server pulled from the 50 MB body").toBeLessThanOrEqual(4096 + 3 * 64 * 1024);
      expect(state.cancelled, "the rest of the body is cancelled, not drained").toBe(true);
    });

    it("stops at the limit when Content-Length understates the body", async () => {
      const { stream, state } = countingStream({ total: FIFTY_MB });
      const res = await app.invoke({
        handler: signIn,
        method: "POST",
        path: "/api/auth/sign-in",
        body: stream,
        headers: { "content-type": "application/json", "content-length": "100" },
      });
      expect(res.status).toBe(413);
      expect(state.pulled).toBeLessThanOrEqual(4096 + 3 * 64 * 1024);
    });

    it("refuses a declared Content-Length over the limit without reading a byte", async () => {
      const { stream, state } = countingStream({ total: FIFTY_MB });
      const res = await app.invoke({
        handler: signIn,
        method: "POST",
        path: "/api/auth/sign-in",
        body: stream,
        headers: { "content-type": "application/json", "content-length": String(FIFTY_MB) },
      });
      expect(res.status).toBe(413);
      expect(res.headers.get("connection")).toBe("close");
      expect(state.pulled).toBeLessThanOrEqual(3 * 64 * 1024);
    });

    it("reads a chunked body under the limit normally", async () => {
      const res = await app.invoke({
        handler: signIn,
        method: "POST",
        path: "/api/auth/sign-in",
        body: textStream(JSON.stringify({ username: "emma", password: "not-the-password" })),
        headers: { "content-type": "application/json" },
      });
      expect(res.status).toBe(401);
      const emma = await app.signIn("employee");
      const ok = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: textStream(JSON.stringify({ question: "hello" })),
        headers: { "content-type": "application/json" },
      });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ length: 5 });
    });
  });

  describe("Origin", () => {
    it("refuses an Origin with the right host but another scheme", async () => {
      const emma = await app.signIn("employee");
      const res = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { origin: "https://groundwork.test" },
      });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: { code: "forbidden", message: "Cross-site request refused." } });
    });

    it("refuses another port", async () => {
      const emma = await app.signIn("employee");
      const res = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { origin: "http://groundwork.test:8443" },
      });
      expect(res.status).toBe(403);
    });

    it("ignores X-Forwarded-Host / X-Forwarded-Proto without a trusted proxy", async () => {
      const emma = await app.signIn("employee");
      const forged = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      });
      expect(forged.status).toBe(403);
      // The public sign-in too: a cross-site login form is refused however it names itself.
      const login = await app.invoke({
        handler: signIn,
        method: "POST",
        path: "/api/auth/sign-in",
        body: { username: "emma", password: "groundwork-demo" },
        headers: { origin: "http://evil.example", "x-forwarded-host": "evil.example" },
      });
      expect(login.status).toBe(403);
    });

    it("takes the forwarded origin behind a trusted proxy when no public URL is set", async () => {
      vi.stubEnv("GROUNDWORK_PUBLIC_URL", "");
      vi.stubEnv("GROUNDWORK_TRUST_PROXY", "1");
      const emma = await app.signIn("employee");
      const proxied = { "x-forwarded-host": "kb.example.com", "x-forwarded-proto": "https" };
      const ok = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { ...proxied, origin: "https://kb.example.com" },
      });
      expect(ok.status).toBe(200);
      const wrongScheme = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { ...proxied, origin: "http://kb.example.com" },
      });
      expect(wrongScheme.status).toBe(403);
    });

    it("accepts the configured public origin exactly", async () => {
      const emma = await app.signIn("employee");
      const res = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { origin: ORIGIN },
      });
      expect(res.status).toBe(200);
    });
  });

  describe("content types", () => {
    it("a JSON route refuses text/plain, form and missing types with 415", async () => {
      const emma = await app.signIn("employee");
      const json = JSON.stringify({ question: "x" });
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/jsonx",
      ]) {
        const res = await app.invoke({
          handler: echo,
          method: "POST",
          path: "/api/echo",
          session: emma,
          body: json,
          headers: { "content-type": type },
        });
        expect(res.status, type).toBe(415);
        expect(await res.json()).toMatchObject({
          error: { code: "unsupported", message: expect.stringContaining("application/json") },
        });
      }
      const untyped = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: new TextEncoder().encode(json),
      });
      expect(untyped.status).toBe(415);
      const ok = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: json,
        headers: { "content-type": "Application/JSON; charset=utf-8" },
      });
      expect(ok.status).toBe(200);
    });

    it("sign-in refuses a text/plain body (the no-preflight cross-site type)", async () => {
      const res = await app.invoke({
        handler: signIn,
        method: "POST",
        path: "/api/auth/sign-in",
        body: JSON.stringify({ username: "emma", password: "groundwork-demo" }),
        headers: { "content-type": "text/plain" },
      });
      expect(res.status).toBe(415);
    });

    it("a route declares its own types", async () => {
      const form = route({
        policy: "user",
        accept: ["application/x-www-form-urlencoded"],
        handler: async ({ req }) => Response.json({ name: (await req.formData()).get("name") }),
      });
      const emma = await app.signIn("employee");
      const ok = await app.invoke({
        handler: form,
        method: "POST",
        path: "/api/form",
        session: emma,
        body: "name=ada",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(await ok.json()).toEqual({ name: "ada" });
      const json = await app.invoke({
        handler: form,
        method: "POST",
        path: "/api/form",
        session: emma,
        body: { name: "ada" },
      });
      expect(json.status).toBe(415);
    });
  });

  it("takes a route without dynamic segments, for which Next passes no params", async () => {
    const session = route({ policy: "public", handler: async ({ params }) => Response.json({ params }) });
    const res = await session(new Request(`${ORIGIN}/api/x`), {
      params: undefined as unknown as Promise<Record<string, string>>,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ params: {} });
  });

  describe("request ids", () => {
    it("replaces an over-long or non-id x-request-id, in the response and the audit row", async () => {
      const emma = await app.signIn("employee");
      for (const forged of [
        "a".repeat(65),
        `${"x".repeat(20)} outcome=ok actor=ada`,
        "short",
        "ünïcode-request-id",
        "trace\u0007bell-12345",
      ]) {
        let res: Response;
        try {
          res = await app.invoke({
            handler: echo,
            method: "POST",
            path: "/api/echo",
            session: emma,
            body: { question: "x" },
            headers: { "x-request-id": forged },
          });
        } catch {
          // Headers refuses some values outright (e.g. non-Latin-1); nothing to forge then.
          continue;
        }
        const id = res.headers.get("x-request-id");
        expect(id, JSON.stringify(forged)).toMatch(/^[0-9a-f-]{36}$/);
        const rows = await app.db
          .select({ requestId: auditEvents.requestId })
          .from(auditEvents)
          .where(eq(auditEvents.requestId, forged));
        expect(rows, "no audit row carries the forged id").toEqual([]);
        expect((await app.db.select().from(auditEvents).where(eq(auditEvents.requestId, id!))).length).toBe(1);
      }
      const kept = await app.invoke({
        handler: echo,
        method: "POST",
        path: "/api/echo",
        session: emma,
        body: { question: "x" },
        headers: { "x-request-id": "trace-0123456789:ab.CD_ef" },
      });
      expect(kept.headers.get("x-request-id")).toBe("trace-0123456789:ab.CD_ef");
    });
  });
});
