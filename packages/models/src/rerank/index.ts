export { createRerankClient, rerankerFromEnv, type Reranker, type RerankScore } from "./rerank-client";
