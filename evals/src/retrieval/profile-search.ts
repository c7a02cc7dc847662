/**
 * Where one search's time goes, statement by statement: SciFact loaded into a scratch database,
 * every pg query timed on the client (round trip) and, for the slowest kinds, EXPLAIN ANALYZE
 * inside the database (plan vs execution). Usage: tsx src/retrieval/profile-search.ts [embedded|server] [N]
 */
import pg from "pg";
import { sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestTarget } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { searchChunks } from "@groundwork/retrieval";
import { loadBeirDataset } from "./beir-dataset";
import { evalPrincipal, ingestBeirCorpus } from "./evaluate-beir";
import { ndcgAt } from "./retrieval-metrics";
import { pct } from "./scifact-peers";

type Rec = { text: string; values: unknown[]; ms: number };
let log: Rec[] | null = null;
// eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped and re-applied with its own this
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const t = performance.now();
  const cfg = args[0] as { text?: string; values?: unknown[] } | string;
  const text = typeof cfg === "string" ? cfg : (cfg?.text ?? "");
  const values =
    (typeof cfg === "string" ? undefined : cfg?.values) ?? (Array.isArray(args[1]) ? (args[1] as unknown[]) : []);
  const r = orig.apply(this, args);
  if (log && r && typeof (r as Promise<unknown>).then === "function") {
    const l = log;
    void (r as Promise<unknown>).then(
      () => l.push({ text, values, ms: performance.now() - t }),
      () => undefined,
    );
  }
  return r;
};

const kind = (text: string) => {
  const s = text.replace(/\s+/g, " ").trim();
  if (/^(begin|commit|rollback)/i.test(s)) return s.slice(0, 10).toLowerCase();
  if (s.includes("set_config('groundwork.principals'")) return "set_config";
  if (s.includes("from corpus_stats")) return "lookup_terms";
  if (s.includes("join chunk_postings p") || s.includes("join chunk_principal_postings p")) return "lexical";
  if (s.includes("similarity") || s.includes("term_stats")) return "terms:" + s.slice(0, 50);
  if (s.includes("<=>")) return "vector";
  return s.slice(0, 70);
};

