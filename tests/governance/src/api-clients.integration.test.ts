import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import OpenAI from "openai";
import { ChatOpenAI } from "@langchain/openai";
import { revokeApiToken } from "@groundwork/auth";
import { apiTokens, auditEvents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, type AppHarness } from "./harness/app-harness";
import { connectMcp, issueToken, openaiClient } from "./harness/api-clients";
import { PUBLIC_TOKEN, ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { startRouteServer, type RouteServer } from "./harness/route-server";

/**
 * Groundwork through the clients people already use, over real HTTP: the official openai SDK
 * (models.list, chat completions streamed and not), LangChain's ChatOpenAI pointed at
 * /v1 (invoke and stream), and the MCP SDK's client over Streamable HTTP (initialize, tools/list,
 * each tool). Then what a token may do: scopes, expiry and revocation at the next request, and
 * the per-token rate limit with its Retry-After in each protocol's error shape.
 */
const LEAVE = "How many days of annual leave does every employee receive?";

describe.each(await availableTargets())("API clients on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  let server: RouteServer;
  let token: string;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
    server = await startRouteServer();
    // A generous own limit: these calls are not what the rate-limit test measures.
    token = (await issueToken({ db: app.db, username: "emma", rateLimitPerMinute: 10_000 })).token;
  });
  afterAll(async () => {
    await server?.close();
    await app?.dispose();
    corpus?.dispose();
  });

  it("openai SDK: models.list, a completion with citations, the same answer streamed, abstention, errors", async () => {
    const openai = openaiClient({ baseUrl: server.baseUrl, token });
    const models: string[] = [];
    for await (const m of openai.models.list()) models.push(m.id);
    expect(models[0]).toBe("groundwork");
    expect(models).toContain("groundwork:source:governance");

    const completion = await openai.chat.completions.create({
      model: "groundwork",
      messages: [{ role: "user", content: LEAVE }],
    });
    const content = completion.choices[0]!.message.content ?? "";
    expect(content).toContain("25 days");
    const citations = (completion as unknown as { citations: { documentId: string; url: string }[] }).citations;
    expect(citations.map((c) => c.documentId)).toContain(corpus.docIds.public);
    expect(citations[0]!.url).toMatch(/^http:\/\/groundwork\.test\/documents\/[0-9a-f-]+\?/);
    // Citations are markdown links in the text, to the same viewer URLs.
    expect(content).toContain(`: <${citations[0]!.url}>`);
    expect((completion as unknown as { groundwork: { abstained: boolean } }).groundwork.abstained).toBe(false);

    const stream = await openai.chat.completions.create({
      model: "groundwork",
      messages: [{ role: "user", content: LEAVE }],
      stream: true,
    });
    let streamed = "";
    let last: Record<string, unknown> | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      expect(chunk.object).toBe("chat.completion.chunk");
      streamed += chunk.choices[0]?.delta.content ?? "";
      if (chunk.choices[0]?.finish_reason) last = chunk as unknown as Record<string, unknown>;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(streamed).toBe(content);
    expect((last?.citations as { documentId: string }[]).map((c) => c.documentId)).toEqual(
      citations.map((c) => c.documentId),
    );

    const none = await openai.chat.completions.create({
      model: "groundwork",
      messages: [{ role: "user", content: "What is the airspeed velocity of an unladen swallow on Jupiter?" }],
    });
    expect(none.choices[0]!.message.role).toBe("assistant");
    expect((none as unknown as { groundwork: { abstained: boolean } }).groundwork.abstained).toBe(true);

    await expect(
      openai.chat.completions.create({ model: "groundwork:source:nope", messages: [{ role: "user", content: LEAVE }] }),
    ).rejects.toMatchObject({ status: 404, code: "model_not_found", param: "model" });
    await expect(
      openaiClient({ baseUrl: server.baseUrl, token: "gw_pat_000000000000_" + "a".repeat(43) }).models.list(),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it("LangChain ChatOpenAI pointed at Groundwork: invoke and stream", async () => {
    const chat = new ChatOpenAI({
      model: "groundwork",
      apiKey: token,
      temperature: 0,
      maxRetries: 0,
      configuration: { baseURL: `${server.baseUrl}/v1` },
    });
    const reply = await chat.invoke([
      ["system", "You are a helpful assistant."],
      ["human", LEAVE],
    ]);
    expect(reply.text).toContain("25 days");
    let streamed = "";
    for await (const chunk of await chat.stream([["human", LEAVE]])) streamed += chunk.text;
    expect(streamed).toBe(reply.text);
  });

  it("MCP SDK client over Streamable HTTP: initialize, list tools, call each", async () => {
    const mcp = await connectMcp({ baseUrl: server.baseUrl, token });
    try {
      expect(mcp.client.getServerVersion()?.name).toBe("groundwork");
      const { tools } = await mcp.client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual(["answer", "fetch_document", "search"]);

      const search = await mcp.callTool("search", { query: "annual leave carry over" });
      expect(search.isError).toBe(false);
      const results = (search.structured as { results: { documentId: string; url: string; chunkId: string }[] })
        .results;
      const hit = results.find((r) => r.documentId === corpus.docIds.public);
      expect(hit?.url).toMatch(/^http:\/\/groundwork\.test\/documents\//);

      const doc = await mcp.callTool("fetch_document", { id: corpus.docIds.public });
      expect(doc.isError).toBe(false);
      expect(doc.structured).toMatchObject({ id: corpus.docIds.public, title: "Annual leave policy" });
      expect(String(doc.structured?.text)).toContain(PUBLIC_TOKEN);
      const passage = await mcp.callTool("fetch_document", { id: corpus.docIds.public, chunk: hit!.chunkId });
      expect(String(passage.structured?.text).length).toBeLessThanOrEqual(String(doc.structured?.text).length);
      // A document without pages reads as one page: page 1 is all of it, page 2 is past the end.
      expect(doc.structured?.pageCount ?? null).toBeNull();
      const first = await mcp.callTool("fetch_document", { id: corpus.docIds.public, pageFrom: 1, pageTo: 1 });
      expect(first.isError).toBe(false);
      expect(first.structured?.text).toBe(doc.structured?.text);
      const past = await mcp.callTool("fetch_document", { id: corpus.docIds.public, pageFrom: 2 });
      expect(past.isError).toBe(true);
      expect(past.text).toMatch(/no pages/);

      const answer = await mcp.callTool("answer", { question: LEAVE });
      expect(answer.isError).toBe(false);
      expect(String(answer.structured?.answer)).toContain("25 days");
      expect((answer.structured?.citations as { documentId: string }[]).map((c) => c.documentId)).toContain(
        corpus.docIds.public,
      );
    } finally {
      await mcp.close();
    }
  });

  it("every request is audited with the token's id, the answers the pipeline records too", async () => {
    const issued = await issueToken({ db: app.db, username: "emma", rateLimitPerMinute: 10_000 });
    const openai = openaiClient({ baseUrl: server.baseUrl, token: issued.token });
    await openai.chat.completions.create({ model: "groundwork", messages: [{ role: "user", content: LEAVE }] });
    const stream = await openai.chat.completions.create({
      model: "groundwork",
      messages: [{ role: "user", content: LEAVE }],
      stream: true,
    });
    for await (const chunk of stream) void chunk;
    const azure = await fetch(`${server.baseUrl}/api/protocols/azure/chat`, {
      method: "POST",
      headers: { authorization: `Bearer ${issued.token}`, "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: LEAVE }] }),
    });
    expect(azure.status).toBe(200);
    const mcp = await connectMcp({ baseUrl: server.baseUrl, token: issued.token });
    try {
      await mcp.callTool("answer", { question: LEAVE });
    } finally {
      await mcp.close();
    }
    const rows = await app.db
      .select({ action: auditEvents.action, detail: auditEvents.detail })
      .from(auditEvents)
      .where(sql`${auditEvents.detail}->>'tokenId' = ${issued.id}`);
    const actions = rows.map((r) => r.action).sort();
    // Two completions and the Azure answer (the pipeline's rows), the MCP answer's pipeline row and
    // the MCP requests themselves (initialize, initialized, tools/call).
    expect(actions.filter((a) => a === "chat")).toHaveLength(4);
    expect(actions.filter((a) => a === "mcp").length).toBeGreaterThanOrEqual(2);
  });

  it("scopes: each surface needs its own; MCP takes any tool scope and lists only the tools it allows", async () => {
    const searchOnly = (await issueToken({ db: app.db, username: "emma", scopes: ["search"] })).token;
    const chatOnly = (await issueToken({ db: app.db, username: "emma", scopes: ["chat"] })).token;
    const readOnly = (await issueToken({ db: app.db, username: "emma", scopes: ["documents:read"] })).token;
    const ingestOnly = (await issueToken({ db: app.db, username: "ada", scopes: ["ingest:write:crm"] })).token;

    const refused = openaiClient({ baseUrl: server.baseUrl, token: searchOnly });
    await expect(refused.models.list()).rejects.toBeInstanceOf(OpenAI.PermissionDeniedError);
    await expect(
      refused.chat.completions.create({ model: "groundwork", messages: [{ role: "user", content: LEAVE }] }),
    ).rejects.toMatchObject({
      status: 403,
      type: "permission_error",
      error: { message: expect.stringContaining("chat") },
    });

    const toolsOf = async (t: string) => {
      const mcp = await connectMcp({ baseUrl: server.baseUrl, token: t });
      try {
        return { names: (await mcp.client.listTools()).tools.map((x) => x.name) };
      } finally {
        await mcp.close();
      }
    };
    expect((await toolsOf(searchOnly)).names).toEqual(["search"]);
    expect((await toolsOf(readOnly)).names).toEqual(["fetch_document"]);
    expect((await toolsOf(chatOnly)).names).toEqual(["answer"]);

    // A chat-only token gets its answer through MCP; a tool outside its scopes does not exist for it.
    const mcp = await connectMcp({ baseUrl: server.baseUrl, token: chatOnly });
    try {
      const answer = await mcp.callTool("answer", { question: LEAVE });
      expect(answer.isError).toBe(false);
      expect(String(answer.structured?.answer)).toContain("25 days");
      const search = await mcp.client.callTool({ name: "search", arguments: { query: "leave" } }).then(
        (r) => ({ ok: r.isError !== true, r }),
        (error: unknown) => ({ ok: false, r: error }),
      );
      expect(search.ok).toBe(false);
    } finally {
      await mcp.close();
    }

    // No read scope at all: the endpoint refuses before any tool.
    const res = await fetch(`${server.baseUrl}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${ingestOnly}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(403);
  });

  it("expiry and revocation take effect at the next request, on every surface", async () => {
    for (const end of ["expire", "revoke"] as const) {
      const issued = await issueToken({ db: app.db, username: "emma", rateLimitPerMinute: 10_000 });
      const openai = openaiClient({ baseUrl: server.baseUrl, token: issued.token });
      const mcp = await connectMcp({ baseUrl: server.baseUrl, token: issued.token });
      try {
        expect((await openai.models.list()).data.length).toBeGreaterThan(0);
        expect((await mcp.callTool("search", { query: "leave" })).isError).toBe(false);
        if (end === "revoke") await revokeApiToken({ db: app.db, id: issued.id });
        else
          await app.db
            .update(apiTokens)
            .set({ expiresAt: new Date(Date.now() - 1000) })
            .where(eq(apiTokens.id, issued.id));
        await expect(openai.models.list(), end).rejects.toMatchObject({
          status: 401,
          code: "invalid_api_key",
          message: expect.stringContaining("Invalid, expired or revoked API token."),
        });
        await expect(
          openai.chat.completions.create({
            model: "groundwork",
            messages: [{ role: "user", content: LEAVE }],
            stream: true,
          }),
        ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
        // The MCP session made before keeps no authority of its own: its next call is refused.
        await expect(mcp.callTool("search", { query: "leave" }), end).rejects.toThrow(/401|Unauthorized|invalid/i);
      } finally {
        await mcp.close().catch(() => undefined);
      }
    }
  });

  it("per-token rate limit: 429 with Retry-After, in OpenAI's error shape on /v1 and the JSON error on /mcp", async () => {
    const limited = await issueToken({ db: app.db, username: "emma", rateLimitPerMinute: 2 });
    const openai = openaiClient({ baseUrl: server.baseUrl, token: limited.token });
    await openai.models.list();
    await openai.chat.completions.create({ model: "groundwork", messages: [{ role: "user", content: LEAVE }] });
    const over = await openai.chat.completions
      .create({ model: "groundwork", messages: [{ role: "user", content: LEAVE }] })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(over).toBeInstanceOf(OpenAI.RateLimitError);
    const rate = over as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rate.status).toBe(429);
    expect(Number(rate.headers?.get("retry-after"))).toBeGreaterThan(0);
    expect(rate.error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });

    // One budget across the token's routes: /mcp refuses it too, and another token of the same user is unaffected.
    const res = await fetch(`${server.baseUrl}/mcp`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${limited.token}`,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await res.json()).toMatchObject({ error: { code: "rate_limited" } });
    const other = openaiClient({ baseUrl: server.baseUrl, token });
    expect((await other.models.list()).data.length).toBeGreaterThan(0);
  });
});
