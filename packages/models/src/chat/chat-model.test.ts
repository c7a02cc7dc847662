import { afterEach, describe, expect, it } from "vitest";
import { readModelsEnv } from "../env";
import { startFakeOpenAI, type FakeOpenAI } from "../testing/fake-openai-server";
import { GroundworkError } from "@groundwork/core/errors";
import { createChatModel, createChatModelFromConfig } from "./chat-model";

const modelUnavailable = { name: "GroundworkError", code: "model_unavailable" };

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const config = (baseURL: string, timeoutMs = 5_000) => ({
  baseURL,
  model: "fake-chat",
  temperature: 0.2,
  maxTokens: 321,
  timeoutMs,
});

async function collect(gen: AsyncGenerator<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const piece of gen) out.push(piece);
  return out;
}

describe("chat model over an OpenAI-compatible server", () => {
  it("is absent when nothing is configured (the extractive default)", () => {
    expect(createChatModel({ env: readModelsEnv({}) })).toBeNull();
    expect(
      createChatModel({ env: readModelsEnv({ LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_MODEL: "m" }) })?.modelId,
    ).toBe("openai:m@http://127.0.0.1:9/v1");
  });

  it("streams deltas and sends model, temperature and max tokens from configuration", async () => {
    fake = await startFakeOpenAI({ reply: () => "Leave is 25 days [1]." });
    const chat = createChatModelFromConfig(config(fake.baseURL));
    const pieces = await collect(
      chat.stream({
        messages: [
          { role: "system", content: "s" },
          { role: "user", content: "q" },
        ],
      }),
    );
    expect(pieces.join("")).toBe("Leave is 25 days [1].");
    expect(pieces.length).toBeGreaterThan(1);
    const body = fake.calls[0]!.body;
    expect(body).toMatchObject({ model: "fake-chat", temperature: 0.2, stream: true });
    expect(body.max_tokens ?? body.max_completion_tokens).toBe(321);
    expect(body.messages).toEqual([
      { role: "system", content: "s" },
      { role: "user", content: "q" },
    ]);
  });

  it("completes without streaming", async () => {
    fake = await startFakeOpenAI({ reply: ({ messages }) => `echo ${messages.at(-1)!.content}` });
    const chat = createChatModelFromConfig(config(fake.baseURL));
    expect(await chat.complete({ messages: [{ role: "user", content: "hi" }] })).toBe("echo hi");
    expect(fake.calls[0]!.stream).toBe(false);
  });

  it("times out on a hung server with a model_unavailable error, without retrying by itself", async () => {
    fake = await startFakeOpenAI({ fail: "hang" });
    const chat = createChatModelFromConfig(config(fake.baseURL, 300));
    const error = await collect(chat.stream({ messages: [{ role: "user", content: "q" }] })).catch((e: unknown) => e);
    expect(error).toMatchObject(modelUnavailable);
    expect((error as GroundworkError).details?.reason).toContain("no response within 300 ms");
    expect(fake.calls).toHaveLength(1);
  });

  it("times out when the stream stalls between tokens", async () => {
    fake = await startFakeOpenAI({ chunkDelayMs: 600, reply: () => "slow answer here" });
    const chat = createChatModelFromConfig(config(fake.baseURL, 250));
    const got: string[] = [];
    const error = await (async () => {
      for await (const p of chat.stream({ messages: [{ role: "user", content: "q" }] })) got.push(p);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject(modelUnavailable);
  });

  it("reports upstream errors (500, 429) as model_unavailable", async () => {
    fake = await startFakeOpenAI({ fail: (c) => (c.seq === 1 ? "error" : "rate_limit") });
    const chat = createChatModelFromConfig(config(fake.baseURL));
    await expect(chat.complete({ messages: [{ role: "user", content: "q" }] })).rejects.toMatchObject(modelUnavailable);
    await expect(collect(chat.stream({ messages: [{ role: "user", content: "q" }] }))).rejects.toMatchObject(
      modelUnavailable,
    );
    expect(fake.calls.map((c) => c.outcome)).toEqual([500, 429]);
  });

  it("stops when the caller aborts, passing the abort through rather than calling it a model failure", async () => {
    fake = await startFakeOpenAI({ fail: "hang" });
    const chat = createChatModelFromConfig(config(fake.baseURL, 10_000));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("client went away")), 100);
    const error = await collect(
      chat.stream({ messages: [{ role: "user", content: "q" }], signal: controller.signal }),
    ).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(GroundworkError);
  });
});
