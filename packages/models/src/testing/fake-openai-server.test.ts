import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { defaultFakeReply, startFakeOpenAI, type FakeOpenAI } from "./fake-openai-server";

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${fake!.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Reads an SSE body into its `data:` payloads, checking every frame ends with a blank line. */
async function readSse(res: Response): Promise<string[]> {
  const text = await res.text();
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((frame) => {
      expect(frame.startsWith("data: ")).toBe(true);
      return frame.slice("data: ".length);
    });
}

/** A LangChain message's content as text (the fake only ever sends strings). */
const textOf = (content: unknown): string => (typeof content === "string" ? content : JSON.stringify(content));

const sourcesPrompt = [
  { role: "system", content: "Answer only from the sources." },
  {
    role: "user",
    content:
      '<source id="1" title="Leave">Employees accrue 25 days of paid leave per year. Leave carries over.</source>\n' +
      '<source id="2" title="Expenses">Meals are reimbursed up to 40 EUR per day. Receipts are required.</source>\n' +
      "How much leave do I get?",
  },
];

describe("fake OpenAI server", () => {
  it("answers a non-streaming chat completion citing the numbered sources it was given", async () => {
    fake = await startFakeOpenAI();
    const res = await post("/v1/chat/completions", { model: "m", messages: sourcesPrompt });
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      choices: Array<{ message: { content: string }; finish_reason: string }>;
      usage: { total_tokens: number };
    };
    expect(json.choices[0]!.message.content).toBe(
      "Employees accrue 25 days of paid leave per year. [1] Meals are reimbursed up to 40 EUR per day. [2]",
    );
    expect(json.choices[0]!.finish_reason).toBe("stop");
    expect(json.usage.total_tokens).toBeGreaterThan(0);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ endpoint: "chat", stream: false, outcome: 200 });
  });

  it("streams SSE chunks that reassemble to the reply, then a usage chunk and [DONE]", async () => {
    fake = await startFakeOpenAI({ reply: () => "Twenty five days [1]." });
    const res = await post("/v1/chat/completions", {
      model: "m",
      stream: true,
      stream_options: { include_usage: true },
      messages: sourcesPrompt,
    });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const frames = await readSse(res);
    expect(frames.at(-1)).toBe("[DONE]");
    const chunks = frames.slice(0, -1).map(
      (f) =>
        JSON.parse(f) as {
          choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
          usage?: unknown;
        },
    );
    const text = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? "")).join("");
    expect(text).toBe("Twenty five days [1].");
    expect(chunks.filter((c) => c.choices.length > 0).length).toBeGreaterThan(3);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === "stop")).toBe(true);
    expect(chunks.at(-1)!.usage).toBeDefined();
  });

  it("passes the request messages to a scripted reply", async () => {
    fake = await startFakeOpenAI({
      reply: ({ messages }) => `saw ${messages.length} messages, last from ${messages.at(-1)!.role}`,
    });
    const res = await post("/v1/chat/completions", { model: "m", messages: sourcesPrompt });
    const json = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(json.choices[0]!.message.content).toBe("saw 2 messages, last from user");
  });

  it("works with LangChain ChatOpenAI, plain and streaming", async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-test" });
    const chat = new ChatOpenAI({
      model: "fake-chat",
      apiKey: "sk-test",
      configuration: { baseURL: fake.baseURL },
      maxRetries: 0,
    });
    const msg = await chat.invoke(
      sourcesPrompt.map((m) => [m.role === "system" ? "system" : "human", m.content] as [string, string]),
    );
    expect(textOf(msg.content)).toContain("[1]");
    let streamed = "";
    let pieces = 0;
    for await (const chunk of await chat.stream([["human", "line one\nWhat is the leave policy?"]])) {
      streamed += textOf(chunk.content);
      pieces += 1;
    }
    expect(streamed).toBe("What is the leave policy?");
    expect(pieces).toBeGreaterThan(1);
    expect(fake.calls.map((c) => c.stream)).toEqual([false, true]);
    expect(fake.calls.every((c) => c.authorization === "Bearer sk-test")).toBe(true);
  });

  it("rejects a wrong API key with 401", async () => {
    fake = await startFakeOpenAI({ apiKey: "right" });
    const res = await post("/v1/chat/completions", { model: "m", messages: sourcesPrompt });
    expect(res.status).toBe(401);
  });

  it("returns deterministic embeddings of the requested size, in batch, as floats or base64", async () => {
    fake = await startFakeOpenAI();
    const res = await post("/v1/embeddings", {
      model: "e",
      input: ["paid leave", "meal expenses", "paid leave"],
      dimensions: 64,
    });
    const json = (await res.json()) as { data: Array<{ index: number; embedding: number[] }> };
    expect(json.data.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(json.data[0]!.embedding).toHaveLength(64);
    expect(json.data[0]!.embedding).toEqual(json.data[2]!.embedding);
    expect(json.data[0]!.embedding).not.toEqual(json.data[1]!.embedding);

    // The OpenAI SDK asks for base64 by default; LangChain's OpenAIEmbeddings must decode it to the same vector.
    const embeddings = new OpenAIEmbeddings({
      model: "e",
      dimensions: 64,
      apiKey: "x",
      configuration: { baseURL: fake.baseURL },
      maxRetries: 0,
    });
    const [viaClient] = await embeddings.embedDocuments(["paid leave"]);
    expect(viaClient).toHaveLength(64);
    viaClient!.forEach((x, i) => expect(x).toBeCloseTo(json.data[0]!.embedding[i]!, 5));
  });

  it("reranks documents by query overlap and honours top_n", async () => {
    fake = await startFakeOpenAI();
    const res = await post("/rerank", {
      query: "parental leave weeks",
      documents: ["expense receipts", { text: "parental leave is 16 weeks" }, "leave carry over"],
      top_n: 2,
    });
    const json = (await res.json()) as { results: Array<{ index: number; relevance_score: number }> };
    expect(json.results.map((r) => r.index)).toEqual([1, 2]);
    expect(json.results[0]!.relevance_score).toBeGreaterThan(json.results[1]!.relevance_score);
  });

  it("fails on demand with 500 and 429, per call", async () => {
    fake = await startFakeOpenAI({
      fail: (call) => (call.seq === 1 ? "error" : call.seq === 2 ? "rate_limit" : undefined),
    });
    expect((await post("/v1/chat/completions", { model: "m", messages: sourcesPrompt })).status).toBe(500);
    const limited = await post("/v1/chat/completions", { model: "m", messages: sourcesPrompt });
    expect(limited.status).toBe(429);
    expect((await post("/v1/chat/completions", { model: "m", messages: sourcesPrompt })).status).toBe(200);
    expect(fake.calls.map((c) => c.outcome)).toEqual([500, 429, 200]);
  });

  it("hangs until the client gives up, and close() still returns", async () => {
    fake = await startFakeOpenAI({ fail: "hang" });
    // Without a client timeout fetch would wait forever; the client gives up through a signal.
    const controller = new AbortController();
    const pending = fetch(`${fake.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: sourcesPrompt }),
      signal: controller.signal,
    }).then(
      () => "answered",
      () => "aborted",
    );
    setTimeout(() => controller.abort(), 200);
    expect(await pending).toBe("aborted");
    expect(fake.calls.at(-1)!.outcome).toBe("hang");
  }, 10_000);

  it("adds the configured latency and can be reconfigured between steps", async () => {
    fake = await startFakeOpenAI();
    fake.configure({ fail: "error" });
    expect((await post("/v1/embeddings", { input: "x" })).status).toBe(500);
    fake.configure({ fail: undefined, latencyMs: 150 });
    const started = Date.now();
    expect((await post("/v1/embeddings", { input: "x" })).status).toBe(200);
    // A functional check that the delay happened, not a performance assertion.
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("drops a stream halfway when told to", async () => {
    fake = await startFakeOpenAI({ fail: "drop", reply: () => "one two three four five six seven eight" });
    const chat = new ChatOpenAI({ model: "m", apiKey: "x", configuration: { baseURL: fake.baseURL }, maxRetries: 0 });
    await expect(
      (async () => {
        let text = "";
        for await (const c of await chat.stream("hi")) text += textOf(c.content);
        return text;
      })(),
    ).rejects.toThrow();
    expect(fake.calls[0]!.outcome).toBe("drop");
  });

  it("answers a condense-style prompt with its last line when no sources are present", () => {
    expect(
      defaultFakeReply({ messages: [{ role: "user", content: "History...\nStandalone: what is the notice period?" }] }),
    ).toBe("Standalone: what is the notice period?");
  });

  it("runs standalone with --port and is steerable over its control endpoint", async () => {
    const script = fileURLToPath(new URL("./fake-openai-server.ts", import.meta.url));
    const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));
    const child = spawn(tsx, [script, "--port", "0", "--latency", "0"], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [line] = (await once(child.stdout, "data")) as [Buffer];
      const { baseURL, fakeOpenAI } = JSON.parse(line.toString().split("\n")[0]!) as {
        baseURL: string;
        fakeOpenAI: string;
      };
      const res = await fetch(`${baseURL}/chat/completions`, {
        method: "POST",
        body: JSON.stringify({ model: "m", messages: sourcesPrompt }),
      });
      expect(res.status).toBe(200);
      await fetch(`${fakeOpenAI}/__fake/config`, { method: "POST", body: JSON.stringify({ fail: "rate_limit" }) });
      const limited = await fetch(`${baseURL}/embeddings`, { method: "POST", body: JSON.stringify({ input: "x" }) });
      expect(limited.status).toBe(429);
      const calls = (await (await fetch(`${fakeOpenAI}/__fake/calls`)).json()) as {
        calls: Array<{ endpoint: string; outcome: number }>;
      };
      expect(calls.calls.map((c) => [c.endpoint, c.outcome])).toEqual([
        ["chat", 200],
        ["embeddings", 429],
      ]);
    } finally {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  }, 30_000);
});
