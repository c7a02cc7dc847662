import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import type { ModelsEnv } from "../env";

/**
 * A reranker scores (query, passage) pairs with a cross-encoder behind a Cohere/Jina-style
 * `/rerank` endpoint (TEI, Jina, Cohere, vLLM, Infinity all speak this shape).
 */
export interface Reranker {
  readonly modelId: string;
  /** Relevance per input document, best first; `index` points into `documents`. */
  rerank(input: { query: string; documents: string[]; topN?: number }): Promise<RerankScore[]>;
}

export type RerankScore = { index: number; score: number };

/** The reranker failed (unreachable, HTTP error, unknown answer): `model_unavailable`; search keeps the fused order. */
function rerankError(message: string, options: { cause?: unknown } = {}): GroundworkError {
  return new GroundworkError("model_unavailable", message, options);
}

const responseSchema = z.object({
  results: z.array(
    z.object({
      index: z.number().int().min(0),
      // Cohere/Jina say relevance_score; TEI answers a bare array with `score`.
      relevance_score: z.number().optional(),
      score: z.number().optional(),
    }),
  ),
});

const teiSchema = z.array(z.object({ index: z.number().int().min(0), score: z.number() }));

function endpointOf(url: string): string {
  // RERANK_URL may be the endpoint itself or a base URL like https://api.jina.ai/v1.
  const trimmed = url.replace(/\/+$/, "");
  return /\/rerank$/.test(trimmed) ? trimmed : `${trimmed}/rerank`;
}

export function createRerankClient({
  url,
  apiKey,
  model,
  timeoutMs = 15_000,
  fetchImpl = fetch,
}: {
  url: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}): Reranker {
  const endpoint = endpointOf(url);
  return {
    modelId: `rerank:${model}`,
    async rerank({ query, documents, topN }) {
      if (documents.length === 0) return [];
      let response: Response;
      try {
        response = await fetchImpl(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify({ model, query, documents, top_n: topN ?? documents.length, return_documents: false }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw rerankError(`reranker at ${endpoint} unreachable: ${(error as Error).message}`, { cause: error });
      }
      if (!response.ok) {
        const detail = (await response.text().catch(() => "")).slice(0, 200);
        throw rerankError(`reranker answered ${response.status}${detail ? `: ${detail}` : ""}`);
      }
      const json: unknown = await response.json().catch((error: unknown) => {
        throw rerankError("reranker answered with invalid JSON", { cause: error });
      });
      const parsed = responseSchema.safeParse(json);
      const rows = parsed.success
        ? parsed.data.results.map((r) => ({ index: r.index, score: r.relevance_score ?? r.score ?? 0 }))
        : teiSchema.safeParse(json).data;
      if (!rows) throw rerankError("reranker answered in an unknown shape");
      return rows.filter((r) => r.index < documents.length).sort((a, b) => b.score - a.score || a.index - b.index);
    },
  };
}

/** The configured reranker, or null when RERANK_URL is unset (the keyless default). */
export function rerankerFromEnv(
  env: Pick<ModelsEnv, "RERANK_URL" | "RERANK_API_KEY" | "RERANK_MODEL">,
): Reranker | null {
  if (!env.RERANK_URL) return null;
  return createRerankClient({ url: env.RERANK_URL, apiKey: env.RERANK_API_KEY, model: env.RERANK_MODEL });
}
