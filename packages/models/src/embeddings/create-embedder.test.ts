import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../testing/fake-openai-server";
import { createEmbedder } from "./create-embedder";
import { hashEmbed } from "./hash-embedder";
import { GroundworkError } from "@groundwork/core/errors";

describe("createEmbedder", () => {
  it("defaults to the 384-d hash embedder", async () => {
    const embedder = createEmbedder({ env: {} });
    expect(embedder.modelId).toBe("hash-v1-384");
    const [v] = await embedder.embedDocuments(["annual leave policy"]);
    expect(v).toEqual(hashEmbed("annual leave policy", 384));
  });

  it("rejects an unknown provider", () => {
    expect(() => createEmbedder({ env: { EMBEDDINGS_PROVIDER: "word2vec" } })).toThrow();
  });
});

describe("openai embedder against a real HTTP server", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-test" });
  });
  afterAll(async () => {
    await fake.close();
  });
  const env = () => ({
    EMBEDDINGS_PROVIDER: "openai",
    EMBEDDINGS_BASE_URL: fake.baseURL,
    EMBEDDINGS_API_KEY: "sk-test",
    EMBEDDINGS_MODEL: "embed-small",
    EMBEDDINGS_BATCH_SIZE: "3",
  });

  it("batches requests, sends model and dimensions, and returns vectors in order", async () => {
    fake.configure({ fail: undefined });
    fake.calls.length = 0;
    const embedder = createEmbedder({ env: env() });
    expect(embedder.modelId).toBe("openai:embed-small@384");
    const texts = ["one", "two", "three", "four", "five", "six", "seven"];
    const vectors = await embedder.embedDocuments(texts);
    expect(vectors).toHaveLength(7);
    expect(vectors.every((v) => v.length === 384)).toBe(true);
    const calls = fake.calls.filter((c) => c.endpoint === "embeddings");
    expect(calls.map((c) => (c.body.input as string[]).length)).toEqual([3, 3, 1]);
    expect(calls[0]!.body.model).toBe("embed-small");
    expect(calls[0]!.body.dimensions).toBe(384);
    expect(calls[0]!.authorization).toBe("Bearer sk-test");
    // Same text → same vector, different text → different vector (order preserved).
    const again = await embedder.embedDocuments(["four"]);
    expect(again[0]).toEqual(vectors[3]);
    expect(vectors[0]).not.toEqual(vectors[1]);
  });

  it("retries 429 and 5xx with backoff, then succeeds", async () => {
    fake.calls.length = 0;
    let n = 0;
    fake.configure({
      fail: (call) => (call.endpoint === "embeddings" && n++ < 2 ? (n === 1 ? "rate_limit" : "error") : undefined),
    });
    const embedder = createEmbedder({ env: env(), overrides: { backoffMs: 5 } });
    const vectors = await embedder.embedDocuments(["retry me"]);
    expect(vectors[0]).toHaveLength(384);
    expect(fake.calls.map((c) => c.outcome)).toEqual([429, 500, 200]);
  });

  it("gives up after maxRetries with a clear error", async () => {
    fake.calls.length = 0;
    fake.configure({ fail: "error" });
    const embedder = createEmbedder({ env: env(), overrides: { backoffMs: 1, maxRetries: 2 } });
    const error = await embedder.embedQuery("doomed").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GroundworkError);
    expect(error).toMatchObject({ code: "model_unavailable", details: { status: 500 } });
    expect((error as Error).message).toMatch(/HTTP 500 after 3 attempt/);
    expect(fake.calls).toHaveLength(3);
  });

  it("does not retry a 401 and times out a hung server", async () => {
    fake.configure({ fail: undefined });
    fake.calls.length = 0;
    const bad = createEmbedder({ env: { ...env(), EMBEDDINGS_API_KEY: "wrong" }, overrides: { backoffMs: 1 } });
    await expect(bad.embedQuery("x")).rejects.toThrow(/HTTP 401 after 1 attempt/);
    expect(fake.calls).toHaveLength(1);

    fake.configure({ fail: "hang" });
    const slow = createEmbedder({
      env: { ...env(), EMBEDDINGS_TIMEOUT_MS: "300" },
      overrides: { maxRetries: 1, backoffMs: 1 },
    });
    await expect(slow.embedQuery("x")).rejects.toThrow(/after 2 attempt/);
    fake.configure({ fail: undefined });
  });

  it("requests the configured dimension", async () => {
    fake.configure({ fail: undefined });
    fake.calls.length = 0;
    const embedder = createEmbedder({ env: { ...env(), GROUNDWORK_EMBEDDING_DIMENSIONS: "8" } });
    expect(embedder.modelId).toBe("openai:embed-small@8");
    const vectors = await embedder.embedDocuments(["ok"]);
    expect(vectors[0]).toHaveLength(8);
    expect(fake.calls[0]!.body.dimensions).toBe(8);
  });
});
