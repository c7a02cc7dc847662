import { openDatabase } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { sql } from "drizzle-orm";
import { loadBeirDataset } from "./src/eval/beir-dataset";
import { evaluateBeir } from "./src/eval/evaluate-beir";
const h = await openDatabase({ env: { ...readDbEnv({}), DATABASE_URL: "postgres://postgres@127.0.0.1:5432/gw_tune" } });
const ds = loadBeirDataset({ dir: "/work/shared/datasets/scifact" });
const r = await h.db.execute<{ id: string; e: string }>(sql`select id, external_id as e from documents`);
const map = new Map(r.rows.map((x) => [x.id, x.e]));
const embedder = createHashEmbedder({ dimensions: 384 });
const configs = JSON.parse(process.argv[2] ?? "[{}]");
for (const c of configs) {
  const m = await evaluateBeir({ db: h.db, dataset: ds, idByDocument: map, embedder, options: c });
  console.log(JSON.stringify(c), m.ndcg_at_10.toFixed(4), m.recall_at_100.toFixed(4), m.mrr_at_10.toFixed(4), m.ms_per_query.toFixed(1));
}
await h.close();
