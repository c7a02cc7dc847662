import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkerHeartbeat } from "@groundwork/worker";
import { documents, sources, users } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import type * as RateLimitExports from "../../../apps/web/lib/server/http/rate-limit";
import { startAppHarness, type AppHarness, type Persona, type Session } from "./harness/app-harness";
import { HTTP_METHODS, fillPattern, listRouteFiles, paramsOf, webDir } from "./harness/route-tree";

/**
 * Every route and method, as an anonymous caller and as an admin, with hostile input:
 * malformed JSON, wrong types, NUL and control bytes in strings and URL params, huge and
 * negative numbers, invalid UUIDs, arrays for objects, wrong content types, empty bodies and
 * oversized query strings. Any 5xx fails (and so does an SSE stream that ends in an internal
 * error, or a 4xx message that shows internals). Inputs come from a seeded generator, so a run
 * is reproducible: the failure list names the route, persona and case.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy?: string;
};
type Case = {
  name: string;
  path?: string;
  params?: Record<string, string | string[]>;
  body?: unknown;
  headers?: Record<string, string>;
};

const SEED = 0x5eed_0014;

/** mulberry32: small, fast and deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values that replace one field of a valid body at a time. */
const WEIRD_VALUES: [string, unknown][] = [
  ["NUL inside", "a\u0000b"],
  ["only NUL", "\u0000"],
  ["control bytes", "\u0001\u0002\u001b[31m\u007f"],
  ["lone surrogate", "\ud800x"],
  ["long string", "x".repeat(5000)],
  ["huge number", 1e308],
  ["negative", -1],
  ["zero", 0],
  ["unsafe integer", 2 ** 63],
  ["fraction", 1.5],
  ["invalid uuid", "not-a-uuid"],
  ["almost uuid", "00000000-0000-0000-0000-00000000000g"],
  ["uuid with NUL", `${randomUUID()}\u0000`],
  ["null", null],
  ["true", true],
  ["empty array", []],
  ["empty object", {}],
  ["nested arrays", [[["deep"]]]],
  ["operator object", { $ne: 1 }],
  ["bad date", "9999-99-99"],
  ["far date", "-300000-01-01"],
  ["emoji", "💥".repeat(20)],
];

const PARAM_VALUES: [string, string][] = [
  ["invalid uuid", "not-a-uuid"],
  ["number", "12345"],
  ["negative", "-1"],
  ["huge number", "99999999999999999999999"],
  ["NUL", "a\u0000b"],
  ["control bytes", "\u0001\u001f\u007f"],
  ["traversal", "../../etc/passwd"],
  ["long", "f".repeat(4000)],
  ["nil uuid", "00000000-0000-0000-0000-000000000000"],
  ["uuid + NUL", `${randomUUID()}\u0000`],
  ["unicode", "ÿ💥"],
  ["percent", "%"],
];

const QUERY_KEYS = [
  "q",
  "limit",
  "before",
  "sourceId",
  "from",
  "to",
  "action",
  "actor",
  "outcome",
  "target",
  "requestId",
  "format",
  "next",
  "chunk",
  "start",
  "end",
];
const QUERY_VALUES = [
  "\u0000",
  "a\u0000b",
  "-1",
  "0",
  "1e309",
  "99999999999999999999",
  "not-a-uuid",
  "NaN",
  "[]",
  "\u0001\u007f",
  "-300000-01-01",
  "x".repeat(3000),
  "",
];

const MALFORMED_JSON = [
  "{",
  '{"a":',
  "[1,2",
  '{"a":1}}',
  "nul\u0000l",
  "\ufeff{}",
  '{"__proto__":{"x":1}}',
  "[".repeat(3000),
];

