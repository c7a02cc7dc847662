import type { SearchResult } from "@groundwork/retrieval";
import type { NumberedSource } from "../types";

/**
 * A search result for unit tests: one passage of a markdown document, ranked first by the
 * lexical leg, its char range the whole text. `over` sets whatever the test is about (headings,
 * pages, score, ranks); ids derive from `chunkId` so results of one test stay distinct.
 */
export function searchResult({
  chunkId,
  text,
  ...over
}: Partial<SearchResult> & { chunkId: string; text: string }): SearchResult {
  return {
    chunkId,
    documentId: `doc-${chunkId}`,
    sourceId: "s",
    sourceName: "s",
    title: `Doc ${chunkId}`,
    path: `${chunkId}.md`,
    mime: "text/markdown",
    version: 1,
    effectiveDate: null,
    owner: null,
    headings: [],
    pageFrom: null,
    pageTo: null,
    charStart: 0,
    charEnd: text.length,
    text,
    snippet: text.slice(0, 40),
    score: 1,
    ranks: { lexical: 1, vector: null, rerank: null },
    ...over,
  };
}

/** A search result as numbered in the prompt (`[n]`): chunk `c<n>` of document `d<n>`. */
export function numberedSource({
  n,
  text,
  ...over
}: Partial<NumberedSource> & { n: number; text: string }): NumberedSource {
  return {
    ...searchResult({ chunkId: `c${n}`, documentId: `d${n}`, title: `Doc ${n}`, path: `doc-${n}.md`, text, ...over }),
    n,
  };
}
