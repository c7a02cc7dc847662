import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { embeddingCache } from "@groundwork/db/schema";
import type { Embedder } from "@groundwork/models/embeddings";

type Executor = Pick<Database, "transaction">;

/**
 * Vectors for chunk texts keyed by their hash, through the embedding cache: only texts the
 * model has never embedded reach the embedder, so an edited document re-embeds only its
 * changed chunks and a re-run embeds nothing. Returns how many texts the embedder computed.
 */
export async function embedChunks({
  db,
  embedder,
  items,
}: {
  db: Executor;
  embedder: Embedder;
  items: { textHash: string; input: string }[];
}): Promise<{ vectors: Map<string, number[]>; embedded: number }> {
  const vectors = new Map<string, number[]>();
  const unique = new Map<string, string>();
  for (const item of items) unique.set(item.textHash, item.input);
  const hashes = [...unique.keys()];
  // Large statements run inside transactions: on the embedded socket only a transaction keeps
  // one connection's Parse/Bind messages from interleaving with another connection's.
  await db.transaction(async (tx) => {
    for (let i = 0; i < hashes.length; i += 1000) {
      const slice = hashes.slice(i, i + 1000);
      const rows = await tx
        .select({ textHash: embeddingCache.textHash, embedding: embeddingCache.embedding })
        .from(embeddingCache)
        .where(and(eq(embeddingCache.model, embedder.modelId), inArray(embeddingCache.textHash, slice)));
      for (const r of rows) vectors.set(r.textHash, r.embedding);
    }
  });
  const missing = hashes.filter((h) => !vectors.has(h));
  if (missing.length === 0) return { vectors, embedded: 0 };
  const computed = await embedder.embedDocuments(missing.map((h) => unique.get(h)!));
  if (computed.length !== missing.length)
    throw new Error(`embedder returned ${computed.length} vectors for ${missing.length} texts`);
  const fresh = missing.map((h, i) => {
    const v = computed[i]!;
    if (v.length !== embedder.dimensions)
      throw new Error(`embedder returned ${v.length} dimensions, expected ${embedder.dimensions}`);
    vectors.set(h, v);
    return { model: embedder.modelId, textHash: h, embedding: v };
  });
  await db.transaction(async (tx) => {
    for (let i = 0; i < fresh.length; i += 200) {
      await tx
        .insert(embeddingCache)
        .values(fresh.slice(i, i + 200))
        .onConflictDoNothing();
    }
  });
  return { vectors, embedded: missing.length };
}
