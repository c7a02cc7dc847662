import { sql } from "drizzle-orm";
import { GroundworkError } from "@groundwork/db/errors";
import { withReaderScope, type ReaderScope, type ReaderTx } from "@groundwork/db/scoped";
import { createHashEmbedder, type Embedder } from "@groundwork/models/embeddings";
import { readModelsEnv } from "@groundwork/models/env";
import { rerankerFromEnv, type Reranker } from "@groundwork/models/rerank";
import { fuseResults, type Fused } from "./fuse-results";
import { orTsquery, runLexicalLeg, type LegHit } from "./lexical-leg";
import { chunkAcl, chunkFilters, uuidArray } from "./sql-fragments";
import type { SearchFacet, SearchOptions, SearchRequest, SearchResponse, SearchResult } from "./types";
import { runVectorLeg, storedEmbeddingModel, type VectorPath } from "./vector-leg";

/** Defaults measured on SciFact (pnpm eval:retrieval); see this package's README. */
export const defaultSearchOptions: Required<Omit<SearchOptions, "legs" | "idsOnly">> = {
  fusion: "score",
  weights: { lexical: 0.85, vector: 0.15 },
  rrfK: 60,
  depth: 100,
  k1: 1.2,
  b: 0.75,
  contextBoost: 1,
  rerankDepth: 30,
  exactThreshold: 2_000,
};

export const MAX_QUERY_CHARS = 16_384;
export const MAX_LIMIT = 200;

/** Any user text becomes safe input: no NULs (Postgres text rejects them), bounded length. */
export function cleanQuery(query: string): string {
  // eslint-disable-next-line no-control-regex
  return query.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, " ").slice(0, MAX_QUERY_CHARS).trim();
}

const hashModel = /^hash-v\d+-(\d+)$/;

function defaultEmbedder(): Embedder {
  let dimensions = 384;
  try {
    dimensions = readModelsEnv().GROUNDWORK_EMBEDDING_DIMENSIONS;
  } catch {
    // Invalid model env is reported by whoever configures models; search keeps its default.
  }
  return createHashEmbedder({ dimensions });
}

function defaultReranker(): Reranker | null {
  try {
    return rerankerFromEnv(readModelsEnv());
  } catch {
    return null;
  }
}

type Hydrated = Omit<SearchResult, "score" | "ranks">;

async function hydrate({ tx, scope, ids, queryText, snippets }: { tx: ReaderTx; scope: ReaderScope; ids: string[]; queryText: string; snippets: boolean }): Promise<Map<string, Hydrated>> {
  if (ids.length === 0) return new Map();
  // «» mark matches; any «» already in the text become ‹› so the UI cannot be fooled.
  const snippet = snippets
    ? sql`coalesce(ts_headline('english', replace(replace(c.text, '«', '‹'), '»', '›'), ${orTsquery(queryText)},
        'StartSel=«, StopSel=», MaxWords=40, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
        left(c.text, 240))`
    : sql`''`;
  const r = await tx.execute<Record<string, unknown>>(sql`
    select c.id, c.document_id, c.source_id, s.name as source_name, d.title, d.path, d.mime, d.version,
           d.effective_date::text as effective_date, d.owner, c.headings, c.page_from, c.page_to,
           c.char_start, c.char_end, ${snippets ? sql`c.text` : sql`''`} as text, ${snippet} as snippet
    from chunks c
    join documents d on d.id = c.document_id
    join sources s on s.id = c.source_id
    where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)}`);
  const out = new Map<string, Hydrated>();
  for (const row of r.rows) {
    out.set(String(row.id), {
      chunkId: String(row.id),
      documentId: String(row.document_id),
      sourceId: String(row.source_id),
      sourceName: String(row.source_name),
      title: String(row.title),
      path: String(row.path),
      mime: String(row.mime),
      version: Number(row.version),
      effectiveDate: (row.effective_date as string | null) ?? null,
      owner: (row.owner as string | null) ?? null,
      headings: (row.headings as string[] | null) ?? [],
      pageFrom: row.page_from == null ? null : Number(row.page_from),
      pageTo: row.page_to == null ? null : Number(row.page_to),
      charStart: Number(row.char_start),
      charEnd: Number(row.char_end),
      text: String(row.text),
      snippet: String(row.snippet),
    });
  }
  return out;
}

