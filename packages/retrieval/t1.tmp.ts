import { openDatabase } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { searchChunks } from "./src/search-chunks";
import { evalPrincipal } from "./src/eval/evaluate-beir";
const h = await openDatabase({ env: { ...readDbEnv({}), DATABASE_URL: "postgres://postgres@127.0.0.1:5432/gw_tune" } });
const p = evalPrincipal();
for (const q of ["0-dimensional biomaterials show inductive properties.", "ALDH1 expression is associated with poorer prognosis for breast cancer primary tumors.", "A high microerythrocyte count raises vulnerability to severe anemia in homozygous alpha (+)- thalassemia trait subjects."]) {
  for (let i = 0; i < 2; i++) { const r = await searchChunks({ db: h.db, principal: p, query: q, limit: 100, reranker: null, options: { idsOnly: true } }); console.log(JSON.stringify(r.timings)); }
}
await h.close();
