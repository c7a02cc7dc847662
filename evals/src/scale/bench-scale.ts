import fs from "node:fs";
import { parseArgs } from "@groundwork/core/cli-args";
import { EMBEDDING_DIMENSIONS } from "@groundwork/core/embedding-dimensions";
import { serverUnavailableReason } from "@groundwork/db/testing";
import { applyVectorLayout, type VectorLayout } from "@groundwork/db/vector-layout";
import {
  copyScaleDatabase,
  dropScaleDatabase,
  ensureScaleDatabase,
  openScaleDatabase,
  scaleModelId,
} from "./load-scale-corpus";
import { exactTop, round, selectivityPrincipal, storageSizes, timeHybrid, vectorRecall } from "./measure-search";
import { scaleSpace } from "./scale-corpus";

/**
 * `pnpm bench:scale [--json] [--sections storage,growth,topology] [--chunks 100000,1000000] [--queries 100]
 *   [--recall-queries 50] [--storage-chunks N] [--reload]`
 *
 * growth: the server at each corpus size (default 100k and 1M chunks, each kept in its own
 *   database `groundwork_scale_<n>` and reused while its fingerprint matches; `--reload` loads
 *   again): p50/p95 of the full hybrid search for callers who see 1 % and 10 % of the corpus, and
 *   recall@10 of the vector leg as the search runs it against an exact scan of the visible rows.
 * storage: on a copy of the smallest size (or --storage-chunks): vector vs halfvec storage and
 *   the full-precision vs binary-quantized HNSW index (re-ranked exactly): index and heap sizes,
 *   recall@10 against exact full-precision search (callers seeing 50 % and 10 %: the HNSW path),
 *   hybrid p95 at 10 %.
 * topology: the figures of evals/src/scale/bench-topology.ts (roles, replica, PgBouncer), when present.
 *
 * Prints a table with the targets beside, and the JSON line last. Measured on a shared 2-core
 * machine: absolute times are rough, ratios more solid.
 */
const targets = { growth_p95_1m_over_100k: 2.5, min_recall_at_10_1m: 0.97 };
const SIZE_LABEL = (n: number) =>
  n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n);
