// Only what other packages use (the package README lists it); the search legs have their own subpath.
export type { SearchFilters, SearchOptions, SearchRequest, SearchResponse, SearchResult } from "./types";
export { searchChunks } from "./search-chunks";
export { defaultReranker } from "./rerank-results";
export { readDocument, readDocumentFile, type ReadableDocument, type DocumentFile } from "./read-document";
export { clientSearchResponse, type ClientSearchResponse } from "./client-search-response";
export { isFrameWord } from "./language/frame-words";
export { canBeNoun, isEnglishWord, isInflectedVerb } from "./language/wordnet";
export { bm25Idf } from "./lookup-query-terms";
export { listLookupFacets, type LookupFacets } from "./list-lookup-facets";
export { listChunkSpans, type ChunkSpan } from "./list-chunk-spans";
export { listReadableDocumentIds } from "./list-readable-document-ids";
export { listSuggestedSections, type SuggestedSection } from "./list-suggested-sections";
