import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents, type AuditEvent } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import type * as RetrievalExports from "@groundwork/retrieval";
import type * as RateLimitExports from "../../../apps/web/lib/server/http/rate-limit";
import { readSse, startAppHarness, withRequestScope, type AppHarness, type Session } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * A search or chat by a signed-in user that fails — rejected input, rate limit, database
 * unavailable, internal error, client gone — still leaves its audit row: outcome, error code,
 * latency. The row never carries the rejected input or internal error text.
 */
const failure = vi.hoisted(() => ({ next: null as Error | null }));

// Retrieval fails on demand, as it does when the database drops mid-request or a query breaks.
vi.mock("@groundwork/retrieval", async (importOriginal) => {
  const real = await importOriginal<typeof RetrievalExports>();
  return {
    ...real,
    searchChunks: async (args: Parameters<typeof real.searchChunks>[0]) => {
      if (failure.next) throw failure.next;
      return real.searchChunks(args);
    },
    readDocument: async (args: Parameters<typeof real.readDocument>[0]) => {
      if (failure.next) throw failure.next;
      return real.readDocument(args);
    },
  };
});

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
const { POST: search } = (await import(path.join(webDir, "app/api/search/route.ts"))) as { POST: Handler };
const { POST: chat } = (await import(path.join(webDir, "app/api/chat/route.ts"))) as { POST: Handler };
const { createRateLimiter } = (await import(
  path.join(webDir, "lib/server/http/rate-limit.ts")
)) as typeof RateLimitExports;

function useLimits(config: { chat: number; search: number }) {
  (globalThis as { __groundworkRateLimiter?: unknown }).__groundworkRateLimiter = createRateLimiter({ config });
}

function connectionLost(): Error {
  return Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" });
}

