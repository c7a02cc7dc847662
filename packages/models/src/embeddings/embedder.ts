/**
 * Every embedding provider behind one small interface. `modelId` is stored next to every vector
 * (chunks.embedding_model, embedding_cache.model) so a query never compares vectors of two models.
 */
export interface Embedder {
  /** Stable id, e.g. `hash-v1-384` or `openai:text-embedding-3-small@384`. */
  readonly modelId: string;
  readonly dimensions: number;
  /** Vectors for document chunks, in input order. */
  embedDocuments(texts: string[]): Promise<number[][]>;
  /** Vector for a search query (some providers embed queries differently). */
  embedQuery(text: string): Promise<number[]>;
}
