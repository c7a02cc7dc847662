import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase, type Database } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { chunks, documents, sources } from "@groundwork/db/schema";
import {
  createTestDatabase,
  restartTestDatabase,
  serverUnavailableReason,
  type TestTarget,
} from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { tidySearchIndexes } from "@groundwork/db/maintenance";
import { withReaderScope } from "@groundwork/access/reader-scope";
import { buildMiniSearch, buildWink, type PeerDoc } from "./peer-engines";
import { round, scifactOnTarget, type SectionFigures } from "./scifact-peers";
import { loadBeirDataset } from "./beir-dataset";
import { searchChunks } from "@groundwork/retrieval";
import { chunkFilters, probeVisibility, runVectorLeg } from "@groundwork/retrieval/legs";
import { clusteredEmbedder, makeCorpus, selectivityPrincipal } from "./bench-corpus";
import { parseArgs, userPath } from "@groundwork/core/cli-args";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";

/**
 * `pnpm bench:retrieval [--json] [--quick] [--chunks 100000] [--queries 100] [--long-queries 50] [--targets embedded,server]
 *   [--vectors clustered|hash] [--scifact <BEIR dir> | --no-peers | --peers-only] [--scifact-queries N] [--keep] [--database <url>]`
 * 100k synthetic chunks (Zipf-distributed pseudo-words, hash-embedded) with ACLs that let a
 * caller see 50 %, 10 % or 1 % of them, loaded into the embedded database and the server side
 * by side. Measures p50/p95 of the full hybrid query with short (2–4 words) and long (20–30
 * words) queries, and recall@10 of the vector leg (as the product runs it: HNSW or the exact
 * path) against exact search.
 *
 * Peers section: BEIR SciFact (5,183 abstracts, 300 queries of 10–30 words) through Groundwork,
 * PostgreSQL FTS (OR query, ts_rank), wink-bm25-text-search and MiniSearch, round robin, on
 * both targets. `--quick` (20k chunks, 30 queries per selectivity, 100 SciFact queries) is for
 * checking a change on the shared machine; the full run takes many minutes.
 */
const SELECTIVITIES = [0.5, 0.1, 0.01] as const;
const targets = { server: { p95: 25 }, embedded: { p95: 40 } };
const peerTargets = {
  scifact_embedded_p95_ms: 30,
  scifact_server_p95_ms: 20,
  p95_ratio_vs_wink: 2.5,
  long_query_100k_server_p95_ms: 60,
  ndcg_at_10: 0.7,
};
const defaultScifact = fileURLToPath(new URL("../../../../shared/datasets/scifact", import.meta.url));

