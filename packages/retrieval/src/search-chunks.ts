import { sql } from "drizzle-orm";
import { GroundworkError } from "@groundwork/db/errors";
import { databaseMode } from "@groundwork/db/client";
import { withReaderScope, type ReaderScope, type ReaderTx } from "@groundwork/db/scoped";
import { createEmbedder, createHashEmbedder, hashEmbedWeighted, queryWords, type Embedder } from "@groundwork/models/embeddings";
import { readModelsEnv } from "@groundwork/models/env";
import { rerankerFromEnv, type Reranker } from "@groundwork/models/rerank";
import { correctQuery, type QueryCorrection } from "./correct-query";
import { EXPANSION_WEIGHT, expandableWords, expandQuery, type QueryExpansion } from "./expand-query";
import { fuseResults, type Fused } from "./fuse-results";
import { bm25Idf, lookupQueryTerms, orTsquery, runLexicalLeg, type LegHit } from "./lexical-leg";
import { chunkAcl, chunkFilters, documentGuard, readWordStats, uuidArray, visibleChunkCount, wordStatsSql } from "./sql-fragments";
import type { SearchFacet, SearchOptions, SearchRequest, SearchResponse, SearchResult } from "./types";
import { probeVisibility, readVisibility, runVectorLeg, visibilitySql, type VectorPath, type Visibility } from "./vector-leg";

/** Defaults measured on SciFact (pnpm eval:retrieval); see this package's README. */
export const defaultSearchOptions: Required<Omit<SearchOptions, "legs" | "idsOnly" | "facets" | "termStats" | "wordStats" | "parallelLegs">> = {
  correct: true,
  // Off by default: measured, it cost SciFact 0.002 nDCG@10 and a round trip, and on the
  // everyday sets it gained 3 points of correct answers but lost 8–13 points of out-of-scope
  // declines on the held-out halves (packages/retrieval/README.md).
  expand: false,
  fusion: "score",
  weights: { lexical: 0.85, vector: 0.15 },
  rrfK: 60,
  depth: 40,
  k1: 1.2,
  b: 0.75,
  contextBoost: 2,
  proximity: 0.3,
  idfQueryWeights: false,
  rerankDepth: 30,
  exactThreshold: 2_000,
};

/** Visible chunks per skipped invisible posting at which the acl index stops paying off in the lexical leg. */
const ACL_INDEX_RATIO = 20;

export const MAX_QUERY_CHARS = 16_384;
export const MAX_LIMIT = 200;

/** Any user text becomes safe input: no NULs (Postgres text rejects them), bounded length. */
export function cleanQuery(query: string): string {
  // eslint-disable-next-line no-control-regex
  return query.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, " ").slice(0, MAX_QUERY_CHARS).trim();
}

const hashModel = /^hash-v\d+-(\d+)$/;

/** The configured embedder (EMBEDDINGS_PROVIDER); the hash model when the env is unusable. */
function defaultEmbedder(): Embedder {
  try {
    return createEmbedder();
  } catch {
    return createHashEmbedder({ dimensions: 384 });
  }
}

function defaultReranker(): Reranker | null {
  try {
    return rerankerFromEnv(readModelsEnv());
  } catch {
    return null;
  }
}

type Hydrated = Omit<SearchResult, "score" | "ranks">;