async function main() {
  const target = (process.argv[2] ?? "embedded") as TestTarget;
  const n = Number(process.argv[3] ?? 300);
  const dataset = loadBeirDataset({
    dir: fileURLToPath(new URL("../../../../shared/datasets/scifact", import.meta.url)),
  });
  const t = await createTestDatabase({ target });
  try {
    const embedder = createHashEmbedder();
    const s0 = performance.now();
    const idBy = await ingestBeirCorpus({ db: t.db, corpus: dataset.corpus, embedder });
    console.log(`${target}: ingest ${((performance.now() - s0) / 1000).toFixed(1)} s`);
    await t.db.execute(sql`analyze`);
    const principal = evalPrincipal();
    const queries = dataset.queries.filter((q) => dataset.qrels.has(q.id)).slice(0, n);
    const byKind = new Map<string, number[]>();
    const totals: number[] = [];
    const stages = new Map<string, number[]>();
    const counts: number[] = [];
    let ndcg = 0;
    const samples = new Map<string, Rec>();
    for (const pass of [0, 1]) {
      for (const q of queries) {
        log = [];
        const st = performance.now();
        const r = await searchChunks({
          db: t.db,
          principal,
          query: q.text,
          limit: 10,
          embedder,
          reranker: null,
          options: { idsOnly: true },
        });
        const ms = performance.now() - st;
        await new Promise((res) => setImmediate(res));
        if (pass === 0) continue;
        totals.push(ms);
        counts.push(log.length);
        for (const rec of log) {
          const k = kind(rec.text);
          byKind.set(k, [...(byKind.get(k) ?? []), rec.ms]);
          const prev = samples.get(k);
          if (!prev || rec.ms > prev.ms) samples.set(k, rec);
        }
        for (const [k, v] of Object.entries(r.timings)) stages.set(k, [...(stages.get(k) ?? []), v]);
        ndcg += ndcgAt(10, [...new Set(r.results.map((x) => idBy.get(x.documentId) ?? ""))], dataset.qrels.get(q.id)!);
      }
    }
    log = null;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    console.log(
      `queries ${totals.length} nDCG@10 ${(ndcg / totals.length).toFixed(4)} p50 ${pct(totals, 50).toFixed(1)} p95 ${pct(totals, 95).toFixed(1)} mean ${(sum(totals) / totals.length).toFixed(1)} statements/query ${(sum(counts) / counts.length).toFixed(1)}`,
    );
    console.log("stage (searchChunks timings): mean p95");
    for (const [k, v] of stages)
      console.log(`  ${k.padEnd(14)} ${(sum(v) / v.length).toFixed(2)} ${pct(v, 95).toFixed(2)}`);
    console.log("statement kind: count/query mean_ms p95_ms total_share");
    const all = sum([...byKind.values()].flat());
    for (const [k, v] of [...byKind].sort((a, b) => sum(b[1]) - sum(a[1])))
      console.log(
        `  ${((sum(v) / all) * 100).toFixed(1).padStart(5)}%  ${(v.length / totals.length).toFixed(2)}  ${(sum(v) / v.length).toFixed(2)}  ${pct(v, 95).toFixed(2)}  ${k}`,
      );
    {
      const c = await t.pool.connect();
      try {
        const rt: number[] = [];
        for (let i = 0; i < 50; i++) {
          const s = performance.now();
          await c.query("select 1");
          rt.push(performance.now() - s);
        }
        console.log(`round trip select 1: median ${pct(rt, 50).toFixed(2)} ms`);
        await c.query("begin");
        await c.query(
          `select set_config('groundwork.principals', $1, true), set_config('groundwork.is_admin','off',true), set_config('hnsw.iterative_scan','relaxed_order',true), set_config('hnsw.ef_search','100',true), set_config('role','groundwork_reader',true)`,
          [principal.principals.join(",")],
        );
        for (const k of [
          "lexical",
          "lookup_terms",
          "vector",
          "select c.id, c.document_id, c.source_id, s.name as source_name, d.titl",
        ]) {
          const rec = samples.get(k);
          if (!rec) continue;
          const un: number[] = [];
          const nm: number[] = [];
          for (let i = 0; i < 15; i++) {
            let s = performance.now();
            await c.query(rec.text, rec.values);
            un.push(performance.now() - s);
            s = performance.now();
            await c.query({ name: `p_${k.slice(0, 8)}`, text: rec.text, values: rec.values });
            nm.push(performance.now() - s);
          }
          console.log(
            `${k.slice(0, 20)}: unnamed median ${pct(un, 50).toFixed(2)} ms, named median ${pct(nm, 50).toFixed(2)} ms, text ${rec.text.length} chars, ${rec.values.length} params`,
          );
        }
        await c.query("rollback");
      } finally {
        c.release();
      }
    }
    // EXPLAIN ANALYZE of the slowest sample of the heavy kinds, inside the database (no wire).
    for (const k of ["lexical", "lookup_terms", "vector", "set_config"]) {
      const rec = samples.get(k);
      if (!rec) continue;
      const c = await t.pool.connect();
      try {
        await c.query("begin");
        await c.query(
          `select set_config('groundwork.principals', $1, true), set_config('groundwork.is_admin','off',true), set_config('hnsw.iterative_scan','relaxed_order',true), set_config('hnsw.ef_search','100',true), set_config('role','groundwork_reader',true)`,
          [principal.principals.join(",")],
        );
        const times: number[] = [];
        for (let i = 0; i < 5; i++) {
          const s = performance.now();
          await c.query(rec.text, rec.values);
          times.push(performance.now() - s);
        }
        const ex = await c.query(`explain (analyze, buffers, timing off) ${rec.text}`, rec.values);
        const lines = ex.rows.map((r) => r["QUERY PLAN"] as string);
        console.log(
          `\n${k}: slowest sample ${rec.ms.toFixed(1)} ms; re-run median ${pct(times, 50).toFixed(1)} ms; ${lines.filter((l) => /Planning|Execution/.test(l)).join("; ")}`,
        );
        await c.query("rollback");
      } finally {
        c.release();
      }
    }
  } finally {
    await t.dispose();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