async function load(
  db: Database,
  corpus: ReturnType<typeof makeCorpus>,
  vectors: number[][],
  modelId: string,
  log: (s: string) => void,
) {
  const [source] = await db.insert(sources).values({ name: "bench", kind: "folder" }).returning({ id: sources.id });
  const sourceId = source!.id;
  // Bulk load first, index after: the same HNSW definition as the migration, built once.
  await db.execute(sql`drop index if exists chunks_embedding_idx`);
  const perDoc = 10;
  const t = performance.now();
  for (let d0 = 0; d0 < corpus.docLevel.length; d0 += 100) {
    const docs = corpus.docLevel.slice(d0, d0 + 100).map((u, i) => {
      const acl = [
        "group:nobody",
        ...(u < 0.5 ? ["group:s50"] : []),
        ...(u < 0.1 ? ["group:s10"] : []),
        ...(u < 0.01 ? ["group:s1"] : []),
      ];
      return {
        sourceId,
        path: `doc-${d0 + i}`,
        title: `Document ${d0 + i}`,
        mime: "text/plain",
        contentHash: `${d0 + i}`,
        acl,
      };
    });
    const rows = await db.insert(documents).values(docs).returning({ id: documents.id, acl: documents.acl });
    const chunkRows = rows.flatMap((doc, i) =>
      Array.from({ length: perDoc }, (_, j) => {
        const k = (d0 + i) * perDoc + j;
        const text = corpus.texts[k] ?? "";
        return {
          documentId: doc.id,
          sourceId,
          version: 1,
          ordinal: j,
          text,
          textHash: `${k}`,
          context: `Document ${d0 + i}`,
          charStart: 0,
          charEnd: text.length,
          embedding: vectors[k]!,
          embeddingModel: modelId,
          acl: doc.acl,
          mime: "text/plain",
        };
      }).filter((c) => c.text !== ""),
    );
    await db.insert(chunks).values(chunkRows);
  }
  log(`  loaded ${corpus.texts.length} chunks in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  const ti = performance.now();
  await db.execute(
    sql`create index chunks_embedding_idx on chunks using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64)`,
  );
  // As an ingestion run leaves it: pending lists merged, statistics fresh.
  await tidySearchIndexes({ db, changedRows: corpus.texts.length });
  await db.execute(sql`analyze`);
  log(`  HNSW + analyze in ${((performance.now() - ti) / 1000).toFixed(0)} s`);
}

async function reuseDatabase(url: string) {
  const handle = await openDatabase({ env: { ...readDbEnv(), DATABASE_URL: url }, poolMax: 4 });
  return { ...handle, target: "server" as const, dispose: () => handle.close() };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const json = flags.has("json");
  const quick = flags.has("quick");
  const n = Number(flags.get("chunks") ?? (quick ? 20_000 : 100_000));
  const perSel = Number(flags.get("queries") ?? (quick ? 30 : 100));
  const perSelLong = Number(flags.get("long-queries") ?? (quick ? 20 : 50));
  const log = (s: string) => {
    if (!json) console.log(s);
  };
  const corpus = makeCorpus(n);
  const embedder = flags.get("vectors") === "hash" ? createHashEmbedder() : clusteredEmbedder(EMBEDDING_DIMENSIONS);
  const te = performance.now();
  const vectors = await embedder.embedDocuments(corpus.texts);
  log(`embedded ${n} synthetic chunks in ${((performance.now() - te) / 1000).toFixed(1)} s (${embedder.modelId})`);
  const reason = await serverUnavailableReason();
  const only = flags.get("targets");
  const wanted = typeof only === "string" ? only.split(",") : ["embedded", "server"];
  const runTargets = (reason ? ["embedded"] : ["embedded", "server"]).filter((x) => wanted.includes(x)) as TestTarget[];
  if (reason) log(`server skipped: ${reason}`);
  const out: Record<
    string,
    {
      p50_ms: number;
      p95_ms: number;
      long_p50_ms: number;
      long_p95_ms: number;
      by_selectivity: Record<
        string,
        {
          p50_ms: number;
          p95_ms: number;
          long_p50_ms: number;
          long_p95_ms: number;
          recall_at_10: number;
          hnsw_recall_at_10: number;
          vector_path: string;
        }
      >;
    }
  > = {};
  const peersOnly = flags.has("peers-only");
  let minRecall = 1;
  for (const target of peersOnly ? [] : runTargets) {
    log(`\n${target}:`);
    // --database <url> reuses a database an earlier --keep run loaded (server only).
    const reuse =
      target === "server" && typeof flags.get("database") === "string" ? String(flags.get("database")) : null;
    let t = reuse ? await reuseDatabase(reuse) : await createTestDatabase({ target });
    try {
      if (!reuse) await load(t.db, corpus, vectors, embedder.modelId, log);
      if (target === "embedded") {
        // As `npm start` would after a large ingest: the "auto" page cache is sized from what is stored.
        t = await restartTestDatabase({ test: t, env: readDbEnv(), poolMax: 4 });
        log(`  restarted the embedded owner: ${t.owner?.sharedBuffers} page cache`);
      }
      const all: number[] = [];
      const allLong: number[] = [];
      const bySel: (typeof out)[string]["by_selectivity"] = {};
      for (const s of SELECTIVITIES) {
        const principal = selectivityPrincipal(s);
        const queries = corpus.queries.slice(0, perSel);
        for (const q of queries.slice(0, 10))
          await searchChunks({ db: t.db, principal, query: q, limit: 10, reranker: null, embedder });
        const lat: number[] = [];
        let path = "";
        const legMs = new Map<string, number>();
        for (const q of queries) {
          const t0 = performance.now();
          const r = await searchChunks({ db: t.db, principal, query: q, limit: 10, reranker: null, embedder });
          lat.push(performance.now() - t0);
          path = r.vectorPath ?? path;
          for (const [k, v] of Object.entries(r.timings)) legMs.set(k, (legMs.get(k) ?? 0) + v / queries.length);
        }
        all.push(...lat);
        // Long queries: what a pasted customer message or a question with chat history looks like.
        const longLat: number[] = [];
        for (const q of corpus.longQueries.slice(0, 5))
          await searchChunks({ db: t.db, principal, query: q, limit: 10, reranker: null, embedder });
        for (const q of corpus.longQueries.slice(0, perSelLong)) {
          const t0 = performance.now();
          await searchChunks({ db: t.db, principal, query: q, limit: 10, reranker: null, embedder });
          longLat.push(performance.now() - t0);
        }
        allLong.push(...longLat);
        // Recall of the vector leg against an exact scan of the same visible rows.
        let hit = 0;
        let hnswHit = 0;
        let total = 0;
        const scope = { principals: principal.principals, isAdmin: false };
        for (const q of queries.slice(0, 50)) {
          const v = await embedder.embedQuery(q);
          const where = chunkFilters(scope);
          const [auto, hnsw, exact] = await withReaderScope({
            db: t.db,
            scope,
            fn: async (tx) => [
              // As the search runs it: path and ef_search chosen from the visibility estimate.
              await runVectorLeg({
                tx,
                vector: v,
                model: embedder.modelId,
                where,
                depth: 10,
                exactThreshold: 2_000,
                visibility: await probeVisibility({ tx, preferred: embedder.modelId, scope }),
              }),
              await runVectorLeg({
                tx,
                vector: v,
                model: embedder.modelId,
                where,
                depth: 10,
                exactThreshold: 0,
                forcePath: "hnsw",
              }),
              await runVectorLeg({
                tx,
                vector: v,
                model: embedder.modelId,
                where,
                depth: 10,
                exactThreshold: 0,
                forcePath: "exact",
              }),
            ],
          });
          const truth = new Set(exact.hits.map((h) => h.chunkId));
          hit += auto.hits.filter((h) => truth.has(h.chunkId)).length;
          hnswHit += hnsw.hits.filter((h) => truth.has(h.chunkId)).length;
          total += truth.size;
        }
        const recall = total ? hit / total : 1;
        minRecall = Math.min(minRecall, recall);
        bySel[`${s * 100}%`] = {
          p50_ms: pct(lat, 50),
          p95_ms: pct(lat, 95),
          long_p50_ms: pct(longLat, 50),
          long_p95_ms: pct(longLat, 95),
          recall_at_10: recall,
          hnsw_recall_at_10: total ? hnswHit / total : 1,
          vector_path: path,
        };
        log(
          `  ${`${s * 100}%`.padStart(4)} visible  p50 ${pct(lat, 50).toFixed(1).padStart(6)} ms  p95 ${pct(lat, 95).toFixed(1).padStart(6)} ms  recall@10 ${recall.toFixed(3)} (${path}; HNSW at ef_search 200 ${(total ? hnswHit / total : 1).toFixed(3)})`,
        );
        log(`        long (20–30 words): p50 ${pct(longLat, 50).toFixed(1)} ms  p95 ${pct(longLat, 95).toFixed(1)} ms`);
        log(`        mean ms: ${[...legMs].map(([k, v]) => `${k.replace("_ms", "")} ${v.toFixed(1)}`).join(", ")}`);
      }
      out[target] = {
        p50_ms: pct(all, 50),
        p95_ms: pct(all, 95),
        long_p50_ms: pct(allLong, 50),
        long_p95_ms: pct(allLong, 95),
        by_selectivity: bySel,
      };
    } finally {
      // --keep leaves the loaded server database behind for EXPLAIN work (drop it yourself).
      if ((flags.has("keep") || reuse) && target === "server") {
        const r = await t.db.execute<{ name: string }>(sql`select current_database() as name`);
        console.error(`kept server database ${r.rows[0]?.name}`);
        await t.close();
      } else await t.dispose();
    }
  }
  // Peers section: SciFact through every engine, on each target.
  const scifactDir = userPath(typeof flags.get("scifact") === "string" ? String(flags.get("scifact")) : defaultScifact);
  const peers: Record<string, SectionFigures> = {};
  const ingestS: Record<string, number> = {};
  let peerBuild: Record<string, number> = {};
  if (flags.has("no-peers")) log("\npeers section skipped (--no-peers)");
  else if (!fs.existsSync(scifactDir))
    log(`\npeers section skipped: no BEIR SciFact folder at ${scifactDir} (--scifact <dir>)`);
  else {
    const dataset = loadBeirDataset({ dir: scifactDir });
    const scifactQueries = Number(flags.get("scifact-queries") ?? (quick ? 100 : dataset.queries.length));
    log(
      `\npeers on SciFact (${dataset.corpus.length} documents, ${Math.min(scifactQueries, dataset.qrels.size)} queries):`,
    );
    const docs: PeerDoc[] = dataset.corpus.map((d) => ({ id: d.id, title: d.title, text: d.text }));
    const inMemory = [buildWink(docs), buildMiniSearch(docs)];
    peerBuild = Object.fromEntries(inMemory.map((e) => [e.name, round(e.buildMs / 1000)]));
    log(`  built ${inMemory.map((e) => `${e.name} in ${(e.buildMs / 1000).toFixed(1)} s`).join(", ")}`);
    const hashEmbedder = createHashEmbedder();
    for (const target of runTargets) {
      const r = await scifactOnTarget({
        target,
        dataset,
        embedder: hashEmbedder,
        peers: inMemory,
        queryLimit: scifactQueries,
        log,
      });
      peers[target] = r.figures;
      ingestS[target] = round(r.ingestS, 1);
      const wink = r.figures["wink-bm25-text-search"]!;
      log(
        `  ${target}: ${"engine".padEnd(30)} ${"nDCG@10".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p95/wink".padStart(9)}   long p50/p95 (${wink.long.queries} q)   short p50/p95 (${wink.short.queries} q)`,
      );
      for (const [name, f] of Object.entries(r.figures)) {
        log(
          `  ${" ".repeat(target.length + 1)} ${name.padEnd(30)} ${f.all.ndcg_at_10.toFixed(3).padStart(8)} ${f.all.p50_ms.toFixed(1).padStart(8)} ${f.all.p95_ms.toFixed(1).padStart(8)} ${(f.all.p95_ms / Math.max(wink.all.p95_ms, 0.01)).toFixed(2).padStart(9)}   ${f.long.p50_ms.toFixed(1)}/${f.long.p95_ms.toFixed(1)}   ${f.short.p50_ms.toFixed(1)}/${f.short.p95_ms.toFixed(1)}`,
        );
      }
    }
  }
  const hybrid = (target: string) => peers[target]?.["groundwork hybrid"];
  const winkOf = (target: string) => peers[target]?.["wink-bm25-text-search"];
  const ratio = (target: string) => {
    const g = hybrid(target);
    const w = winkOf(target);
    return g && w ? round(g.all.p95_ms / Math.max(w.all.p95_ms, 0.01)) : null;
  };
  const headline = {
    scifact_embedded_p95_ms: hybrid("embedded")?.all.p95_ms ?? null,
    scifact_server_p95_ms: hybrid("server")?.all.p95_ms ?? null,
    // Embedded, as the target is stated (wink runs in the same process, so it is the same on both).
    p95_ratio_vs_wink: ratio("embedded") ?? ratio("server"),
    p95_ratio_vs_wink_server: ratio("server"),
    long_query_100k_server_p95_ms: out.server ? round(out.server.by_selectivity["1%"]?.long_p95_ms ?? 0) : null,
    long_query_100k_embedded_p95_ms: out.embedded ? round(out.embedded.by_selectivity["1%"]?.long_p95_ms ?? 0) : null,
    ndcg_at_10: hybrid("embedded")?.all.ndcg_at_10 ?? hybrid("server")?.all.ndcg_at_10 ?? null,
  };
  if (!json) {
    if (Object.keys(peers).length > 0) {
      console.log(`\n${"headline".padEnd(34)} ${"value".padStart(8)}   target`);
      for (const [k, v] of Object.entries(headline)) {
        const goal = peerTargets[k as keyof typeof peerTargets];
        console.log(
          `${k.padEnd(34)} ${String(v ?? "-").padStart(8)}   ${goal === undefined ? "" : k === "ndcg_at_10" ? `≥ ${goal}` : `≤ ${goal}`}`,
        );
      }
    }
    console.log(`\n${"target".padEnd(10)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}   target p95`);
    for (const [name, r] of Object.entries(out)) {
      console.log(
        `${name.padEnd(10)} ${r.p50_ms.toFixed(1).padStart(8)} ${r.p95_ms.toFixed(1).padStart(8)}   ≤ ${targets[name as keyof typeof targets].p95} ms`,
      );
    }
    console.log(`min recall@10 ${minRecall.toFixed(3)}   target ≥ 0.97`);
  }
  console.log(
    JSON.stringify({
      ...headline,
      chunks: n,
      server: out.server
        ? {
            p50_ms: round(out.server.p50_ms),
            p95_ms: round(out.server.p95_ms),
            long_p50_ms: round(out.server.long_p50_ms),
            long_p95_ms: round(out.server.long_p95_ms),
            by_selectivity: out.server.by_selectivity,
          }
        : null,
      embedded: out.embedded
        ? {
            p50_ms: round(out.embedded.p50_ms),
            p95_ms: round(out.embedded.p95_ms),
            long_p50_ms: round(out.embedded.long_p50_ms),
            long_p95_ms: round(out.embedded.long_p95_ms),
            by_selectivity: out.embedded.by_selectivity,
          }
        : null,
      min_recall_at_10: peersOnly ? null : Math.round(minRecall * 1000) / 1000,
      peers: Object.keys(peers).length > 0 ? { scifact: peers, ingest_s: ingestS, build_s: peerBuild } : null,
      targets: { server_p95_ms: 25, embedded_p95_ms: 40, min_recall_at_10: 0.97, ...peerTargets },
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
