import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { loadBeirDataset, type BeirDataset } from "./beir-dataset";
import { evaluateBeir, ingestBeirCorpus } from "./evaluate-beir";
import { mrrAt, ndcgAt, recallAt } from "./retrieval-metrics";

/**
 * The quick CI slice of `pnpm eval:retrieval`: 60 SciFact test queries over their judged
 * abstracts plus 1,000 distractors. The full run (300 queries, 5,183 abstracts) is the real
 * measurement; this guards against a ranking regression with a floor.
 */
// The repo's sibling folder shared/ (laid beside every clone, CI included), or SCIFACT_DIR.
const datasetDir = [
  process.env.SCIFACT_DIR ?? "",
  path.resolve(import.meta.dirname, "../../../../shared/datasets/scifact"),
].find((d) => d !== "" && fs.existsSync(path.join(d, "queries.jsonl")));
// CI lays shared/ beside the clone: there a missing dataset is an error, not a skip.
if (!datasetDir && process.env.CI)
  throw new Error("SciFact dataset not found beside the repo (shared/datasets/scifact) or in SCIFACT_DIR");
// The full run scores 0.70; this slice is easier (fewer distractors). ts_rank-level ranking lands near 0.6 here.
const FLOOR = 0.8;

function subset(full: BeirDataset, queries: number, distractors: number): BeirDataset {
  const qs = full.queries.slice(0, queries);
  const judged = new Set(qs.flatMap((q) => [...(full.qrels.get(q.id)?.keys() ?? [])]));
  const corpus = [
    ...full.corpus.filter((d) => judged.has(d.id)),
    ...full.corpus.filter((d) => !judged.has(d.id)).slice(0, distractors),
  ];
  return { corpus, queries: qs, qrels: full.qrels };
}

describe("retrieval metrics", () => {
  it("match hand-computed values", () => {
    const rel = new Map([
      ["a", 1],
      ["b", 1],
    ]);
    expect(ndcgAt(10, ["a", "b"], rel)).toBeCloseTo(1);
    expect(ndcgAt(10, ["x", "a"], rel)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)));
    expect(recallAt(1, ["a", "b"], rel)).toBe(0.5);
    expect(mrrAt(10, ["x", "y", "b"], rel)).toBeCloseTo(1 / 3);
    expect(mrrAt(2, ["x", "y", "b"], rel)).toBe(0);
  });
});

describe.skipIf(!datasetDir).each(await availableTargets())("SciFact subset on %s", (target) => {
  let t: TestDatabase;
  let data: BeirDataset;
  let ids: Map<string, string>;
  const embedder = createHashEmbedder();

  beforeAll(async () => {
    data = subset(loadBeirDataset({ dir: datasetDir! }), 60, 1_000);
    t = await createTestDatabase({ target });
    ids = await ingestBeirCorpus({ db: t.db, corpus: data.corpus, embedder });
  }, 300_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it("hybrid search clears the nDCG@10 floor and beats its lexical leg alone", async () => {
    const hybrid = await evaluateBeir({ db: t.db, dataset: data, idByDocument: ids, embedder });
    const lexical = await evaluateBeir({
      db: t.db,
      dataset: data,
      idByDocument: ids,
      embedder,
      options: { legs: { vector: false } },
    });
    console.log(
      `[scifact subset ${target}] hybrid nDCG@10 ${hybrid.ndcg_at_10.toFixed(3)} recall@100 ${hybrid.recall_at_100.toFixed(3)}; lexical ${lexical.ndcg_at_10.toFixed(3)}`,
    );
    expect(hybrid.queries).toBe(60);
    expect(hybrid.ndcg_at_10).toBeGreaterThanOrEqual(FLOOR);
    expect(hybrid.recall_at_100).toBeGreaterThanOrEqual(0.9);
    expect(hybrid.ndcg_at_10).toBeGreaterThanOrEqual(lexical.ndcg_at_10 - 0.01);
  }, 300_000);
});
