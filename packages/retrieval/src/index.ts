export type * from "./types";
export { searchChunks, defaultSearchOptions, cleanQuery, MAX_LIMIT, MAX_QUERY_CHARS } from "./search-chunks";
export { readDocument, readDocumentFile, type ReadableDocument, type DocumentFile } from "./read-document";
export { clientSearchResponse, type ClientSearchResponse } from "./client-search-response";
export { isFrameWord } from "./language/frame-words";
export { bm25Idf } from "./lexical-leg";
