import { embeddingDimensionsSetting } from "./env";

/**
 * The one embedding dimension. It is part of the table layout (`vector(N)`), so it is fixed
 * when migrations are generated; the schema, the default embedder and the test harnesses all
 * read it from here. To change it: set GROUNDWORK_EMBEDDING_DIMENSIONS, run `pnpm db:generate`
 * (drizzle-kit writes an ALTER for chunks.embedding and embedding_cache), migrate, then
 * `pnpm ingest reembed --model <id>` to refill the vectors.
 */
export const EMBEDDING_DIMENSIONS: number = embeddingDimensionsSetting();

export { DEFAULT_EMBEDDING_DIMENSIONS } from "./env";
