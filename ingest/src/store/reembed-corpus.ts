import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { chunks } from "@groundwork/db/schema";
import type { Embedder } from "@groundwork/models/embeddings";
import { embedChunks } from "../prepare/embed-chunks";

/**
 * Moves every chunk (optionally of one source) to another embedding model, batch by batch.
 * Each batch commits on its own, so it can be interrupted and resumed; retrieval filters by
 * model id, so a half-moved corpus never mixes vectors of two models in one query.
 */
export async function reembedCorpus({
  db,
  embedder,
  sourceId,
  batchSize = 256,
  onProgress,
}: {
  db: Database;
  embedder: Embedder;
  sourceId?: string;
  batchSize?: number;
  onProgress?: (p: { done: number; total: number; embedded: number }) => void;
}): Promise<{ chunks: number; embedded: number }> {
  const pendingWhere = and(
    or(isNull(chunks.embeddingModel), ne(chunks.embeddingModel, embedder.modelId)),
    sourceId ? eq(chunks.sourceId, sourceId) : undefined,
  );
  const [{ total } = { total: 0 }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(chunks)
    .where(pendingWhere);
  let done = 0;
  let embedded = 0;
  for (;;) {
    const batch = await db
      .select({ id: chunks.id, text: chunks.text, context: chunks.context, textHash: chunks.textHash })
      .from(chunks)
      .where(pendingWhere)
      .limit(batchSize);
    if (batch.length === 0) break;
    const { vectors, embedded: n } = await embedChunks({
      db,
      embedder,
      items: batch.map((c) => ({ textHash: c.textHash, input: `${c.context}\n\n${c.text}` })),
    });
    embedded += n;
    await db.transaction(async (tx) => {
      for (const c of batch) {
        await tx
          .update(chunks)
          .set({ embedding: vectors.get(c.textHash)!, embeddingModel: embedder.modelId })
          .where(eq(chunks.id, c.id));
      }
    });
    done += batch.length;
    onProgress?.({ done, total, embedded });
  }
  return { chunks: done, embedded };
}
