import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { hashEmbed, tokenize } from "../embeddings/hash-embedder";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";

/**
 * A small OpenAI-compatible HTTP server for tests, e2e runs and the load benchmark: real HTTP,
 * real SSE, deterministic answers. It speaks `POST /v1/chat/completions` (plain and streaming),
 * `POST /v1/embeddings` (float or base64) and `POST /rerank` (Cohere/Jina shape).
 */

export type FakeChatMessage = { role: string; content: string };

export type FakeEndpoint = "chat" | "embeddings" | "rerank";

/** `error` → 500, `rate_limit` → 429, `hang` → never answers, `drop` → stream starts then the socket dies. */
export type FakeFailure = "error" | "rate_limit" | "hang" | "drop";

export type FakeCall = {
  /** 1-based, over all endpoints. */
  seq: number;
  endpoint: FakeEndpoint;
  path: string;
  body: Record<string, unknown>;
  authorization: string | null;
  stream: boolean;
  /** Outcome: the HTTP status sent, or `hang`/`drop`. Filled when the call is answered. */
  outcome: number | "hang" | "drop" | null;
  receivedAt: number;
};

export type FakeReplyInput = {
  messages: FakeChatMessage[];
  model: string;
  body: Record<string, unknown>;
  call: FakeCall;
};

export type FakeOpenAIOptions = {
  port?: number;
  host?: string;
  /** Reply text for a chat request; default: `defaultFakeReply`. */
  reply?: (input: FakeReplyInput) => string | Promise<string>;
  /** Delay before any answer (ms). */
  latencyMs?: number;
  /** Delay between streamed chunks (ms). */
  chunkDelayMs?: number;
  /** A fixed failure for every call, or a function deciding per call (return undefined to answer normally). */
  fail?: FakeFailure | ((call: FakeCall) => FakeFailure | undefined);
  /** Embedding size when the request names no `dimensions`. */
  dimensions?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  apiKey?: string;
  /** Keep at most this many calls in `calls` (oldest dropped); a long benchmark would otherwise grow without bound. */
  maxCalls?: number;
};

export type FakeOpenAI = {
  url: string;
  /** `${url}/v1`, what an OpenAI client takes as its base URL. */
  baseURL: string;
  port: number;
  calls: FakeCall[];
  /** Change behaviour between test steps (merged into the current options). */
  configure(options: Partial<Omit<FakeOpenAIOptions, "port" | "host">>): void;
  close(): Promise<void>;
};

const SOURCE_BLOCK = /<source\s+id="(\d+)"[^>]*>([\s\S]*?)<\/source>/g;

function firstSentence(text: string): string {
  const clean = text.replace(/\s+/g, " ").trim();
  const match = clean.match(/^(.{20,}?[.!?])(\s|$)/);
  return (match?.[1] ?? clean.slice(0, 200)).trim();
}

function messageText(content: unknown): string {
  if (typeof content === "string") return content;
  // Content-part arrays: keep the text parts.
  if (Array.isArray(content)) {
    return content
      .map((p) => (p && typeof p === "object" && "text" in p ? String((p as { text: unknown }).text) : ""))
      .join("");
  }
  return "";
}

/**
 * Default scripted reply. Given numbered `<source id="n">` blocks it answers with the first sentence
 * of the first two sources, each cited `[n]`, so a test can check that citations resolve. Without
 * sources (e.g. a condense request) it returns the last non-empty line of the last user message.
 */
export function defaultFakeReply({ messages }: { messages: FakeChatMessage[] }): string {
  const all = messages.map((m) => m.content).join("\n");
  const sources = [...all.matchAll(SOURCE_BLOCK)].map((m) => ({ n: Number(m[1]), text: m[2] ?? "" }));
  if (sources.length > 0) {
    return sources
      .slice(0, 2)
      .map((s) => `${firstSentence(s.text)} [${s.n}]`)
      .join(" ");
  }
  const lastUser = [...messages].reverse().find((m) => m.role === "user");
  const lines = (lastUser?.content ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? "";
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => resolve(Buffer.concat(parts).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...extra });
  res.end(text);
}

function apiError(res: ServerResponse, status: number, message: string, type: string): void {
  sendJson(res, status, { error: { message, type, code: type } }, status === 429 ? { "retry-after": "0" } : {});
}

function toFloat32Base64(vector: number[]): string {
  const buf = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => buf.writeFloatLE(x, i * 4));
  return buf.toString("base64");
}

function countTokens(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}

/** Overlap of query terms with the document's terms, in [0, 1]. Deterministic and order-preserving enough for tests. */
export function fakeRelevance(query: string, document: string): number {
  const q = new Set(tokenize(query));
  if (q.size === 0) return 0;
  const d = new Set(tokenize(document));
  let hit = 0;
  for (const t of q) if (d.has(t)) hit += 1;
  return hit / q.size;
}