/** Metadata, text and a highlighted snippet for the chunks that will be shown or reranked — nothing more. */
async function hydrate({ tx, scope, ids, queryText, snippets }: { tx: ReaderTx; scope: ReaderScope; ids: string[]; queryText: string; snippets: boolean }): Promise<Map<string, Hydrated>> {
  if (ids.length === 0) return new Map();
  // «» mark matches; any «» already in the text become ‹› so the UI cannot be fooled.
  const snippet = snippets
    ? sql`coalesce(ts_headline('english', replace(replace(c.text, '«', '‹'), '»', '›'), q.tsq,
        'StartSel=«, StopSel=», MaxWords=40, MinWords=15, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'),
        left(c.text, 240))`
    : sql`''`;
  const r = await tx.execute<Record<string, unknown>>(sql`
    select c.id, c.document_id, c.source_id, s.name as source_name, d.title, d.path, d.mime, d.version,
           d.effective_date::text as effective_date, d.owner, c.headings, c.page_from, c.page_to,
           c.char_start, c.char_end, c.text, ${snippet} as snippet
    from chunks c
    join documents d on d.id = c.document_id
    join sources s on s.id = c.source_id
    cross join (select ${orTsquery(queryText)} as tsq) q
    where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)}`);
  const rows = new Map<string, Hydrated>();
  for (const row of r.rows) {
    rows.set(String(row.id), {
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
  return rows;
}

/** Source and type counts over the fused candidates the caller may see: ids and two names, no text. */
async function countFacets({ tx, scope, ids }: { tx: ReaderTx; scope: ReaderScope; ids: string[] }): Promise<SearchResponse["facets"]> {
  if (ids.length === 0) return { sources: [], types: [] };
  const r = await tx.execute<{ kind: string; value: string; count: number }>(sql`
    with f as (
      select s.name as source_name, coalesce(nullif(c.mime, ''), d.mime) as mime
      from chunks c
      join documents d on d.id = c.document_id
      join sources s on s.id = c.source_id
      where c.id = any(${uuidArray(ids)}) and ${chunkAcl(scope)}
    )
    select 'source' as kind, source_name as value, count(*)::int as count from f group by source_name
    union all
    select 'type', mime, count(*)::int from f group by mime`);
  const list = (kind: string): SearchFacet[] =>
    r.rows
      .filter((row) => row.kind === kind)
      .map((row) => ({ value: String(row.value), count: Number(row.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return { sources: list("source"), types: list("type") };
}

/** IDF of each query word among the chunks the caller may read (the rarest of its lexemes; 0 for stop words). */
async function wordIdf({ tx, scope, words }: { tx: ReaderTx; scope: ReaderScope; words: string[] }): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const r = await tx.execute<{ n: number; words: unknown }>(sql`select ${visibleChunkCount(scope)}::float8 as n, ${wordStatsSql(scope, words)} as words`);
  const n = Math.max(Number(r.rows[0]?.n ?? 0), 1);
  const idf = new Map<string, number>();
  for (const [word, df] of readWordStats(r.rows[0]?.words)) idf.set(word, df ? bm25Idf({ n, df }) : 0);
  return idf;
}

/**
 * Permission-filtered hybrid search: BM25 in SQL + pgvector, fused, optionally reranked.
 * Everything runs in one withReaderScope transaction (RLS role + principals), and every leg
 * also carries the ACL predicate itself.
 */
export async function searchChunks(request: SearchRequest): Promise<SearchResponse> {
  const started = performance.now();
  const { db, principal, filters } = request;
  const opts = { ...defaultSearchOptions, facets: false, termStats: false, ...request.options };
  const legs = { lexical: true, vector: true, ...request.options?.legs };
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? 10), 1), MAX_LIMIT);
  const timings: Record<string, number> = {};
  const warnings: string[] = [];
  const queryText = cleanQuery(request.query);
  const empty: SearchResponse = { results: [], timings, embeddingModel: null, facets: { sources: [], types: [] }, warnings, vectorPath: null, queryTerms: [], chunkCount: 0, wordStats: new Map(), corrections: [], expansions: [], searchedQuery: queryText };
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
  // Fusion only needs a few times the page size from each leg; a smaller depth also lets the
  // lexical leg prune common terms more often.
  const depth = request.options?.depth ?? Math.max(40, 3 * rerankDepth);
  const guard = documentGuard(scope, filters);

  /** Term statistics and the visibility estimate in one round trip, then the lexical leg. */
  const lexicalPart = async (tx: ReaderTx) => {
    const tt = performance.now();
    const asked = request.options?.wordStats ?? [];
    // The query's own words ride along too: a word no visible chunk holds may be a typo, or
    // a paraphrase of a word the documents use.
    const own = opts.correct || opts.expand ? expandableWords(queryText) : [];
    const extra = (words: string[]) =>
      sql`json_build_object('visibility', ${visibilitySql({ preferred: embedder.modelId, scope })}, 'words', ${words.length > 0 ? wordStatsSql(scope, words) : sql`null::json`})`;
    let stats = await lookupQueryTerms({ tx, scope, queryText, extra: extra([...asked, ...own]) });
    const visibility = readVisibility(stats.extra.visibility);
    const ownDf = readWordStats(stats.extra.words);
    let lexicalText = queryText;
    let corrections: QueryCorrection[] = [];
    let expansions: QueryExpansion[] = [];
    let termWeights: Map<string, number> | undefined;
    if (opts.correct && own.length > 0) {
      const corrected = await correctQuery({ tx, scope, queryText, wordDf: ownDf });
      if (corrected.corrections.length > 0) {
        lexicalText = corrected.text;
        corrections = corrected.corrections;
        stats = await lookupQueryTerms({ tx, scope, queryText: lexicalText, extra: extra([...asked, ...corrections.map((c) => c.to)]) });
      }
    }
    if (opts.expand && own.length > 0) {
      const corrected = new Set(corrections.map((c) => c.from));
      expansions = await expandQuery({ tx, scope, words: own.filter((w) => !corrected.has(w)), wordDf: ownDf });
      if (expansions.length > 0) {
        const typed = new Set(stats.terms.map((t) => t.lexeme));
        const words = stats.extra.words;
        stats = await lookupQueryTerms({ tx, scope, queryText: `${lexicalText} ${expansions.flatMap((e) => e.to).join(" ")}`, extra: extra([...asked, ...corrections.map((c) => c.to)]) });
        stats.extra.words = words;
        termWeights = new Map(stats.terms.filter((t) => !typed.has(t.lexeme)).map((t) => [t.lexeme, EXPANSION_WEIGHT]));
      }
    }
    timings.terms_ms = performance.now() - tt;
    let lexical: LegHit[] = [];
    if (legs.lexical) {
      const t = performance.now();
      // Combining the acl index costs about a tenth of a microsecond per visible chunk; it
      // saves a row fetch (a few microseconds) per invisible posting. Pick per pass (see chunkAcl).
      const share = visibility.total > 0 ? Math.min(visibility.upper / visibility.total, 1) : 1;
      const where = ({ volume }: { volume: number }) =>
        chunkFilters(scope, filters, { documentGuard: false, aclIndexable: visibility.upper <= Math.max(opts.exactThreshold, ACL_INDEX_RATIO * volume * (1 - share)) });
      lexical = await runLexicalLeg({ tx, scope, queryText: lexicalText, where, guard, depth, k1: opts.k1, b: opts.b, contextBoost: opts.contextBoost, proximity: opts.proximity, queryTerms: stats, termWeights });
      timings.lexical_ms = performance.now() - t;
    }
    return { stats, visibility, lexical, lexicalText, corrections, expansions };
  };

  /** The vector leg against the stored model (re-embedding for another hash model, else skipped). */
  const vectorPart = async (tx: ReaderTx, visibility: Visibility) => {
    const t = performance.now();
    let model = visibility.model;
    let known: Visibility | undefined = visibility;
    let vector: LegHit[] = [];
    let vectorPath: VectorPath | null = null;
    if (model && model !== embedder.modelId) {
      // Never compare vectors of two models: re-embed the query with the stored model when
      // it is the weight-free one, otherwise skip the leg.
      const m = hashModel.exec(model);
      const candidate = m ? createHashEmbedder({ dimensions: Number(m[1]) }) : null;
      if (candidate && candidate.modelId === model) {
        embedder = candidate;
        queryVector = await candidate.embedQuery(queryText);
        known = undefined;
      } else {
        warnings.push(`vector search skipped: chunks are embedded with ${model}, the query embedder is ${embedder.modelId}`);
        model = null;
      }
    }
    const hashDims = model ? hashModel.exec(model)?.[1] : undefined;
    if (model && queryVector && hashDims && opts.idfQueryWeights) {
      // The weight-free model matches words, so weight the query's words by their rarity.
      const idf = await wordIdf({ tx, scope, words: queryWords(queryText) });
      queryVector = hashEmbedWeighted(queryText, Number(hashDims), (w) => idf.get(w) ?? 0);
      if (!queryVector.some((x) => x !== 0)) queryVector = null;
    }
    if (model && queryVector) {
      const where = chunkFilters(scope, filters, { documentGuard: false });
      const leg = await runVectorLeg({ tx, vector: queryVector, model, where, guard, depth, exactThreshold: opts.exactThreshold, visibility: known });
      vector = leg.hits;
      vectorPath = leg.path;
    }
    timings.vector_ms = performance.now() - t;
    return { vector, vectorPath, model };
  };

  /** Fusion, then text and snippets for the page (and facets when asked). */
  const finishPart = async (tx: ReaderTx, lexical: LegHit[], vector: LegHit[], lexicalText: string) => {
    const fused = fuseResults({ lexical, vector, method: opts.fusion, weights: opts.weights, rrfK: opts.rrfK });
    const top = fused.slice(0, rerankDepth);
    const t = performance.now();
    const rows = await hydrate({ tx, scope, ids: top.map((f) => f.chunkId), queryText: lexicalText, snippets: !opts.idsOnly });
    timings.hydrate_ms = performance.now() - t;
    let facets: SearchResponse["facets"] = { sources: [], types: [] };
    if (opts.facets) {
      const tf = performance.now();
      facets = await countFacets({ tx, scope, ids: fused.map((f) => f.chunkId) });
      timings.facets_ms = performance.now() - tf;
    }
    return { top, rows, facets };
  };

  const noVector = { vector: [] as LegHit[], vectorPath: null as VectorPath | null, model: null as string | null };
  const parallel = (opts.parallelLegs ?? databaseMode(db) === "server") && Boolean(queryVector) && legs.lexical;
  let inner: Awaited<ReturnType<typeof finishPart>> & Awaited<ReturnType<typeof lexicalPart>> & typeof noVector;
  if (parallel) {
    // Two transactions, each holding its connection only for its own statements (a transaction
    // that waited for the other while holding one could starve a small pool).
    const [lex, vec] = await Promise.all([
      withReaderScope({ db, scope, fn: lexicalPart }),
      withReaderScope({ db, scope, fn: async (tx) => vectorPart(tx, await probeVisibility({ tx, preferred: embedder.modelId, scope })) }),
    ]);
    const done = await withReaderScope({ db, scope, fn: (tx) => finishPart(tx, lex.lexical, vec.vector, lex.lexicalText) });
    inner = { ...lex, ...vec, ...done };
  } else {
    inner = await withReaderScope({
      db,
      scope,
      fn: async (tx) => {
        const lex = await lexicalPart(tx);
        const vec = queryVector ? await vectorPart(tx, lex.visibility) : noVector;
        return { ...lex, ...vec, ...(await finishPart(tx, lex.lexical, vec.vector, lex.lexicalText)) };
      },
    });
  }

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
  return {
    results,
    timings,
    embeddingModel: inner.model,
    facets: inner.facets,
    warnings,
    vectorPath: inner.vectorPath,
    queryTerms: opts.termStats ? inner.stats.terms.map((q) => ({ lexeme: q.lexeme, df: q.df, idf: q.idf })) : [],
    chunkCount: opts.termStats ? inner.stats.chunkCount : 0,
    wordStats: readWordStats(inner.stats.extra.words),
    corrections: inner.corrections,
    expansions: inner.expansions,
    searchedQuery: inner.lexicalText,
  };
}
