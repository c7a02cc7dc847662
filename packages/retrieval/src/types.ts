import type { Principal } from "@groundwork/auth";

/** Contract of `searchChunks` shared with the assistant and the web app. */
export type SearchFilters = {
  sourceIds?: string[];
  sourceNames?: string[];
  /** MIME types, e.g. `application/pdf`, or short kinds: pdf, docx, html, md, csv, txt. */
  types?: string[];
  tags?: string[];
  updatedAfter?: Date;
  /** Current versions only unless true (admins auditing history). */
  includeSuperseded?: boolean;
};

export type SearchRequest = {
  principal: Principal;
  query: string;
  limit?: number;
  filters?: SearchFilters;
};

export type SearchResult = {
  chunkId: string;
  documentId: string;
  sourceId: string;
  sourceName: string;
  title: string;
  path: string;
  mime: string;
  version: number;
  effectiveDate: string | null;
  owner: string | null;
  headings: string[];
  pageFrom: number | null;
  pageTo: number | null;
  charStart: number;
  charEnd: number;
  text: string;
  /** Short excerpt with matched terms wrapped in «» markers (UI turns them into <mark>). */
  snippet: string;
  score: number;
  ranks: { lexical: number | null; vector: number | null; rerank: number | null };
};

export type SearchResponse = {
  results: SearchResult[];
  timings: Record<string, number>;
  embeddingModel: string | null;
};
