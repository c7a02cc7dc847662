import { createTestDatabase, serverUnavailableReason, type TestTarget } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { loadBeirDataset } from "./beir-dataset";
import { evaluateBeir, ingestBeirCorpus, type BeirMetrics } from "./evaluate-beir";
import type { SearchOptions } from "@groundwork/retrieval";
import { parseArgs, userPath } from "@groundwork/core/cli-args";

/**
 * `pnpm eval:retrieval --dataset ../shared/datasets/scifact [--json] [--target embedded|server] [--queries N]`
 * Loads a BEIR dataset into a scratch database and scores the default search stack, plus each
 * leg alone, beside the published figures.
 */
const published: [string, number][] = [
  ["BM25 (Lucene, published)", 0.679],
  ["all-MiniLM-L6-v2 (published)", 0.645],
  ["bge-small-en-v1.5 (published)", 0.713],
];

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const datasetFlag = flags.get("dataset");
  if (typeof datasetFlag !== "string")
    throw new Error("usage: pnpm eval:retrieval --dataset <BEIR folder> [--json] [--target embedded|server]");
  const json = flags.has("json");
  const targetFlag = flags.get("target");
  const target: TestTarget = targetFlag === "server" || targetFlag === "embedded" ? targetFlag : "embedded";
  if (target === "server") {
    const reason = await serverUnavailableReason();
    if (reason) throw new Error(reason);
  }
  const queryLimit = typeof flags.get("queries") === "string" ? Number(flags.get("queries")) : undefined;
  const dataset = loadBeirDataset({ dir: userPath(datasetFlag) });
  const embedder = createHashEmbedder();
  const log = (s: string) => {
    if (!json) console.log(s);
  };
  log(
    `dataset: ${dataset.corpus.length} documents, ${dataset.queries.length} queries with judgments; target: ${target}`,
  );
  const db = await createTestDatabase({ target });
  try {
    const t = performance.now();
    const idByDocument = await ingestBeirCorpus({ db: db.db, corpus: dataset.corpus, embedder });
    log(`ingested in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const configs: [string, SearchOptions | undefined][] = [
      ["groundwork hybrid (default)", undefined],
      // Typo correction (default on) and WordNet expansion (default off) act only on words no
      // visible chunk holds; both are measured against the default.
      ["  without typo correction", { correct: false }],
      ["  with WordNet expansion", { expand: true }],
      ["  lexical leg alone (SQL BM25)", { legs: { vector: false } }],
      [`  vector leg alone (${embedder.modelId}, HNSW)`, { legs: { lexical: false } }],
    ];
    const rows: [string, BeirMetrics][] = [];
    for (const [name, options] of flags.has("default-only") ? configs.slice(0, 3) : configs) {
      rows.push([name, await evaluateBeir({ db: db.db, dataset, idByDocument, embedder, options, queryLimit })]);
    }
    const main = rows[0]![1];
    if (!json) {
      const pad = (s: string, n: number) => s.padEnd(n);
      console.log(`\n${pad("system", 44)}  nDCG@10  recall@100  MRR@10  ms/query`);
      for (const [name, m] of rows) {
        console.log(
          `${pad(name, 44)}  ${m.ndcg_at_10.toFixed(3).padStart(7)}  ${m.recall_at_100.toFixed(3).padStart(10)}  ${m.mrr_at_10.toFixed(3).padStart(6)}  ${m.ms_per_query.toFixed(1).padStart(8)}`,
        );
      }
      for (const [name, v] of published) console.log(`${pad(name, 44)}  ${v.toFixed(3).padStart(7)}`);
      console.log(
        `\ntarget nDCG@10 ≥ 0.70 (floor 0.67): ${main.ndcg_at_10 >= 0.7 ? "met" : main.ndcg_at_10 >= 0.67 ? "floor met, target missed" : "BELOW FLOOR"}`,
      );
    }
    console.log(
      JSON.stringify({
        dataset: datasetFlag,
        target,
        queries: main.queries,
        ndcg_at_10: round(main.ndcg_at_10),
        recall_at_100: round(main.recall_at_100),
        mrr_at_10: round(main.mrr_at_10),
        ms_per_query: round(main.ms_per_query),
        legs: Object.fromEntries(
          rows
            .slice(1)
            .map(([name, m]) => [
              name.trim(),
              { ndcg_at_10: round(m.ndcg_at_10), recall_at_100: round(m.recall_at_100), mrr_at_10: round(m.mrr_at_10) },
            ]),
        ),
        published: Object.fromEntries(published),
      }),
    );
  } finally {
    await db.dispose();
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