export async function startFakeOpenAI(initial: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  let options: FakeOpenAIOptions = { ...initial };
  const calls: FakeCall[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;

  const failureFor = (call: FakeCall): FakeFailure | undefined =>
    typeof options.fail === "function" ? options.fail(call) : options.fail;

  async function handleChat(res: ServerResponse, call: FakeCall, failure: FakeFailure | undefined): Promise<void> {
    const body = call.body;
    const model = typeof body.model === "string" ? body.model : "fake-model";
    const rawMessages = Array.isArray(body.messages) ? (body.messages as Array<Record<string, unknown>>) : [];
    const messages: FakeChatMessage[] = rawMessages.map((m) => ({
      role: String((m.role ?? "user") as unknown),
      content: messageText(m.content),
    }));
    if (messages.length === 0) {
      call.outcome = 400;
      return apiError(res, 400, "messages must be a non-empty array", "invalid_request_error");
    }
    const text = await (options.reply ?? defaultFakeReply)({ messages, model, body, call });
    const id = `chatcmpl-fake-${call.seq}`;
    const created = Math.floor(Date.now() / 1000);
    const promptTokens = countTokens(messages.map((m) => m.content).join(" "));
    const completionTokens = countTokens(text);
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    };

    if (!call.stream) {
      call.outcome = 200;
      return sendJson(res, 200, {
        id,
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: text, refusal: null },
            logprobs: null,
            finish_reason: "stop",
          },
        ],
        usage,
      });
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    const frame = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
    const chunk = (delta: Record<string, unknown>, finish: string | null) =>
      frame({
        id,
        object: "chat.completion.chunk",
        created,
        model,
        choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
      });
    chunk({ role: "assistant", content: "" }, null);
    const pieces = text.match(/\S+\s*|\s+/g) ?? [];
    for (const [i, piece] of pieces.entries()) {
      // `drop` cuts the connection halfway through the answer, like a crashed upstream.
      if (failure === "drop" && i >= Math.floor(pieces.length / 2)) {
        call.outcome = "drop";
        // Let the chunks already written reach the client before the connection dies.
        await new Promise<void>((r) => res.write("", () => r()));
        await sleep(20);
        res.socket?.destroy();
        return;
      }
      await sleep(options.chunkDelayMs ?? 0);
      if (res.destroyed) return;
      chunk({ content: piece }, null);
    }
    if (failure === "drop") {
      call.outcome = "drop";
      res.socket?.destroy();
      return;
    }
    chunk({}, "stop");
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    if (streamOptions?.include_usage)
      frame({ id, object: "chat.completion.chunk", created, model, choices: [], usage });
    res.write("data: [DONE]\n\n");
    call.outcome = 200;
    res.end();
  }

  function handleEmbeddings(res: ServerResponse, call: FakeCall): void {
    const body = call.body;
    const input = body.input;
    const texts =
      typeof input === "string"
        ? [input]
        : Array.isArray(input)
          ? input.map((x) => (typeof x === "string" ? x : JSON.stringify(x)))
          : null;
    if (!texts || texts.length === 0) {
      call.outcome = 400;
      return apiError(res, 400, "input must be a string or a non-empty array", "invalid_request_error");
    }
    const dims = typeof body.dimensions === "number" ? body.dimensions : (options.dimensions ?? EMBEDDING_DIMENSIONS);
    if (!Number.isInteger(dims) || dims < 1 || dims > 16_000) {
      call.outcome = 400;
      return apiError(res, 400, "dimensions out of range", "invalid_request_error");
    }
    const base64 = body.encoding_format === "base64";
    call.outcome = 200;
    sendJson(res, 200, {
      object: "list",
      model: typeof body.model === "string" ? body.model : "fake-embedding",
      data: texts.map((t, index) => {
        const v = hashEmbed(t, dims);
        return { object: "embedding", index, embedding: base64 ? toFloat32Base64(v) : v };
      }),
      usage: { prompt_tokens: countTokens(texts.join(" ")), total_tokens: countTokens(texts.join(" ")) },
    });
  }

  function handleRerank(res: ServerResponse, call: FakeCall): void {
    const body = call.body;
    const query = typeof body.query === "string" ? body.query : null;
    const docs = Array.isArray(body.documents)
      ? body.documents.map((d) =>
          typeof d === "string"
            ? d
            : d && typeof d === "object" && "text" in d
              ? String((d as { text: unknown }).text)
              : "",
        )
      : null;
    if (query === null || docs === null) {
      call.outcome = 400;
      return apiError(res, 400, "query and documents are required", "invalid_request_error");
    }
    const topN = typeof body.top_n === "number" ? body.top_n : docs.length;
    const results = docs
      .map((d, index) => ({ index, relevance_score: fakeRelevance(query, d), document: { text: d } }))
      .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index)
      .slice(0, Math.max(0, topN));
    call.outcome = 200;
    sendJson(res, 200, { id: `rerank-fake-${call.seq}`, model: body.model ?? "fake-rerank", results });
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    // Lets an e2e test or the benchmark steer a standalone server (latency, failures) without restarting it.
    if (req.method === "GET") return sendJson(res, 200, { calls });
    if (req.method === "DELETE") {
      calls.length = 0;
      return sendJson(res, 200, { ok: true });
    }
    const patch = raw ? (JSON.parse(raw) as Partial<FakeOpenAIOptions>) : {};
    const next: Partial<FakeOpenAIOptions> = {};
    if (typeof patch.latencyMs === "number") next.latencyMs = patch.latencyMs;
    if (typeof patch.chunkDelayMs === "number") next.chunkDelayMs = patch.chunkDelayMs;
    if (patch.fail === null || typeof patch.fail === "string") next.fail = patch.fail ?? undefined;
    options = { ...options, ...next };
    return sendJson(res, 200, { ok: true });
  }

  const server = createServer((req, res) => {
    void (async () => {
      const path = (req.url ?? "/").split("?")[0] ?? "/";
      const raw = await readBody(req);
      if (path === "/__fake/calls" || path === "/__fake/config") return handleControl(req, res, raw);
      if (path === "/health" || path === "/v1/models") {
        return sendJson(res, 200, {
          object: "list",
          data: [{ id: "fake-model", object: "model", owned_by: "groundwork" }],
        });
      }
      const endpoint: FakeEndpoint | null = path.endsWith("/chat/completions")
        ? "chat"
        : path.endsWith("/embeddings")
          ? "embeddings"
          : path.endsWith("/rerank")
            ? "rerank"
            : null;
      if (!endpoint || req.method !== "POST") return apiError(res, 404, `No route ${req.method} ${path}`, "not_found");
      let body: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(raw || "{}");
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("not an object");
        body = parsed as Record<string, unknown>;
      } catch {
        return apiError(res, 400, "Body must be a JSON object", "invalid_request_error");
      }
      const call: FakeCall = {
        seq: ++seq,
        endpoint,
        path,
        body,
        authorization: req.headers.authorization ?? null,
        stream: endpoint === "chat" && body.stream === true,
        outcome: null,
        receivedAt: Date.now(),
      };
      calls.push(call);
      if (calls.length > (options.maxCalls ?? Number.POSITIVE_INFINITY)) calls.shift();
      if (options.apiKey && call.authorization !== `Bearer ${options.apiKey}`) {
        call.outcome = 401;
        return apiError(res, 401, "Incorrect API key provided", "invalid_api_key");
      }
      const failure = failureFor(call);
      await sleep(options.latencyMs ?? 0);
      if (failure === "hang") {
        // Keep the socket open without answering; close() destroys it.
        call.outcome = "hang";
        return;
      }
      if (failure === "error") {
        call.outcome = 500;
        return apiError(res, 500, "The fake server was told to fail", "server_error");
      }
      if (failure === "rate_limit") {
        call.outcome = 429;
        return apiError(res, 429, "Rate limit reached (fake)", "rate_limit_exceeded");
      }
      if (endpoint === "chat") return handleChat(res, call, failure);
      if (endpoint === "embeddings") return handleEmbeddings(res, call);
      return handleRerank(res, call);
    })().catch((error: unknown) => {
      if (!res.headersSent) apiError(res, 500, String(error), "server_error");
      else res.destroy();
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${port}`;

  return {
    url,
    baseURL: `${url}/v1`,
    port,
    calls,
    configure(patch) {
      options = { ...options, ...patch };
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
    },
  };
}

function parseArgs(argv: string[]): FakeOpenAIOptions {
  const out: FakeOpenAIOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    const take = () => {
      i += 1;
      if (value === undefined) throw new Error(`${flag} needs a value`);
      return value;
    };
    if (flag === "--port") out.port = Number(take());
    else if (flag === "--host") out.host = take();
    else if (flag === "--latency") out.latencyMs = Number(take());
    else if (flag === "--chunk-delay") out.chunkDelayMs = Number(take());
    else if (flag === "--dimensions") out.dimensions = Number(take());
    else if (flag === "--api-key") out.apiKey = take();
    else if (flag === "--fail") out.fail = take() as FakeFailure;
    else
      throw new Error(
        `Unknown flag ${flag}. Flags: --port --host --latency --chunk-delay --dimensions --api-key --fail`,
      );
  }
  return out;
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const fake = await startFakeOpenAI({ maxCalls: 1000, ...parseArgs(process.argv.slice(2)) });
  // One JSON line so a parent process (e2e config, benchmark) can read the URL.
  console.log(JSON.stringify({ fakeOpenAI: fake.url, baseURL: fake.baseURL, port: fake.port }));
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