/** Valid bodies per route, so a mutation of one field gets past the others. */
function templates(f: { userId: string; sourceName: string; sourcePath: string }): Record<string, unknown> {
  const filters = {
    sourceIds: [randomUUID()],
    sourceNames: ["handbook"],
    types: ["md"],
    tags: ["hr"],
    updatedAfter: "2024-01-01",
    includeSuperseded: false,
  };
  return {
    "POST /api/search": { query: "leave policy", limit: 10, filters },
    "POST /api/chat": { question: "How many days of annual leave do I get?", conversationId: randomUUID(), filters },
    "POST /api/feedback": { messageId: randomUUID(), rating: 1, comment: "useful" },
    "POST /api/auth/sign-in": { username: "emma", password: "not-the-password" },
    "POST /api/admin/groups": { name: "fuzz-group", description: "from the fuzz suite" },
    "POST /api/admin/users": {
      username: "fuzzuser",
      displayName: "Fuzz User",
      email: "fuzz@example.com",
      role: "employee",
      password: "long-enough-password",
      groups: ["hr"],
    },
    "PATCH /api/admin/users/[id]": {
      role: "employee",
      disabled: false,
      groups: ["hr"],
      displayName: "Fuzz Target",
      password: "long-enough-password",
    },
    "POST /api/admin/sources": {
      name: "fuzz-src-new",
      kind: "upload",
      path: f.sourcePath,
      defaultAcl: ["group:everyone"],
    },
    "POST /api/admin/runs": { source: f.sourceName },
    "PATCH /api/admin/documents/[id]": { acl: ["group:hr"] },
    "PATCH /api/admin/feedback/[id]": { triage: "reviewed" },
  };
}

/** Every path through a JSON value, with a setter producing a copy with that spot replaced. */
function fieldPaths(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => fieldPaths(v, [...at, i]))];
  if (value && typeof value === "object")
    return [...(at.length ? [at] : []), ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, [...at, k]))];
  return [at];
}

function replaceAt(value: unknown, at: (string | number)[], next: unknown): unknown {
  if (at.length === 0) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) }) as Record<
    string | number,
    unknown
  >;
  const [head, ...rest] = at as [string | number, ...(string | number)[]];
  copy[head] = replaceAt(copy[head], rest, next);
  return copy;
}

function bodyCases({ template, rand }: { template: unknown; rand: () => number }): Case[] {
  const json = { "content-type": "application/json" };
  const cases: Case[] = [
    ...MALFORMED_JSON.map((text, i) => ({ name: `malformed JSON #${i}`, body: text, headers: json })),
    { name: "empty body, JSON type", body: "", headers: json },
    { name: "empty body, no type", body: new Uint8Array(0) },
    { name: "invalid UTF-8", body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: json },
    ...[
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zz",
      "application/xml",
      "application/json; charset=utf-16",
    ].map((type) => ({
      name: `content type ${type}`,
      body: JSON.stringify(template ?? {}),
      headers: { "content-type": type },
    })),
    { name: "array for object", body: [template ?? {}] },
    { name: "array of numbers", body: [1, 2, 3] },
    ...[null, 1, "string", true].map((v) => ({
      name: `JSON ${JSON.stringify(v)}`,
      body: JSON.stringify(v),
      headers: json,
    })),
    { name: "NUL in a key", body: JSON.stringify({ ...(template as object), "k\u0000": 1 }), headers: json },
  ];
  if (template && typeof template === "object") {
    for (const at of fieldPaths(template)) {
      // NUL always; a seeded sample of the rest keeps the run fast and reproducible.
      for (const [label, value] of WEIRD_VALUES)
        if (label === "NUL inside" || rand() < 0.1)
          cases.push({ name: `${at.join(".")} = ${label}`, body: replaceAt(template, at, value) });
      if (at.length) cases.push({ name: `${at.join(".")} missing`, body: replaceAt(template, at, undefined) });
    }
    // Seeded combinations: several fields wrong at once.
    const paths = fieldPaths(template);
    for (let i = 0; i < 4; i++) {
      let body: unknown = template;
      const picks: string[] = [];
      for (let j = 0; j < 3; j++) {
        const at = paths[Math.floor(rand() * paths.length)]!;
        const [label, value] = WEIRD_VALUES[Math.floor(rand() * WEIRD_VALUES.length)]!;
        body = replaceAt(body, at, value);
        picks.push(`${at.join(".")}=${label}`);
      }
      cases.push({ name: `combo ${picks.join(", ")}`, body });
    }
  }
  return cases;
}

