import type { Principal } from "@groundwork/access/principal";
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
  /**
   * Correct words no visible chunk holds against the caller's vocabulary before lexical
   * ranking (default on). The vector leg embeds the query as typed.
   */
  correct?: boolean;
  /**
   * Join English words no visible chunk holds with WordNet relatives the caller's documents do
   * hold, at a fraction of a typed word's weight (default off; see expand-query.ts).
   */
  expand?: boolean;
  /** Skip a leg (evaluation and diagnostics). */
  legs?: { lexical?: boolean; vector?: boolean };
  /** How many fused candidates the reranker sees. */
  rerankDepth?: number;
  /**
   * Visible-chunk count at or below which the vector leg scans exactly instead of using HNSW.
   * Unset: 2000, or sqrt(200 · corpus chunks) when that is larger (where the exact scan stops
   * being the cheaper path; run-vector-leg.ts exactCutoff). Set: taken as it is.
   */
  exactThreshold?: number;
  /**
   * Which HNSW index the vector leg orders by: full vectors, or the binary-quantized index
   * re-ranked exactly. Default: GROUNDWORK_VECTOR_INDEX, the layout the migrations were generated with.
   */
  vectorIndex?: "hnsw" | "binary";
  /** Binary index only: candidates per result row re-ranked by exact distance. */
  binaryOverfetch?: number;
  /** Skip snippet/metadata hydration (evaluation only needs ids). */
  idsOnly?: boolean;
  /**
   * Count facets (source, type) over the fused candidates. Off by default: it is an extra
   * query most callers (the assistant) never read; the policy lookup can ask for it.
   */
  facets?: boolean;
  /**
   * Fill `queryTerms`, `chunkCount` and `documentChunks` (server-side callers such as the assistant). They count
   * only chunks the caller may read; off by default because no browser needs them.
   */
  termStats?: boolean;
  /**
   * Words whose document frequency among the chunks the caller may read is wanted (the
   * assistant's rarity weights), looked up in the same round trip as the query's terms.
   */
  wordStats?: string[];
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

/** What a search hit and the document viewer both show about a document. */
export type DocumentColumns = {
  sourceId: string;
  sourceName: string;
  title: string;
  path: string;
  mime: string;
  version: number;
  effectiveDate: string | null;
  owner: string | null;
};

export type SearchResult = DocumentColumns & {
  chunkId: string;
  documentId: string;
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
   * document frequency and BM25 idf among the chunks the caller may read; df 0 means no visible
   * chunk contains the lexeme. Empty unless the request set `options.termStats`.
   */
  queryTerms: SearchQueryTerm[];
  /** Chunks the caller may read (the N behind the idf figures); 0 unless `options.termStats`. */
  chunkCount: number;
  /**
   * Per document of `results`: how many of its chunks the caller may read (the share of
   * `chunkCount` a passage of it would hold by chance). Empty unless `options.termStats`.
   */
  documentChunks: Record<string, number>;
  /** Visible df per word of `options.wordStats` (null: a stop word); empty unless asked. */
  wordStats: Map<string, number | null>;
  /** Spelling corrections applied before lexical ranking ("searched for …"), from the caller's own vocabulary. */
  corrections: Array<{ from: string; to: string }>;
  /** Words joined to the query for paraphrase reach, from the caller's own vocabulary. */
  expansions: Array<{ from: string; to: string[] }>;
  /** The query as the lexical leg ranked it: the request's text with the corrections applied. */
  searchedQuery: string;
  /** Degradations the caller may want to show, e.g. the reranker was unreachable. */
  warnings: string[];
  /** Which vector path ran: HNSW with iterative scan or an exact scan of the visible rows. */
  vectorPath: "hnsw" | "exact" | null;
};
