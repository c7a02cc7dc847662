export { createRerankClient, rerankerFromEnv, RerankError, type Reranker, type RerankScore } from "./rerank-client";