const layouts: (VectorLayout & { key: string })[] = [
  { key: "vector", type: "vector", index: "hnsw" },
  { key: "halfvec", type: "halfvec", index: "hnsw" },
  { key: "binary", type: "vector", index: "binary" },
  { key: "halfvec_binary", type: "halfvec", index: "binary" },
];

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const json = flags.has("json");
  const log = (s: string) => {
    if (!json) console.log(s);
    else console.error(s);
  };
  const sections = new Set(String(flags.get("sections") ?? "storage,growth,topology").split(","));
  const sizes = String(flags.get("chunks") ?? "100000,1000000")
    .split(",")
    .map(Number)
    .filter((x) => Number.isInteger(x) && x > 0)
    .sort((a, b) => a - b);
  if (sizes.length === 0) throw new Error("--chunks needs sizes such as 100000,1000000");
  const perSel = Number(flags.get("queries") ?? 100);
  const recallQueries = Number(flags.get("recall-queries") ?? 50);
  const reason = await serverUnavailableReason();
  if (reason && (sections.has("growth") || sections.has("storage")))
    throw new Error(`bench:scale measures the server: ${reason}`);
  const dimensions = EMBEDDING_DIMENSIONS;
  const space = scaleSpace({ dimensions });
  const embedder = space.embedder(scaleModelId(dimensions));
  const queries = space.queries.slice(0, perSel);
  const rq = space.queries.slice(200, 200 + recallQueries);
  const out: Record<string, unknown> = {};
  const growth: Record<string, unknown> = {};
  const storage: Record<string, unknown> = {};

  if (sections.has("growth")) {
    for (const n of sizes) {
      const label = SIZE_LABEL(n);
      log(`\ngrowth ${label} (${n.toLocaleString("en")} chunks, server):`);
      const sdb = await ensureScaleDatabase({ n, dimensions, reload: flags.has("reload"), log });
      const h = await openScaleDatabase(sdb.url);
      try {
        const sizesMb = await storageSizes({ db: h.db });
        const bySel: Record<string, unknown> = {};
        let minRecall = 1;
        for (const s of [0.01, 0.1]) {
          const principal = selectivityPrincipal(s);
          const timing = await timeHybrid({ db: h.db, embedder, principal, queries });
          const truth = await exactTop({ db: h.db, embedder, principal, queries: rq });
          const { recall, path } = await vectorRecall({ db: h.db, embedder, principal, queries: rq, truth });
          minRecall = Math.min(minRecall, recall);
          bySel[`${s * 100}%`] = { ...timing, recall_at_10: recall, recall_path: path };
          log(
            `  ${`${s * 100}%`.padStart(4)} visible  p50 ${timing.p50_ms.toFixed(1).padStart(6)} ms  p95 ${timing.p95_ms.toFixed(1).padStart(6)} ms  recall@10 ${recall.toFixed(3)} (${path})  mean ${Object.entries(
              timing.mean_ms,
            )
              .map(([k, v]) => `${k.replace("_ms", "")} ${v}`)
              .join(", ")}`,
          );
        }
        log(
          `  sizes: ${Object.entries(sizesMb)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}`,
        );
        growth[label] = {
          chunks: n,
          reused: sdb.reused,
          load_s: round(sdb.loadS),
          index_s: round(sdb.indexS),
          ...sizesMb,
          min_recall_at_10: minRecall,
          by_selectivity: bySel,
        };
        const one = bySel["1%"] as { p95_ms: number };
        out[`search_p95_ms_${label}`] = one.p95_ms;
        out[`min_recall_at_10_${label}`] = minRecall;
      } finally {
        await h.close();
      }
    }
    const a = out.search_p95_ms_100k as number | undefined;
    const b = out.search_p95_ms_1m as number | undefined;
    out.growth_p95_1m_over_100k = a && b ? round(b / a, 2) : null;
  }

  if (sections.has("storage")) {
    const n = Number(flags.get("storage-chunks") ?? sizes[0]);
    const label = SIZE_LABEL(n);
    log(`\nstorage options on a copy of the ${label} corpus (server):`);
    const base = await ensureScaleDatabase({ n, dimensions, reload: false, log });
    const copy = `groundwork_scale_storage`;
    const url = await copyScaleDatabase({ from: base.name, to: copy });
    const h = await openScaleDatabase(url);
    try {
      // Ground truth at full precision, before any layout change.
      const callers = [0.5, 0.1].map((s) => ({ s, principal: selectivityPrincipal(s) }));
      const truth = new Map<number, string[][]>();
      for (const c of callers)
        truth.set(c.s, await exactTop({ db: h.db, embedder, principal: c.principal, queries: rq }));
      for (const layout of layouts) {
        const t0 = performance.now();
        await applyVectorLayout({ db: h.db, layout, maintenanceWorkMem: "2GB" });
        const buildS = round((performance.now() - t0) / 1000);
        const sizesMb = await storageSizes({ db: h.db });
        let minRecall = 1;
        let path = "";
        for (const c of callers) {
          const r = await vectorRecall({
            db: h.db,
            embedder,
            principal: c.principal,
            queries: rq,
            truth: truth.get(c.s)!,
            index: layout.index,
          });
          minRecall = Math.min(minRecall, r.recall);
          path = r.path;
        }
        const timing = await timeHybrid({
          db: h.db,
          embedder,
          principal: callers[1]!.principal,
          queries,
          options: { vectorIndex: layout.index },
        });
        storage[layout.key] = {
          ...layout,
          build_s: buildS,
          ...sizesMb,
          recall_at_10: minRecall,
          recall_path: path,
          ...timing,
        };
        out[`${layout.key}_index_mb`] = sizesMb.hnsw_index_mb;
        out[`${layout.key}_recall_at_10`] = minRecall;
        out[`${layout.key}_p95_ms`] = timing.p95_ms;
        log(
          `  ${layout.key.padEnd(15)} index ${String(sizesMb.hnsw_index_mb).padStart(7)} MB  heap ${String(sizesMb.chunks_heap_mb).padStart(7)} MB  recall@10 ${minRecall.toFixed(3)}  hybrid p95 @10% ${timing.p95_ms.toFixed(1)} ms  (layout change ${buildS} s)`,
        );
      }
    } finally {
      await h.close();
      await dropScaleDatabase(copy);
    }
  }

  let topology: Record<string, unknown> | null = null;
  if (sections.has("topology")) {
    const file = new URL("./bench-topology.ts", import.meta.url);
    if (!fs.existsSync(file)) log("\ntopology: evals/src/scale/bench-topology.ts is not there yet (section skipped)");
    else {
      log("\ntopology:");
      const mod = (await import(file.href)) as Record<string, unknown>;
      const run = Object.values(mod).find(
        (v): v is (o: { log: (s: string) => void }) => Promise<unknown> => typeof v === "function",
      );
      if (!run) throw new Error("bench-topology.ts exports no function");
      topology = (await run({ log })) as Record<string, unknown>;
      Object.assign(out, topology);
    }
  }

  if (!json) {
    console.log(`\n${"headline".padEnd(30)} ${"value".padStart(9)}   target`);
    for (const [k, v] of Object.entries(out)) {
      const goal = targets[k as keyof typeof targets];
      const shown = typeof v === "number" || typeof v === "string" || v === null ? String(v ?? "-") : JSON.stringify(v);
      console.log(
        `${k.padEnd(30)} ${shown.padStart(9)}   ${goal === undefined ? "" : k.startsWith("min_recall") ? `≥ ${goal}` : `≤ ${goal}`}`,
      );
    }
  }
  console.log(JSON.stringify({ ...out, dimensions, growth, storage, topology, targets }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
