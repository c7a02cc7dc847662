export { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions"; // re-cut shim: remove
