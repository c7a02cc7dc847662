/**
 * The search legs and their SQL filters, exported one by one for the benchmarks in `evals/`
 * (the vector leg's HNSW and exact paths measured against each other, PostgreSQL FTS as a peer
 * under the same ACL). The product calls `searchChunks`, never these.
 */
export { chunkAcl, chunkFilters } from "./sql-fragments";
export { orTsquery } from "./build-tsquery";
export { probeVisibility, runVectorLeg } from "./run-vector-leg";
