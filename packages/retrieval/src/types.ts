import type { Principal } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import type { Reranker } from "@groundwork/models/rerank";

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

export type FusionMethod = "rrf" | "score";

/** Tuning knobs; defaults are the configuration measured best on SciFact (see README of this package). */
export type SearchOptions = {
  /** Weighted reciprocal-rank fusion or min-max normalised score fusion. */
  fusion?: FusionMethod;
  weights?: { lexical: number; vector: number };
  /** RRF constant k. */
  rrfK?: number;
  /** Candidates taken from each leg before fusion. */
  depth?: number;
  /** BM25 parameters. */
  k1?: number;
  b?: number;
  /** Term-frequency multiplier for title/breadcrumb (weight 'A') occurrences. */
  contextBoost?: number;
  /** Bonus weight (× mean idf) for each nearby query-term pair found as a phrase in the chunk. */
  proximity?: number;
  /** With the weight-free hash model: weight the query vector's words by corpus IDF. */
  idfQueryWeights?: boolean;
  /** Skip a leg (evaluation and diagnostics). */
  legs?: { lexical?: boolean; vector?: boolean };
  /** How many fused candidates the reranker sees. */
  rerankDepth?: number;
  /** Visible-chunk count at or below which the vector leg scans exactly instead of using HNSW. */
  exactThreshold?: number;
  /** Skip snippet/metadata hydration (evaluation only needs ids). */
  idsOnly?: boolean;
  /**
   * Count facets (source, type) over the fused candidates. Off by default: it is an extra
   * query most callers (the assistant) never read; the policy lookup can ask for it.
   */
  facets?: boolean;
  /**
   * Fill `queryTerms` and `chunkCount` (server-side callers such as the assistant). Off by
   * default because they are corpus-wide: a df counts chunks the caller may not see, so they
   * must never be passed through to a browser.
   */
  termStats?: boolean;
  /**
   * Run the lexical and vector legs in two transactions at once. Default: on a Postgres server
   * (two backends, two cores), off on embedded PGlite, which executes one statement at a time.
   */
  parallelLegs?: boolean;
};

export type SearchRequest = {
  db: Database;
  principal: Principal;
  query: string;
  limit?: number;
  filters?: SearchFilters;
  /** Defaults to the hash embedder matching the stored chunks' model. */
  embedder?: Embedder;
  /** Defaults to the RERANK_URL reranker when configured; `null` disables reranking. */
  reranker?: Reranker | null;
  options?: SearchOptions;
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

export type SearchFacet = { value: string; count: number };

export type SearchQueryTerm = { lexeme: string; df: number; idf: number };

export type SearchResponse = {
  results: SearchResult[];
  timings: Record<string, number>;
  embeddingModel: string | null;
  /**
   * Counts over the fused candidates the caller may see (never over hidden rows). Empty unless
   * the request set `options.facets`.
   */
  facets: { sources: SearchFacet[]; types: SearchFacet[] };
  /**
   * The query's lexemes (english stemming, as the lexical leg matches them) with corpus-wide
   * document frequency and BM25 idf; df 0 means no chunk contains the lexeme. Corpus-wide
   * (hidden chunks count too), so empty unless the request set `options.termStats`.
   */
  queryTerms: SearchQueryTerm[];
  /** Chunks in the corpus (the N behind the idf figures); 0 unless `options.termStats`. */
  chunkCount: number;
  /** Degradations the caller may want to show, e.g. the reranker was unreachable. */
  warnings: string[];
  /** Which vector path ran: HNSW with iterative scan or an exact scan of the visible rows. */
  vectorPath: "hnsw" | "exact" | null;
};
