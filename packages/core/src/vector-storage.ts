import { vectorStorageSetting, type VectorIndex, type VectorType } from "./env";

/**
 * How chunk embeddings are stored and indexed. Like the dimension, both are part of the table
 * layout and fixed when migrations are generated (`pnpm db:generate` writes the ALTER and the
 * index change); the schema and the vector leg read them from here.
 *
 * - `GROUNDWORK_VECTOR_TYPE=halfvec` stores 16-bit floats: half the heap and HNSW size, recall
 *   unchanged for normalised embeddings (pgvector's halfvec, HNSW up to 4,000 dimensions).
 * - `GROUNDWORK_VECTOR_INDEX=binary` indexes `binary_quantize(embedding)::bit(N)` with Hamming
 *   distance instead of the full vectors (about 1/30 of the vector bytes in the graph); the vector
 *   leg over-fetches from it and re-ranks by exact cosine distance on the stored vectors.
 *
 * A process whose setting disagrees with the database's layout still returns correct results
 * (every query compares against the stored column's own type, and re-ranks exactly); it only
 * loses the index and scans.
 */
export const VECTOR_STORAGE: { type: VectorType; index: VectorIndex } = vectorStorageSetting();

/** pgvector's max indexable dimensions per type for HNSW. */
export const HNSW_MAX_DIMENSIONS: Record<VectorType, number> = { vector: 2_000, halfvec: 4_000 };

export type { VectorIndex, VectorType };
