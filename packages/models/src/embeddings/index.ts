export type { Embedder } from "./embedder";
export { createHashEmbedder, hashEmbed, tokenize } from "./hash-embedder";
