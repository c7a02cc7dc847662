import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readSse } from "@groundwork/assistant/events";
import { seedCorpus } from "@groundwork/assistant/testing";
import type { Principal } from "@groundwork/access/principal";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { setSharedDb } from "@groundwork/db/client";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { startFakeOpenAI, type FakeOpenAI } from "@groundwork/models/testing";

// Small enough that the 429 test needs only a few requests; read when the limiter is first used.
process.env.GROUNDWORK_RATE_LIMIT_CHAT_PER_MINUTE = "12";

// The session cookie layer is Next's; here the signed-in user is whoever the test says.
const sessionState: { principal: Principal | null } = { principal: null };
vi.mock("~/lib/server/auth/session", () => ({
  readSession: async () =>
    sessionState.principal ? { sessionId: "s", csrfToken: "csrf-ok", principal: sessionState.principal } : null,
}));

const { POST: chat } = await import("./route");
const { POST: search } = await import("../search/route");
const { GET: listConversationsRoute } = await import("../conversations/route");
const { GET: getConversationRoute } = await import("../conversations/[id]/route");
const { POST: feedback } = await import("../feedback/route");
const { sharedRateLimiter } = await import("~/lib/server/http/rate-limit");

const noParams = { params: Promise.resolve({}) };

function post(
  path: string,
  body: unknown,
  { csrf = "csrf-ok", origin = "http://localhost" }: { csrf?: string; origin?: string } = {},
): Request {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: {
      host: "localhost",
      origin,
      "x-csrf-token": csrf,
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(text)),
    },
    body: text,
  });
}

async function events(res: Response) {
  const out: Array<{ event: string; data: Record<string, unknown> }> = [];
  for await (const e of readSse(res.body!))
    out.push({ event: e.event, data: JSON.parse(e.data) as Record<string, unknown> });
  return out;
}

const CORPUS = [
  {
    path: "policies/leave.md",
    title: "Leave policy",
    acl: ["group:everyone"],
    owner: "People Team",
    text: "Employees accrue 25 days of paid annual leave per calendar year.\n\nParental leave is 16 weeks at full pay.",
  },
  {
    path: "hr/salary-bands.md",
    title: "Salary bands",
    acl: ["group:hr"],
    text: "Salary bands are reviewed every April by the compensation committee.",
  },
];

