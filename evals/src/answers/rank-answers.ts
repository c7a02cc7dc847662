import fs from "node:fs";
import path from "node:path";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { documents } from "@groundwork/db/schema";
import { searchChunks, type SearchResponse } from "@groundwork/retrieval";
import {
  composeExtractive,
  decideAnswer,
  PASSAGE_POOL,
  questionTerms,
  rankPassages,
  readAssistantEnv,
  TYPE_EVIDENCE,
} from "@groundwork/assistant/replay";
import { defaultCorpusDir, defaultGoldenSet, loadSampleCorpus, repoRoot } from "./load-sample-corpus";

/**
 * `tsx src/answers/rank-answers.ts --dump pool.json` then
 * `tsx src/answers/rank-answers.ts --from pool.json [--base] [--weight w] [--pool n] [--verbose]`
 * Tuning halves only (held-out questions are never read). The dump holds each tuning question's
 * candidate pool as the assistant retrieves it (`PASSAGE_POOL` fused candidates, no reranker).
 * The replay orders it (`rankPassages` with the given evidence weight, or `--base`: fused order),
 * answers offline, and counts per answerable question where the first passage from an expected
 * document holding every mustContain phrase sits — within the six numbered sources or not — and
 * whether the answer is correct: a miss whose answer is outside the six is retrieval's, one
 * inside is the answer layer's. Out-of-scope questions: how many are declined.
 */
const splitOf = (g: { id: string; split?: "tune" | "heldout" }) =>
  g.split ?? (Number(/\d+/.exec(g.id)?.[0] ?? 0) % 2 === 1 ? "tune" : "heldout");
const arg = (n: string) => (process.argv.includes(n) ? process.argv[process.argv.indexOf(n) + 1] : undefined);

type Q = {
  id: string;
  question: string;
  asUser: string;
  expect: string;
  expectedDocuments: string[];
  mustContain?: string[];
  split?: "tune" | "heldout";
};
type Dumped = Q & {
  search: Omit<SearchResponse, "wordStats"> & { wordStats: Array<[string, number | null]> };
  paths: Record<string, string>;
};

async function dump(file: string) {
  const sets = [
    { name: "golden", corpusDir: defaultCorpusDir, q: defaultGoldenSet },
    { name: "everyday", corpusDir: defaultCorpusDir, q: path.join(repoRoot, "ingest/corpus/everyday-set.json") },
  ];
  const evalsets = path.join(repoRoot, "ingest/corpus/evalsets");
  for (const name of fs.existsSync(evalsets) ? fs.readdirSync(evalsets).sort() : []) {
    const q = path.join(evalsets, name, "questions.json");
    if (fs.existsSync(q)) sets.push({ name, corpusDir: path.join(evalsets, name), q });
  }
  const all: Record<string, Dumped[]> = {};
  for (const set of sets) {
    const qs = (JSON.parse(fs.readFileSync(set.q, "utf8")) as Q[]).filter((g) => splitOf(g) === "tune");
    const loaded = await loadSampleCorpus({ corpusDir: set.corpusDir });
    try {
      const db = loaded.db.db;
      const docRows = await db.select({ id: documents.id, path: documents.path }).from(documents);
      const paths = Object.fromEntries(docRows.map((d) => [d.id, d.path]));
      const out: Dumped[] = (all[set.name] = []);
      for (const g of qs) {
        const principal = await resolvePrincipal({ db, username: g.asUser });
        // As retrievePassages asks without a reranker.
        const search = await searchChunks({
          db,
          principal,
          query: g.question,
          limit: PASSAGE_POOL,
          reranker: null,
          options: { depth: 40, termStats: true, wordStats: questionTerms(g.question).flatMap((q) => q.words) },
        });
        out.push({ ...g, search: { ...search, wordStats: [...search.wordStats] }, paths });
      }
    } finally {
      await loaded.db.dispose();
    }
  }
  fs.writeFileSync(file, JSON.stringify(all));
}

function replay(file: string) {
  const env = readAssistantEnv({});
  const verbose = process.argv.includes("--verbose");
  const base = process.argv.includes("--base");
  const weight = Number(arg("--weight") ?? TYPE_EVIDENCE);
  const pool = Number(arg("--pool") ?? PASSAGE_POOL);
  const shown = env.GROUNDWORK_ANSWER_SOURCES;
  const keep = Math.max(shown, 10);
  const dumped = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Dumped[]>;
  for (const [set, qs] of Object.entries(dumped)) {
    const buckets: Record<string, number> = {};
    let oos = 0;
    let oosDeclined = 0;
    for (const g of qs) {
      const full: SearchResponse = {
        ...g.search,
        results: g.search.results.slice(0, pool),
        wordStats: new Map(g.search.wordStats),
      };
      const order = base ? full.results : rankPassages({ search: full, query: g.question, keep: pool, weight }).results;
      const search = { ...full, results: order.slice(0, keep) };
      const decided = decideAnswer({ search, env });
      const text = decided.answerable
        ? composeExtractive({
            question: g.question,
            prepared: { ...decided, condensed: { query: search.searchedQuery }, search },
            allowedHosts: [],
          }).text
        : "";
      if (g.expect !== "answer") {
        oos++;
        if (!text) oosDeclined++;
        continue;
      }
      const must = (g.mustContain ?? []).map((m) => m.toLowerCase());
      const pathOf = (id: string) => g.paths[id] ?? "";
      const expected = (id: string) => g.expectedDocuments.length === 0 || g.expectedDocuments.includes(pathOf(id));
      const ranks = must.map(
        (m) => order.findIndex((r) => expected(r.documentId) && r.text.toLowerCase().includes(m)) + 1,
      );
      const rank = ranks.some((r) => r === 0) ? 0 : Math.max(0, ...ranks);
      const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))].map((n) =>
        pathOf(decided.sources[n - 1]?.documentId ?? ""),
      );
      const correct =
        text.length > 0 &&
        (g.expectedDocuments.length === 0 || g.expectedDocuments.some((d) => cited.includes(d))) &&
        must.every((m) => text.toLowerCase().includes(m));
      const where = rank === 0 ? `beyond ${pool}` : rank <= shown ? `top ${shown}` : `${shown + 1}-${pool}`;
      const key = `${correct ? "correct" : "miss"}, answer ${where}`;
      buckets[key] = (buckets[key] ?? 0) + 1;
      if (verbose && !correct)
        console.log(`${set}/${g.id} miss rank ${rank || "-"}${text ? "" : " (declined)"}: ${g.question}`);
    }
    const answerable = qs.length - oos;
    const correct = Object.entries(buckets)
      .filter(([k]) => k.startsWith("correct"))
      .reduce((s, [, v]) => s + v, 0);
    console.log(
      `${set}: correct ${correct}/${answerable}, out-of-scope declined ${oosDeclined}/${oos}; ${JSON.stringify(buckets)}`,
    );
  }
}

const dumpTo = arg("--dump");
const from = arg("--from");
if (dumpTo) await dump(dumpTo);
else if (from) replay(from);
else
  throw new Error(
    "usage: rank-answers.ts --dump pool.json | --from pool.json [--base] [--weight w] [--pool n] [--verbose]",
  );
