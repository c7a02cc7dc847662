export type { Embedder } from "./embedder";
export { createHashEmbedder, hashEmbed, tokenize } from "./hash-embedder";
export { createEmbedder } from "./create-embedder";
export { createOpenAIEmbedder, EmbeddingError, type OpenAIEmbedderConfig } from "./openai-embedder";
