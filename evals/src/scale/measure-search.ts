import { sql } from "drizzle-orm";
import type { Principal } from "@groundwork/access/principal";
import { withReaderScope } from "@groundwork/access/reader-scope";
import type { Database } from "@groundwork/db/client";
import type { Embedder } from "@groundwork/models/embeddings";
import { searchChunks } from "@groundwork/retrieval";
import { chunkFilters, probeVisibility, runVectorLeg } from "@groundwork/retrieval/legs";
import type { SearchOptions } from "@groundwork/retrieval";
import { selectivityPrincipal } from "../retrieval/bench-corpus";

export { selectivityPrincipal };

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** p50/p95 of the full hybrid search (as the product runs it, reranker off) over `queries`, after a warm-up. */
export async function timeHybrid({
  db,
  embedder,
  principal,
  queries,
  options,
}: {
  db: Database;
  embedder: Embedder;
  principal: Principal;
  queries: string[];
  options?: SearchOptions;
}): Promise<{ p50_ms: number; p95_ms: number; vector_path: string; mean_ms: Record<string, number> }> {
  for (const q of queries.slice(0, 10))
    await searchChunks({ db, principal, query: q, limit: 10, reranker: null, embedder, options });
  const lat: number[] = [];
  let path = "";
  const legs = new Map<string, number>();
  for (const q of queries) {
    const t0 = performance.now();
    const r = await searchChunks({ db, principal, query: q, limit: 10, reranker: null, embedder, options });
    lat.push(performance.now() - t0);
    path = r.vectorPath ?? path;
    for (const [k, v] of Object.entries(r.timings)) legs.set(k, (legs.get(k) ?? 0) + v / queries.length);
  }
  return {
    p50_ms: round(pct(lat, 50)),
    p95_ms: round(pct(lat, 95)),
    vector_path: path,
    mean_ms: Object.fromEntries([...legs].map(([k, v]) => [k, round(v)])),
  };
}

/** Exact top 10 of the vector leg over the caller's visible rows: the ground truth of recall@10. */
export async function exactTop({
  db,
  embedder,
  principal,
  queries,
}: {
  db: Database;
  embedder: Embedder;
  principal: Principal;
  queries: string[];
}): Promise<string[][]> {
  const scope = { principals: principal.principals, isAdmin: principal.isAdmin };
  const out: string[][] = [];
  for (const q of queries) {
    const vector = await embedder.embedQuery(q);
    const r = await withReaderScope({
      db,
      scope,
      fn: (tx) =>
        runVectorLeg({
          tx,
          vector,
          model: embedder.modelId,
          where: chunkFilters(scope),
          depth: 10,
          exactThreshold: 0,
          forcePath: "exact",
        }),
    });
    out.push(r.hits.map((h) => h.chunkId));
  }
  return out;
}

/** recall@10 of the vector leg as the search runs it (path and ef_search from the visibility estimate) against `truth`. */
export async function vectorRecall({
  db,
  embedder,
  principal,
  queries,
  truth,
  index,
}: {
  db: Database;
  embedder: Embedder;
  principal: Principal;
  queries: string[];
  truth: string[][];
  index?: "hnsw" | "binary";
}): Promise<{ recall: number; path: string }> {
  const scope = { principals: principal.principals, isAdmin: principal.isAdmin };
  let hit = 0;
  let total = 0;
  let path = "";
  for (let i = 0; i < queries.length; i++) {
    const vector = await embedder.embedQuery(queries[i]!);
    const r = await withReaderScope({
      db,
      scope,
      fn: async (tx) =>
        runVectorLeg({
          tx,
          vector,
          model: embedder.modelId,
          where: chunkFilters(scope),
          depth: 10,
          exactThreshold: 2_000,
          exactGrowsWithCorpus: true,
          visibility: await probeVisibility({ tx, preferred: embedder.modelId, scope }),
          index,
        }),
    });
    path = r.path;
    const want = new Set(truth[i]);
    hit += r.hits.filter((h) => want.has(h.chunkId)).length;
    total += want.size;
  }
  return { recall: total ? round(hit / total, 3) : 1, path };
}

/** Sizes in MB: chunks' heap (with TOAST), the HNSW index, all of chunks' indexes, the database. */
export async function storageSizes({ db }: { db: Database }) {
  const r = await db.execute<{ heap: number; hnsw: number; indexes: number; database: number }>(sql`
    select pg_table_size('chunks')::float8 / 1048576 as heap,
           coalesce(pg_relation_size(to_regclass('chunks_embedding_idx')), 0)::float8 / 1048576 as hnsw,
           pg_indexes_size('chunks')::float8 / 1048576 as indexes,
           pg_database_size(current_database())::float8 / 1048576 as database`);
  const row = r.rows[0]!;
  return {
    chunks_heap_mb: round(Number(row.heap)),
    hnsw_index_mb: round(Number(row.hnsw)),
    chunks_indexes_mb: round(Number(row.indexes)),
    database_mb: round(Number(row.database)),
  };
}