describe.each(await availableTargets())("answer API routes on %s", (target) => {
  let db: TestDatabase;
  let fake: FakeOpenAI;
  let emma: Principal;
  let harper: Principal;

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    setSharedDb(db);
    await seedDemoUsers({ db: db.db });
    await seedCorpus({ db: db.db, docs: CORPUS });
    emma = await resolvePrincipal({ db: db.db, username: "emma" });
    harper = await resolvePrincipal({ db: db.db, username: "harper" });
    fake = await startFakeOpenAI();
    await sharedRateLimiter().reset();
  });
  afterAll(async () => {
    delete process.env.LLM_BASE_URL;
    await fake?.close();
    await db?.dispose();
  });

  it("streams an answer as SSE for the session's user and lists it as their conversation", async () => {
    sessionState.principal = emma;
    const res = await chat(
      post("/api/chat", { question: "How many days of annual leave do employees get?" }),
      noParams,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const evs = await events(res);
    expect(evs[0]!.event).toBe("status");
    expect(evs.map((e) => e.event).slice(-2)).toEqual(["citations", "done"]);
    const final = evs.find((e) => e.event === "citations")!.data as {
      mode: string;
      citations: Array<{ path: string; href: string }>;
    };
    expect(final.mode).toBe("extractive");
    expect(final.citations[0]!.path).toBe("policies/leave.md");
    expect(final.citations[0]!.href).toMatch(/^\/documents\/[0-9a-f-]{36}\?chunk=[0-9a-f-]{36}&start=\d+&end=\d+$/);
    const done = evs.at(-1)!.data as { conversationId: string; messageId: string };

    const list = (await (
      await listConversationsRoute(new Request("http://localhost/api/conversations"), noParams)
    ).json()) as { conversations: Array<{ id: string }> };
    expect(list.conversations.map((c) => c.id)).toContain(done.conversationId);
    const one = await getConversationRoute(new Request(`http://localhost/api/conversations/${done.conversationId}`), {
      params: Promise.resolve({ id: done.conversationId }),
    });
    expect(((await one.json()) as { messages: unknown[] }).messages).toHaveLength(2);

    // Another user sees neither the conversation nor may rate its answer.
    sessionState.principal = harper;
    const theirs = await getConversationRoute(
      new Request(`http://localhost/api/conversations/${done.conversationId}`),
      { params: Promise.resolve({ id: done.conversationId }) },
    );
    expect(theirs.status).toBe(404);
    const otherList = (await (
      await listConversationsRoute(new Request("http://localhost/api/conversations"), noParams)
    ).json()) as { conversations: Array<{ id: string }> };
    expect(otherList.conversations.map((c) => c.id)).not.toContain(done.conversationId);
    expect((await feedback(post("/api/feedback", { messageId: done.messageId, rating: 1 }), noParams)).status).toBe(
      404,
    );
    sessionState.principal = emma;
    expect(
      (
        await feedback(
          post("/api/feedback", { messageId: done.messageId, rating: -1, comment: "wrong year" }),
          noParams,
        )
      ).status,
    ).toBe(201);
  });

  it("uses the configured OpenAI-compatible model when LLM_BASE_URL is set", async () => {
    sessionState.principal = emma;
    process.env.LLM_BASE_URL = fake.baseURL;
    try {
      const evs = await events(
        await chat(post("/api/chat", { question: "How many days of annual leave do employees get?" }), noParams),
      );
      expect((evs.find((e) => e.event === "citations")!.data as { mode: string }).mode).toBe("llm");
      expect(fake.calls.some((c) => c.endpoint === "chat" && c.stream)).toBe(true);
    } finally {
      delete process.env.LLM_BASE_URL;
    }
  });

  it("refuses a principal in the body, anonymous callers, bad CSRF, cross-site and oversized requests", async () => {
    sessionState.principal = emma;
    const smuggled = await chat(
      post("/api/chat", { question: "When are salary bands reviewed?", principal: { isAdmin: true } }),
      noParams,
    );
    expect(smuggled.status).toBe(400);
    const asUser = await chat(
      post("/api/chat", { question: "When are salary bands reviewed?", userId: harper.userId }),
      noParams,
    );
    expect(asUser.status).toBe(400);
    expect((await chat(post("/api/chat", { question: "" }), noParams)).status).toBe(400);
    expect((await chat(post("/api/chat", { question: "x", conversationId: "not-a-uuid" }), noParams)).status).toBe(400);
    expect((await chat(post("/api/chat", { question: "x".repeat(20_000) }), noParams)).status).toBe(413);
    expect((await chat(post("/api/chat", { question: "hi" }, { csrf: "forged" }), noParams)).status).toBe(403);
    expect(
      (await chat(post("/api/chat", { question: "hi" }, { origin: "https://evil.example" }), noParams)).status,
    ).toBe(403);
    sessionState.principal = null;
    expect((await chat(post("/api/chat", { question: "hi" }), noParams)).status).toBe(401);
    expect((await search(post("/api/search", { query: "leave" }), noParams)).status).toBe(401);
    expect((await listConversationsRoute(new Request("http://localhost/api/conversations"), noParams)).status).toBe(
      401,
    );
  });

  it("searches with the session's permissions and returns JSON", async () => {
    sessionState.principal = emma;
    const forEmma = (await (
      await search(post("/api/search", { query: "salary bands reviewed April", limit: 5 }), noParams)
    ).json()) as { results: Array<{ path: string }> };
    expect(forEmma.results.map((r) => r.path)).not.toContain("hr/salary-bands.md");
    sessionState.principal = harper;
    const forHarper = (await (
      await search(post("/api/search", { query: "salary bands reviewed April", limit: 5 }), noParams)
    ).json()) as { results: Array<{ path: string; snippet: string }> };
    expect(forHarper.results[0]!.path).toBe("hr/salary-bands.md");
  });

  it("rate-limits chat per user with 429 and Retry-After", async () => {
    await sharedRateLimiter().reset();
    sessionState.principal = harper;
    let limited: Response | null = null;
    for (let i = 0; i < 14 && !limited; i++) {
      const res = await chat(post("/api/chat", { question: "" }), noParams);
      if (res.status === 429) limited = res;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    await sharedRateLimiter().reset();
  });
});
