import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../testing";
import { GroundworkError } from "@groundwork/core/errors";
import { createRerankClient, rerankerFromEnv } from "./rerank-client";

describe("rerank client against a local /rerank server", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
  });

  const documents = [
    "Laptops are replaced every three years.",
    "Refunds are paid within 30 days.",
    "Refund requests after 30 days need approval from finance.",
  ];

  it("posts Cohere/Jina-shaped requests and returns scores best first", async () => {
    const client = createRerankClient({ url: fake.url, apiKey: "sk-test", model: "bge-reranker" });
    const scores = await client.rerank({ query: "refund approval finance", documents });
    expect(scores.map((s) => s.index)).toEqual([2, 1, 0]);
    expect(scores[0]!.score).toBeGreaterThan(scores[1]!.score);
    const call = fake.calls.at(-1)!;
    expect(call.endpoint).toBe("rerank");
    expect(call.authorization).toBe("Bearer sk-test");
    expect(call.body).toMatchObject({ model: "bge-reranker", query: "refund approval finance", documents, top_n: 3 });
    expect(client.modelId).toBe("rerank:bge-reranker");
  });

  it("accepts a base URL or the endpoint itself", async () => {
    const viaBase = createRerankClient({ url: `${fake.url}/v1/`, model: "m" });
    await viaBase.rerank({ query: "refund", documents });
    expect(fake.calls.at(-1)!.path).toBe("/v1/rerank");
    expect(await viaBase.rerank({ query: "x", documents: [] })).toEqual([]);
  });

  it("turns HTTP failures and timeouts into model_unavailable errors", async () => {
    fake.configure({ fail: "error" });
    const client = createRerankClient({ url: fake.url, model: "m", timeoutMs: 300 });
    await expect(client.rerank({ query: "refund", documents })).rejects.toMatchObject({ code: "model_unavailable" });
    await expect(client.rerank({ query: "refund", documents })).rejects.toBeInstanceOf(GroundworkError);
    fake.configure({ fail: "hang" });
    await expect(client.rerank({ query: "refund", documents })).rejects.toThrow(/unreachable/);
    fake.configure({ fail: undefined });
  });

  it("is configured only when RERANK_URL is set", () => {
    expect(rerankerFromEnv({ RERANK_URL: undefined, RERANK_API_KEY: undefined, RERANK_MODEL: "rerank" })).toBeNull();
    expect(
      rerankerFromEnv({ RERANK_URL: "http://127.0.0.1:1/rerank", RERANK_API_KEY: undefined, RERANK_MODEL: "x" })
        ?.modelId,
    ).toBe("rerank:x");
  });
});
