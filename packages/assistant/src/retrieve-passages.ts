import type { Principal } from "@groundwork/access/principal";
import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";
import { defaultReranker, searchChunks, type SearchFilters, type SearchResponse } from "@groundwork/retrieval";
import { questionTerms } from "./check-answerability";
import type { AssistantEnv } from "./env";
import { PASSAGE_POOL, rankPassages } from "./rank-passages";
import { answerTypeOf } from "./text/answer-type";

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
  // A question asking for a kind of value (how long, how much, when…) gets a wider pool
  // (PASSAGE_POOL, hydrated in the same round trip), ordered by where that value is stated
  // (rank-passages.ts) and cut back to what the answer stage reads; others pay nothing extra.
  const keep = Math.max(env.GROUNDWORK_ANSWER_SOURCES, 10);
  const used = reranker === undefined ? defaultReranker() : reranker;
  const search = await searchChunks({
    db,
    principal,
    query,
    limit: answerTypeOf(query) === "other" ? keep : Math.max(keep, PASSAGE_POOL),
    filters,
    embedder,
    reranker: used,
    options: {
      termStats: true,
      wordStats: questionTerms(query).flatMap((q) => q.words),
      // Without a reranker, each leg goes as deep as for the page we keep: the pool is only
      // reordered, not searched deeper (a reranker's depth is retrieval's own default).
      ...(used ? {} : { depth: Math.max(40, 3 * keep) }),
    },
  });
  return rankPassages({ search, query, keep });
}
