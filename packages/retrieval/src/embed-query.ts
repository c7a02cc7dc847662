import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import {
  createEmbedder,
  createHashEmbedder,
  hashEmbedWeighted,
  queryWords,
  type Embedder,
} from "@groundwork/models/embeddings";
import { bm25Idf } from "./lookup-query-terms";
import type { Visibility } from "./run-vector-leg";
import { readWordStats, visibleChunkCount, wordStatsSql } from "./sql-fragments";

const hashModel = /^hash-v\d+-(\d+)$/;

/** The configured embedder (EMBEDDINGS_PROVIDER); the hash model when the env is unusable. */
export function defaultEmbedder(): Embedder {
  try {
    return createEmbedder();
  } catch {
    return createHashEmbedder();
  }
}

/** The query vector, or null when embedding failed (a warning) or the query has no content words. */
export async function embedQuery({
  embedder,
  queryText,
  warnings,
}: {
  embedder: Embedder;
  queryText: string;
  warnings: string[];
}): Promise<number[] | null> {
  let queryVector: number[] | null = null;
  try {
    queryVector = await embedder.embedQuery(queryText);
  } catch (error) {
    warnings.push(`vector search skipped: ${(error as Error).message}`);
  }
  // A query with no content words embeds to the zero vector: cosine distance is undefined.
  return queryVector && queryVector.some((x) => x !== 0) ? queryVector : null;
}

/** IDF of each query word among the chunks the caller may read (the rarest of its lexemes; 0 for stop words). */
async function wordIdf({
  tx,
  scope,
  words,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  words: string[];
}): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const r = await tx.execute<{ n: number; words: unknown }>(
    sql`select ${visibleChunkCount(scope)}::float8 as n, ${wordStatsSql(scope, words)} as words`,
  );
  const n = Math.max(Number(r.rows[0]?.n ?? 0), 1);
  const idf = new Map<string, number>();
  for (const [word, df] of readWordStats(r.rows[0]?.words)) idf.set(word, df ? bm25Idf({ n, df }) : 0);
  return idf;
}

/**
 * The query vector in the stored chunks' model: re-embedded when that is another hash model,
 * else `model` null (the leg is skipped with a warning). `visibility` is dropped after a
 * re-embed (it counted the other model's chunks).
 */
export async function alignQueryVector({
  tx,
  scope,
  embedder,
  queryText,
  queryVector,
  visibility,
  idfQueryWeights,
  warnings,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  embedder: Embedder;
  queryText: string;
  queryVector: number[] | null;
  visibility: Visibility;
  idfQueryWeights: boolean;
  warnings: string[];
}): Promise<{ vector: number[] | null; model: string | null; visibility: Visibility | undefined }> {
  let model = visibility.model;
  let known: Visibility | undefined = visibility;
  let vector = queryVector;
  if (model && model !== embedder.modelId) {
    // Never compare vectors of two models: re-embed the query with the stored model when
    // it is the weight-free one, otherwise skip the leg.
    const m = hashModel.exec(model);
    const candidate = m ? createHashEmbedder({ dimensions: Number(m[1]) }) : null;
    if (candidate && candidate.modelId === model) {
      vector = await candidate.embedQuery(queryText);
      known = undefined;
    } else {
      warnings.push(
        `vector search skipped: chunks are embedded with ${model}, the query embedder is ${embedder.modelId}`,
      );
      model = null;
    }
  }
  const hashDims = model ? hashModel.exec(model)?.[1] : undefined;
  if (model && vector && hashDims && idfQueryWeights) {
    // The weight-free model matches words, so weight the query's words by their rarity.
    const idf = await wordIdf({ tx, scope, words: queryWords(queryText) });
    vector = hashEmbedWeighted(queryText, Number(hashDims), (w) => idf.get(w) ?? 0);
    if (!vector.some((x) => x !== 0)) vector = null;
  }
  return { vector, model, visibility: known };
}
