export type { Embedder } from "./embedder";
