import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type OpenAI from "openai";
import { createServiceAccount } from "@groundwork/auth";
import { availableTargets } from "@groundwork/db/testing";
import { PERSONAS, startAppHarness, type AppHarness } from "./harness/app-harness";
import { connectMcp, issueToken, openaiClient, type McpCaller } from "./harness/api-clients";
import { CANARY, CANARY_TAG, ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { canariesIn, withoutOwnWords, type Canary } from "./harness/leak-probes";
import { startRouteServer, type RouteServer } from "./harness/route-server";

/**
 * The leak suite through the developer surfaces, for every persona's API token and for service
 * accounts: /v1/models, /v1/chat/completions (streamed and not, text and the citations array),
 * a model naming a tag the caller cannot read, the Azure search-openai-demo protocol (JSON and
 * NDJSON, with and without a category override), and the MCP tools search, fetch_document and
 * answer. A canary (one group's document) may only reach its group's members and admins; a
 * service account reads what its own groups grant and nothing of the person who made it; a
 * document the caller cannot read is fetched exactly like one that does not exist.
 */
type Group = keyof typeof CANARY;
const GROUPS = Object.keys(CANARY) as Group[];
const CANARIES: Canary[] = GROUPS.map((g) => ({ name: g, needles: [CANARY[g], `${CANARY_TAG}-${g}`], readers: [] }));

type Caller = { name: string; username: string; groups: readonly Group[]; admin: boolean; service?: string[] };
const CALLERS: Caller[] = [
  { name: "employee", username: PERSONAS.employee, groups: [], admin: false },
  { name: "hr", username: PERSONAS.hr, groups: ["hr"], admin: false },
  { name: "legal", username: PERSONAS.legal, groups: ["legal"], admin: false },
  { name: "support", username: PERSONAS.support, groups: [], admin: false },
  { name: "admin", username: PERSONAS.admin, groups: [], admin: true },
  // Service accounts: one in the legal group, one in none (it still holds group:everyone).
  { name: "service in legal", username: "sa_legal_bot", groups: ["legal"], admin: false, service: ["legal"] },
  { name: "service in no group", username: "sa_plain_bot", groups: [], admin: false, service: [] },
];

const mayRead = (caller: Caller, g: string) => caller.admin || (caller.groups as readonly string[]).includes(g);

const QUESTIONS = (g: Group) => [
  `What is the severance multiplier ${CANARY[g]}?`,
  "What is the confidential severance multiplier for the review?",
  "list every document about severance and leave payout",
];

describe.each(await availableTargets())("leak suite through the API surfaces on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  let server: RouteServer;
  const tokens = new Map<string, string>();
  // What each caller received per surface, for the positive controls.
  const seen = new Map<string, Set<string>>();

  const expectAllowed = ({
    caller,
    text,
    where,
    own = [],
  }: {
    caller: Caller;
    text: string;
    where: string;
    own?: readonly string[];
  }) => {
    const found = canariesIn({ text: withoutOwnWords(text, own), canaries: CANARIES });
    const leaked = found.filter((g) => !mayRead(caller, g));
    expect.soft(leaked, `${where}: ${caller.name} received canaries ${leaked.join(", ")}`).toEqual([]);
    const key = `${caller.name}|${where.split(" ")[0]}`;
    seen.set(key, new Set([...(seen.get(key) ?? []), ...found]));
  };
  const received = (caller: string, surface: string) => [...(seen.get(`${caller}|${surface}`) ?? [])].sort();

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
    server = await startRouteServer();
    for (const c of CALLERS) {
      if (c.service) await createServiceAccount({ db: app.db, name: c.username, groupNames: c.service });
      // A high own limit: the sweep makes more calls a minute than the default chat bucket allows.
      tokens.set(c.name, (await issueToken({ db: app.db, username: c.username, rateLimitPerMinute: 100_000 })).token);
    }
  });
  afterAll(async () => {
    await server?.close();
    await app?.dispose();
    corpus?.dispose();
  });

  it("without a token every surface is a 401 that names no document", async () => {
    for (const path of ["/v1/models", "/v1/chat/completions", "/mcp"]) {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method: path === "/v1/models" ? "GET" : "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
        ...(path === "/v1/models"
          ? {}
          : { body: JSON.stringify({ model: "groundwork", messages: [{ role: "user", content: CANARY.hr }] }) }),
      });
      expect(res.status, path).toBe(401);
      expect(canariesIn({ text: await res.text(), canaries: CANARIES })).toEqual([]);
    }
  });

  it.each(CALLERS.map((c) => [c.name, c] as const))(
    "/v1/models and /v1/chat/completions as %s",
    async (_name, caller) => {
      const openai = openaiClient({ baseUrl: server.baseUrl, token: tokens.get(caller.name)! });
      const models = await openai.models.list();
      expectAllowed({ caller, text: JSON.stringify(models.data), where: "models list" });

      for (const g of GROUPS) {
        for (const question of QUESTIONS(g)) {
          const messages = [{ role: "user" as const, content: question }];
          const completion = await openai.chat.completions.create({ model: "groundwork", messages });
          const text = JSON.stringify(completion);
          expectAllowed({ caller, text, where: `completion "${question}"`, own: [question] });
          const cited = (completion as unknown as { citations: { documentId: string }[] }).citations.map(
            (c) => c.documentId,
          );
          for (const other of GROUPS)
            if (!mayRead(caller, other))
              expect(cited, `completion "${question}" as ${caller.name} cites ${other}`).not.toContain(
                corpus.docIds[other],
              );

          const stream = await openai.chat.completions.create({ model: "groundwork", messages, stream: true });
          const frames: string[] = [];
          for await (const chunk of stream) frames.push(JSON.stringify(chunk));
          expectAllowed({ caller, text: frames.join("\n"), where: `stream "${question}"`, own: [question] });
        }

        // A model restricted to a tag: only its readers may use it; anyone else gets the unknown model's 404.
        const tagModel = `groundwork:tag:${CANARY_TAG}-${g}`;
        const attempt = await openai.chat.completions
          .create({ model: tagModel, messages: [{ role: "user", content: "What are the severance terms?" }] })
          .then(
            (c) => ({ status: 200, text: JSON.stringify(c) }),
            (error: unknown) => ({
              status: (error as { status?: number }).status ?? 0,
              text: JSON.stringify((error as { error?: unknown }).error ?? null),
            }),
          );
        if (mayRead(caller, g)) expect(attempt.status, `${tagModel} as ${caller.name}`).toBe(200);
        else {
          expect(attempt.status, `${tagModel} as ${caller.name}`).toBe(404);
          const unknown = await openai.chat.completions
            .create({ model: "groundwork:tag:no-such-tag", messages: [{ role: "user", content: "x" }] })
            .catch((error: unknown) => error as InstanceType<typeof OpenAI.NotFoundError>);
          expect(attempt.text.replace(tagModel, "M")).toBe(
            JSON.stringify((unknown as { error?: unknown }).error).replace("groundwork:tag:no-such-tag", "M"),
          );
        }
        expectAllowed({ caller, text: attempt.text, where: `tag model ${g}`, own: [tagModel] });
      }
    },
  );

  it.each(CALLERS.map((c) => [c.name, c] as const))(
    "Azure demo protocol /chat and /chat/stream (answer, data_points, thoughts) as %s",
    async (_name, caller) => {
      const ask = (path: string, body: unknown) =>
        fetch(`${server.baseUrl}${path}`, {
          method: "POST",
          headers: { authorization: `Bearer ${tokens.get(caller.name)!}`, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      for (const g of GROUPS) {
        for (const question of QUESTIONS(g)) {
          const messages = [{ role: "user", content: question }];
          const tag = `${CANARY_TAG}-${g}`;
          for (const [path, body] of [
            ["/api/protocols/azure/chat", { messages }],
            ["/api/protocols/azure/chat/stream", { messages }],
            // Narrowed to a category (a tag) the caller may not be able to read.
            ["/api/protocols/azure/chat", { messages, context: { overrides: { top: 5, include_category: tag } } }],
          ] as const) {
            const res = await ask(path, body);
            expect(res.status, `${path} as ${caller.name}`).toBe(200);
            expectAllowed({
              caller,
              text: await res.text(),
              where: `azure ${path} "${question}"`,
              own: [question, tag],
            });
          }
        }
      }
    },
  );

  it.each(CALLERS.map((c) => [c.name, c] as const))(
    "MCP search, fetch_document and answer as %s",
    async (_n, caller) => {
      const mcp: McpCaller = await connectMcp({ baseUrl: server.baseUrl, token: tokens.get(caller.name)! });
      try {
        const missing = await mcp.callTool("fetch_document", { id: randomUUID() });
        expect(missing.isError).toBe(true);
        for (const g of GROUPS) {
          for (const query of [CANARY[g], ...QUESTIONS(g)]) {
            const r = await mcp.callTool("search", { query });
            expectAllowed({ caller, text: JSON.stringify(r.raw), where: `mcp-search "${query}"`, own: [query] });
          }
          for (const question of QUESTIONS(g)) {
            const r = await mcp.callTool("answer", { question });
            expect(r.isError, `answer "${question}" as ${caller.name}: ${r.text}`).toBe(false);
            expectAllowed({ caller, text: JSON.stringify(r.raw), where: `mcp-answer "${question}"`, own: [question] });
            const cited = ((r.structured?.citations ?? []) as { documentId: string }[]).map((c) => c.documentId);
            for (const other of GROUPS) if (!mayRead(caller, other)) expect(cited).not.toContain(corpus.docIds[other]);
          }
          const id = corpus.docIds[g];
          for (const args of [{ id }, { id, pageFrom: 1 }, { id, chunk: randomUUID() }]) {
            const doc = await mcp.callTool("fetch_document", args);
            if (mayRead(caller, g)) {
              // A chunk id from nowhere, or a page range of a document without pages, matches no passage.
              if (Object.keys(args).length === 1) {
                expect(doc.isError, `fetch ${g} as ${caller.name}`).toBe(false);
                expect(String(doc.structured?.text)).toContain(CANARY[g]);
              }
            } else {
              // Word for word the answer for an id that does not exist: no existence oracle.
              expect(doc.raw, `fetch ${g} ${JSON.stringify(args)} as ${caller.name}`).toEqual(missing.raw);
            }
            expectAllowed({ caller, text: JSON.stringify(doc.raw), where: `mcp-fetch ${g}`, own: [id] });
          }
        }
      } finally {
        await mcp.close();
      }
    },
  );

  it("positive controls: each surface hands a canary to its readers", () => {
    for (const surface of ["completion", "stream", "azure", "mcp-search", "mcp-answer", "mcp-fetch"]) {
      expect(received("hr", surface), `hr via ${surface}`).toContain("hr");
      expect(received("legal", surface), `legal via ${surface}`).toContain("legal");
      expect(received("service in legal", surface), `legal service account via ${surface}`).toEqual(["legal"]);
      expect(received("admin", surface), `admin via ${surface}`).toEqual(["exec", "hr", "legal"]);
      expect(received("service in no group", surface), `plain service account via ${surface}`).toEqual([]);
    }
    expect(received("hr", "models")).toEqual(["hr"]);
  });
});
