/**
 * The embedding dimension is part of the table layout (`vector(N)`), so it is fixed when
 * migrations are generated. To change it: set GROUNDWORK_EMBEDDING_DIMENSIONS, run
 * `pnpm db:generate` (drizzle-kit writes an ALTER for chunks.embedding and embedding_cache),
 * migrate, then `pnpm ingest reembed --model <id>` to refill the vectors.
 */
export const EMBEDDING_DIMENSIONS = Number(process.env.GROUNDWORK_EMBEDDING_DIMENSIONS ?? 384);