function uploadCases({ sourceName }: { sourceName: string }): Case[] {
  const form = (fields: Record<string, string>, files: [string, string][] = [["ok.md", "# ok\n\nfine"]]) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    for (const [name, content] of files) f.append("files", new Blob([content]), name);
    return f;
  };
  return [
    { name: "source with NUL", body: form({ source: "up\u0000x", acl: "hr" }) },
    { name: "acl with control bytes", body: form({ source: sourceName, acl: "hr\u0001,\u0000" }) },
    { name: "acl very long", body: form({ source: sourceName, acl: "g".repeat(5000) }) },
    { name: "filename with NUL", body: form({ source: sourceName, acl: "hr" }, [["a\u0000b.md", "# x\n\ny"]]) },
    {
      name: "filename control bytes",
      body: form({ source: sourceName, acl: "hr" }, [["\u0001\u007f.md", "# x\n\ny"]]),
    },
    {
      name: "filename very long",
      body: form({ source: sourceName, acl: "hr" }, [[`${"n".repeat(3000)}.md`, "# x\n\ny"]]),
    },
    { name: "unknown source", body: form({ source: "no-such-source", acl: "hr" }) },
    { name: "no files", body: form({ source: sourceName }, []) },
    {
      name: "broken multipart",
      body: '--zz\r\nContent-Disposition: form-data; name="files"\r\n\r\nunterminated',
      headers: { "content-type": "multipart/form-data; boundary=zz" },
    },
    { name: "multipart without boundary", body: "x", headers: { "content-type": "multipart/form-data" } },
  ];
}

function queryCases({ rand }: { rand: () => number }): Case[] {
  const cases: Case[] = [];
  for (const key of QUERY_KEYS) {
    for (const value of QUERY_VALUES)
      if (rand() < 0.1)
        cases.push({
          name: `?${key}=${JSON.stringify(value.slice(0, 20))}`,
          path: `?${new URLSearchParams({ [key]: value }).toString()}`,
        });
  }
  cases.push({
    name: "oversized query string",
    path: `?${new URLSearchParams({ q: "y".repeat(100_000), limit: "9".repeat(5000) }).toString()}`,
  });
  cases.push({ name: "repeated keys", path: `?${QUERY_KEYS.map((k) => `${k}=1&${k}=%00`).join("&")}` });
  cases.push({ name: "raw percent", path: "?q=%&limit=%zz&before=%E0%A4%A" });
  return cases;
}