describe.each(await availableTargets())("audit of failed searches and chats on %s", (target) => {
  let app: AppHarness;
  let emma: Session;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    emma = await app.signIn("employee");
  });
  afterAll(async () => app?.dispose());
  afterEach(() => {
    failure.next = null;
    useLimits({ chat: 1_000, search: 1_000 });
  });

  async function call({
    handler,
    pathname,
    body,
    session = emma,
  }: {
    handler: Handler;
    pathname: string;
    body: unknown;
    session?: Session | null;
  }) {
    const res = await app.invoke({ handler, method: "POST", path: pathname, session, body });
    const requestId = res.headers.get("x-request-id");
    const text = await res.text();
    const rows: AuditEvent[] = requestId
      ? await app.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId))
      : [];
    return { status: res.status, text, rows };
  }

  function only(rows: AuditEvent[], action: string): AuditEvent {
    expect(
      rows.map((r) => r.action),
      `exactly one "${action}" row`,
    ).toEqual([action]);
    const row = rows[0]!;
    expect(row).toMatchObject({ actorUsername: "emma", actorId: emma.principal.userId });
    expect(row.latencyMs, "latency recorded").not.toBeNull();
    expect(row.latencyMs).toBeGreaterThanOrEqual(0);
    return row;
  }

  it("search rejected by validation after sign-in: outcome invalid, code, no rejected input", async () => {
    const r = await call({
      handler: search,
      pathname: "/api/search",
      body: { query: "CANARY-REJECTED-QUERY", limit: 999 },
    });
    expect(r.status).toBe(400);
    const row = only(r.rows, "search");
    expect(row.outcome).toBe("invalid");
    expect(row.detail).toEqual({ code: "bad_request" });
    expect(JSON.stringify(row)).not.toContain("CANARY-REJECTED-QUERY");
  });

  it("rate-limited searches and chats: outcome rate_limited", async () => {
    useLimits({ chat: 1, search: 1 });
    expect((await call({ handler: search, pathname: "/api/search", body: { query: "leave" } })).status).toBe(200);
    const s = await call({ handler: search, pathname: "/api/search", body: { query: "leave" } });
    expect(s.status).toBe(429);
    expect(only(s.rows, "search")).toMatchObject({ outcome: "rate_limited", detail: { code: "rate_limited" } });

    // The first chat spends the budget (its stream must be read for its own row to be written).
    await call({ handler: chat, pathname: "/api/chat", body: { question: "leave?" } });
    const c = await call({ handler: chat, pathname: "/api/chat", body: { question: "leave?" } });
    expect(c.status).toBe(429);
    expect(only(c.rows, "chat")).toMatchObject({ outcome: "rate_limited", detail: { code: "rate_limited" } });
  });

  it("search with the database unavailable: 503, outcome error, code db_unavailable, what was asked", async () => {
    failure.next = connectionLost();
    const r = await call({ handler: search, pathname: "/api/search", body: { query: "annual leave" } });
    expect(r.status).toBe(503);
    const row = only(r.rows, "search");
    expect(row.outcome).toBe("error");
    expect(row.detail).toMatchObject({ code: "db_unavailable", query: "annual leave" });
  });

  it("search failing internally: 500, outcome error, code internal, no internal error text", async () => {
    failure.next = new Error("CANARY-INTERNAL-DETAIL at secret/path.ts");
    const r = await call({ handler: search, pathname: "/api/search", body: { query: "annual leave" } });
    expect(r.status).toBe(500);
    const row = only(r.rows, "search");
    expect(row).toMatchObject({ outcome: "error", detail: { code: "internal" } });
    expect(JSON.stringify(row)).not.toContain("CANARY-INTERNAL");
  });

  it("chat rejected by validation: outcome invalid, without the question", async () => {
    const r = await call({
      handler: chat,
      pathname: "/api/chat",
      body: { question: `CANARY-LONG-QUESTION ${"x".repeat(5_000)}` },
    });
    expect(r.status).toBe(400);
    const row = only(r.rows, "chat");
    expect(row).toMatchObject({ outcome: "invalid", detail: { code: "bad_request" } });
    expect(JSON.stringify(row)).not.toContain("CANARY-LONG-QUESTION");
  });

  it("chat whose retrieval loses the database: error event, outcome error, code db_unavailable", async () => {
    failure.next = connectionLost();
    const res = await app.invoke({
      handler: chat,
      method: "POST",
      path: "/api/chat",
      session: emma,
      body: { question: "What is the leave policy?" },
    });
    const events = await readSse(res);
    expect(events.find((e) => e.event === "error")?.data).toMatchObject({ code: "db_unavailable" });
    const rows = await app.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers.get("x-request-id")!));
    const row = only(rows, "chat");
    expect(row).toMatchObject({
      outcome: "error",
      detail: { code: "db_unavailable", question: "What is the leave policy?" },
    });
    expect(JSON.stringify(row)).not.toContain("Connection terminated");
  });

  it("chat the client abandons mid-stream: outcome cancelled", async () => {
    const res = await app.invoke({
      handler: chat,
      method: "POST",
      path: "/api/chat",
      session: emma,
      body: { question: "Who approves travel?" },
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    const rows = await app.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, res.headers.get("x-request-id")!));
    expect(only(rows, "chat")).toMatchObject({ outcome: "cancelled", detail: { question: "Who approves travel?" } });
  });

  it("document view whose database is unavailable: outcome error, code db_unavailable", async () => {
    const page = (await import(path.join(webDir, "app/(app)/documents/[id]/page.tsx"))) as {
      default: (p: unknown) => Promise<unknown>;
    };
    const id = "00000000-0000-4000-8000-0000000000ad";
    failure.next = connectionLost();
    await expect(
      withRequestScope({
        session: emma,
        fn: () => page.default({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }),
      }),
    ).rejects.toThrow();
    const rows = await app.db.select().from(auditEvents).where(eq(auditEvents.target, id));
    expect(only(rows, "document.view")).toMatchObject({ outcome: "error", detail: { code: "db_unavailable" } });
  });

  it("anonymous failures write no row (only signed-in users are audited)", async () => {
    const r = await call({ handler: search, pathname: "/api/search", body: { query: "leave" }, session: null });
    expect(r.status).toBe(401);
    expect(r.rows).toEqual([]);
  });
});