async function facetsOf({ tx, scope, ids }: { tx: ReaderTx; scope: ReaderScope; ids: string[] }): Promise<SearchResponse["facets"]> {
  if (ids.length === 0) return { sources: [], types: [] };
  const r = await tx.execute<{ source: string; mime: string; n: number }>(sql`
    select s.name as source, c.mime, count(*)::int as n
    from chunks c join sources s on s.id = c.source_id
    where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)}
    group by s.name, c.mime`);
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const sources = new Map<string, number>();
  const types = new Map<string, number>();
  for (const row of r.rows) {
    add(sources, row.source, Number(row.n));
    add(types, row.mime, Number(row.n));
  }
  const list = (m: Map<string, number>): SearchFacet[] =>
    [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { sources: list(sources), types: list(types) };
}

/**
 * Permission-filtered hybrid search: BM25 in SQL + pgvector, fused, optionally reranked.
 * Everything runs in one withReaderScope transaction (RLS role + principals), and every leg
 * also carries the ACL predicate itself.
 */
export async function searchChunks(request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { db, principal, filters } = request;
  const opts = { ...defaultSearchOptions, ...request.options };
  const legs = { lexical: true, vector: true, ...request.options?.legs };
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? 10), 1), MAX_LIMIT);
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const queryText = cleanQuery(request.query);
  const empty: SearchResponse = { results: [], timings, embeddingModel: null, facets: { sources: [], types: [] }, warnings, vectorPath: null };
  if (!principal?.principals) throw new GroundworkError("unauthorized", "Sign in to continue.");
  if (queryText === "") return empty;

  const scope: ReaderScope = { principals: principal.principals, isAdmin: principal.isAdmin };
  let embedder = request.embedder ?? defaultEmbedder();
  const reranker = request.reranker === undefined ? defaultReranker() : request.reranker;

  let queryVector: number[] | null = null;
  if (legs.vector) {
    const t = performance.now();
    try {
      queryVector = await embedder.embedQuery(queryText);
    } catch (error) {
      warnings.push(`vector search skipped: ${(error as Error).message}`);
    }
    timings.embed_ms = performance.now() - t;
    // A query with no content words embeds to the zero vector: cosine distance is undefined.
    if (queryVector && !queryVector.some((x) => x !== 0)) queryVector = null;
  }

  const rerankDepth = reranker ? Math.max(limit, opts.rerankDepth) : limit;
  const inner = await withReaderScope({
    db,
    scope,
    fn: async (tx) => {
      const where = chunkFilters(scope, filters);
      let lexical: LegHit[] = [];
      let vector: LegHit[] = [];
      let vectorPath: VectorPath | null = null;
      let model: string | null = null;
      if (legs.lexical) {
        const t = performance.now();
        lexical = await runLexicalLeg({ tx, queryText, where, depth: opts.depth, k1: opts.k1, b: opts.b, contextBoost: opts.contextBoost });
        timings.lexical_ms = performance.now() - t;
      }
      if (queryVector) {
        const t = performance.now();
        model = await storedEmbeddingModel({ tx, preferred: embedder.modelId });
        if (model && model !== embedder.modelId) {
          // Never compare vectors of two models: re-embed the query with the stored model when
          // it is the weight-free one, otherwise skip the leg.
          const m = hashModel.exec(model);
          const candidate = m ? createHashEmbedder({ dimensions: Number(m[1]) }) : null;
          if (candidate && candidate.modelId === model) {
            embedder = candidate;
            queryVector = await candidate.embedQuery(queryText);
          } else {
            warnings.push(`vector search skipped: chunks are embedded with ${model}, the query embedder is ${embedder.modelId}`);
            model = null;
          }
        }
        if (model && queryVector) {
          const leg = await runVectorLeg({ tx, vector: queryVector, model, where, depth: opts.depth, exactThreshold: opts.exactThreshold });
          vector = leg.hits;
          vectorPath = leg.path;
        }
        timings.vector_ms = performance.now() - t;
      }
      const fused = fuseResults({ lexical, vector, method: opts.fusion, weights: opts.weights, rrfK: opts.rrfK });
      const top = fused.slice(0, rerankDepth);
      const t = performance.now();
      const rows = await hydrate({ tx, scope, ids: top.map((f) => f.chunkId), queryText, snippets: !opts.idsOnly });
      const facets = opts.idsOnly ? { sources: [], types: [] } : await facetsOf({ tx, scope, ids: fused.map((f) => f.chunkId) });
      timings.hydrate_ms = performance.now() - t;
      return { top, rows, facets, model, vectorPath };
    },
  });

  let ordered: { fused: Fused; rerank: number | null; score: number }[] = inner.top.map((f) => ({ fused: f, rerank: null, score: f.score }));
  if (reranker && ordered.length > 1) {
    const t = performance.now();
    try {
      const docs = ordered.map(({ fused }) => {
        const row = inner.rows.get(fused.chunkId);
        return row ? `${row.title}\n${row.text}` : "";
      });
      const scores = await reranker.rerank({ query: queryText, documents: docs });
      const seen = new Set<number>();
      const reranked: typeof ordered = [];
      for (const s of scores) {
        const item = ordered[s.index];
        if (!item || seen.has(s.index)) continue;
        seen.add(s.index);
        reranked.push({ ...item, rerank: reranked.length + 1, score: s.score });
      }
      // Anything the reranker left out keeps its fused order after the reranked ones.
      ordered.forEach((item, i) => {
        if (!seen.has(i)) reranked.push(item);
      });
      ordered = reranked;
    } catch (error) {
      warnings.push(`reranker unavailable, kept fused order: ${(error as Error).message}`);
    }
    timings.rerank_ms = performance.now() - t;
  }

  const results: SearchResult[] = [];
  for (const item of ordered) {
    const row = inner.rows.get(item.fused.chunkId);
    if (!row) continue;
    results.push({
      ...row,
      score: item.score,
      ranks: { lexical: item.fused.lexicalRank, vector: item.fused.vectorRank, rerank: item.rerank },
    });
    if (results.length >= limit) break;
  }
  timings.total_ms = performance.now() - started;
  return { results, timings, embeddingModel: inner.model, facets: inner.facets, warnings, vectorPath: inner.vectorPath };
}