const INTERNALS = /\bat [\w.<>]+ \(|\.ts:\d+|select .* from|relation "|syntax error at|postgres:\/\//i;

describe.each(await availableTargets())("route fuzz on %s", (target) => {
  let app: AppHarness;
  let heartbeat: ReturnType<typeof startWorkerHeartbeat> | undefined;
  const fixtures = { userId: "", sourceName: "fuzz-src", sourcePath: "", documentId: "" };
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gw-fuzz-"));

  beforeAll(async () => {
    app = await startAppHarness({ target });
    // As in the product, a worker is alive, so /api/ready answers 200 rather than its 503.
    heartbeat = startWorkerHeartbeat({ db: app.db, kind: "ingest" });
    await heartbeat.beat();
    const { createRateLimiter } = (await import(
      path.join(webDir, "lib/server/http/rate-limit.ts")
    )) as typeof RateLimitExports;
    // Limits are not what is under test; 429s would hide what the routes do with the input.
    (globalThis as { __groundworkRateLimiter?: unknown }).__groundworkRateLimiter = createRateLimiter({
      config: { chat: 0, search: 0 },
    });
    fixtures.sourcePath = path.join(root, "uploads");
    const [src] = await app.db
      .insert(sources)
      .values({
        name: fixtures.sourceName,
        kind: "upload",
        config: { path: fixtures.sourcePath },
        defaultAcl: ["group:everyone"],
      })
      .returning();
    const [doc] = await app.db
      .insert(documents)
      .values({
        sourceId: src!.id,
        path: "fuzz.md",
        title: "Fuzz doc",
        mime: "text/markdown",
        contentHash: "x",
        acl: ["group:everyone"],
        normalizedText: "Fuzz doc body.",
      })
      .returning();
    fixtures.documentId = doc!.id;
    const [emma] = await app.db.select({ id: users.id }).from(users).limit(1);
    fixtures.userId = emma!.id;
  });
  afterAll(async () => {
    delete (globalThis as { __groundworkRateLimiter?: unknown }).__groundworkRateLimiter;
    await heartbeat?.stop();
    await app?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const routes = listRouteFiles();
  // One generator for the whole file, consumed in route order: the same inputs every run.
  const rand = prng(SEED);

  it.each(routes.map((r) => [r.pattern, r.file] as const))(
    "%s answers no 5xx to hostile input, as anonymous or admin",
    async (pattern, file) => {
      const failures: string[] = [];
      let requests = 0;
      const bodies = templates(fixtures);
      const mod = (await import(file)) as Record<string, Handler>;
      for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function")) {
        const handler = mod[method]!;
        const key = `${method} ${pattern}`;
        const dynamic = paramsOf(pattern);
        // Valid params point at fixtures where one fits, so body mutations reach the handler.
        const validParams = Object.fromEntries(
          dynamic.map((p) => [
            p.name,
            p.catchAll
              ? ["session"]
              : pattern.startsWith("/api/admin/users")
                ? fixtures.userId
                : pattern.includes("documents")
                  ? fixtures.documentId
                  : randomUUID(),
          ]),
        );
        const cases: Case[] = [{ name: "plain" }];
        for (const p of dynamic) {
          for (const [label, value] of PARAM_VALUES)
            cases.push({
              name: `[${p.name}] ${label}`,
              params: { ...validParams, [p.name]: p.catchAll ? [value, value] : value },
            });
        }
        if (method === "GET" || method === "HEAD") cases.push(...queryCases({ rand }));
        else if (pattern === "/api/admin/uploads") cases.push(...uploadCases({ sourceName: fixtures.sourceName }));
        else cases.push(...bodyCases({ template: bodies[key], rand }));
        for (const persona of ["anonymous", "admin"] as const satisfies readonly Persona[]) {
          // Anonymous callers stop at the gate of non-public routes: a sample shows that holds for any input.
          const run =
            persona === "anonymous" && handler.policy !== "public" ? cases.filter((_, i) => i % 15 === 0) : cases;
          let session: Session | null = await app.sessionFor(persona);
          for (const c of run) {
            // Sign-out ends the session it runs in; the next case gets a fresh one.
            if (persona === "admin" && pattern === "/api/auth/sign-out") session = await app.sessionFor(persona);
            const params = c.params ?? validParams;
            const url = `${fillPattern(pattern, params)}${c.path ?? ""}`;
            const where = `${method} as ${persona}: ${c.name}`;
            requests++;
            let res: Response;
            try {
              res = await app.invoke({
                handler,
                method,
                path: url,
                params,
                session,
                body: method === "GET" || method === "HEAD" ? undefined : c.body,
                headers: c.headers ?? {},
              });
            } catch (error) {
              failures.push(`${where} → threw ${String(error).slice(0, 200)}`);
              continue;
            }
            const text =
              method === "HEAD" ? "" : await res.text().catch((e: unknown) => `<<stream failed: ${String(e)}>>`);
            if (res.status >= 500) failures.push(`${where} → ${res.status} ${text.slice(0, 200)}`);
            else if (
              res.headers.get("content-type")?.includes("text/event-stream") &&
              /"code":"internal"|<<stream failed/.test(text)
            )
              failures.push(`${where} → SSE internal error`);
            else if (res.status >= 400 && INTERNALS.test(text))
              failures.push(`${where} → ${res.status} shows internals: ${text.slice(0, 200)}`);
          }
        }
      }
      expect(requests).toBeGreaterThan(0);
      expect(failures, `${failures.length} of ${requests} requests failed:\n${failures.join("\n")}`).toEqual([]);
    },
  );
});
