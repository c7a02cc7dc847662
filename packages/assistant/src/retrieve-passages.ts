import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";
import { searchChunks, type SearchFilters, type SearchResponse } from "@groundwork/retrieval";
import { questionTerms } from "./check-answerability";
import type { AssistantEnv } from "./env";

/**
 * Permission-filtered retrieval for the standalone query, as the server-resolved principal:
 * the passages the answer may stand on, with the statistics the decision needs.
 */
export async function retrievePassages({
  db,
  principal,
  query,
  env,
  filters,
  embedder,
  reranker,
}: {
  db: Database;
  principal: Principal;
  query: string;
  env: AssistantEnv;
  filters?: SearchFilters;
  embedder?: Embedder;
  reranker?: Reranker | null;
}): Promise<SearchResponse> {
  // More candidates than we number: the extra ones only feed the "closest documents" list.
  // The question words' rarity rides along in retrieval's first round trip, counted over the
  // chunks this caller may read: a word that occurs only in documents they cannot see weighs
  // exactly like one that occurs nowhere, so answer-or-decline cannot reveal it.
  return searchChunks({
    db,
    principal,
    query,
    limit: Math.max(env.GROUNDWORK_ANSWER_SOURCES, 10),
    filters,
    embedder,
    reranker,
    options: { termStats: true, wordStats: questionTerms(query).flatMap((q) => q.words) },
  });
}
