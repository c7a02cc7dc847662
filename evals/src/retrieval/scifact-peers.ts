import { sql } from "drizzle-orm";
import { createTestDatabase, type TestTarget } from "@groundwork/db/testing";
import type { Embedder } from "@groundwork/models/embeddings";
import type { BeirDataset } from "./beir-dataset";
import { evalPrincipal, ingestBeirCorpus } from "./evaluate-beir";
import { ndcgAt } from "./retrieval-metrics";
import { searchChunks } from "@groundwork/retrieval";
import type { SearchOptions } from "@groundwork/retrieval";
import { postgresFts, type PeerEngine } from "./peer-engines";

export type EngineFigures = { ndcg_at_10: number; p50_ms: number; p95_ms: number; queries: number };
/** Per engine: all queries, and the short (≤ 12 words) and long (≥ 20 words) subsets. */
export type SectionFigures = Record<
  string,
  { all: EngineFigures; short: EngineFigures; long: EngineFigures; build_s: number }
>;

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const words = (q: string) => q.split(/\s+/).filter(Boolean).length;
export const isShort = (q: string) => words(q) <= 12;
export const isLong = (q: string) => words(q) >= 20;

/**
 * Runs every engine on every query, round robin (query 1 through each engine, then query 2…),
 * so a load spike on the shared machine hits all engines alike and the ratios stay honest.
 */
export async function measureEngines({
  engines,
  dataset,
  queryLimit,
  k = 10,
}: {
  engines: PeerEngine[];
  dataset: BeirDataset;
  queryLimit?: number;
  k?: number;
}): Promise<SectionFigures> {
  const queries = dataset.queries.filter((q) => dataset.qrels.has(q.id)).slice(0, queryLimit);
  for (const q of queries.slice(0, 10)) for (const e of engines) await e.search(q.text, k);
  const runs = new Map(engines.map((e) => [e.name, [] as { ms: number; ndcg: number; text: string }[]]));
  for (const q of queries) {
    for (const e of engines) {
      const t = performance.now();
      const ranked = await e.search(q.text, k);
      const ms = performance.now() - t;
      runs.get(e.name)!.push({ ms, ndcg: ndcgAt(10, [...new Set(ranked)], dataset.qrels.get(q.id)!), text: q.text });
    }
  }
  const figures = (xs: { ms: number; ndcg: number }[]): EngineFigures => ({
    ndcg_at_10: round(xs.reduce((s, x) => s + x.ndcg, 0) / Math.max(xs.length, 1), 4),
    p50_ms: round(
      pct(
        xs.map((x) => x.ms),
        50,
      ),
    ),
    p95_ms: round(
      pct(
        xs.map((x) => x.ms),
        95,
      ),
    ),
    queries: xs.length,
  });
  const out: SectionFigures = {};
  for (const e of engines) {
    const xs = runs.get(e.name)!;
    out[e.name] = {
      all: figures(xs),
      short: figures(xs.filter((x) => isShort(x.text))),
      long: figures(xs.filter((x) => isLong(x.text))),
      build_s: round(e.buildMs / 1000),
    };
  }
  return out;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * The SciFact section on one target: the corpus ingested as eval:retrieval does (timed), then
 * Groundwork (hybrid default, and the lexical leg alone), PostgreSQL FTS and the in-memory
 * peers measured side by side on the same queries.
 */
export async function scifactOnTarget({
  target,
  dataset,
  embedder,
  peers,
  queryLimit,
  log,
}: {
  target: TestTarget;
  dataset: BeirDataset;
  embedder: Embedder;
  peers: PeerEngine[];
  queryLimit?: number;
  log: (s: string) => void;
}) {
  const t = await createTestDatabase({ target });
  try {
    const started = performance.now();
    const idByDocument = await ingestBeirCorpus({ db: t.db, corpus: dataset.corpus, embedder });
    const ingestS = (performance.now() - started) / 1000;
    log(`  ${target}: ingested ${dataset.corpus.length} documents in ${ingestS.toFixed(1)} s`);
    const principal = evalPrincipal();
    const groundwork = (name: string, options?: SearchOptions): PeerEngine => ({
      name,
      buildMs: ingestS * 1000,
      search: async (query, k) => {
        const r = await searchChunks({
          db: t.db,
          principal,
          query,
          limit: k,
          embedder,
          reranker: null,
          options: { idsOnly: true, ...options },
        });
        return r.results.map((x) => idByDocument.get(x.documentId) ?? "");
      },
    });
    await t.db.execute(sql`analyze`);
    const engines = [
      groundwork("groundwork hybrid"),
      groundwork("groundwork lexical leg", { legs: { vector: false } }),
      postgresFts({ db: t.db, principal, externalIdOf: idByDocument }),
      ...peers,
    ];
    return { figures: await measureEngines({ engines, dataset, queryLimit }), ingestS };
  } finally {
    await t.dispose();
  }
}
