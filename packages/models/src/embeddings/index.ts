export type { Embedder } from "./embedder";
export { createHashEmbedder, hashEmbed, hashEmbedWeighted, queryWords, tokenize } from "./hash-embedder";
export { createEmbedder } from "./create-embedder";
export { createOpenAIEmbedder, type OpenAIEmbedderConfig } from "./openai-embedder";
