import fs from "node:fs";
import { composeExtractive, decideAnswer, readAssistantEnv } from "@groundwork/assistant/replay";
import type { DumpedQuestion } from "./eval-answers";

/**
 * `tsx src/answers/replay-answers.ts dump.json [--verbose] [--env KEY=value,…]`
 * Re-runs the offline answer layer (answerability decision and extractive composition) on the
 * search responses `eval:answers --dump` wrote, without re-ingesting: a change to the answer
 * layer is measured in seconds. Retrieval is frozen, so the figures are those of the dump's
 * questions only (dump with `--split tune` to tune on the tuning half alone). Correct = answered,
 * cites an expected document and contains every expected phrase, as in eval:answers.
 */
const file = process.argv[2];
if (!file) throw new Error("usage: replay-answers.ts dump.json [--verbose] [--env K=v,…]");
const verbose = process.argv.includes("--verbose");
const envArg = process.argv.indexOf("--env");
const overrides =
  envArg >= 0
    ? Object.fromEntries(process.argv[envArg + 1]!.split(",").map((kv) => kv.split("=") as [string, string]))
    : {};
const env = readAssistantEnv(overrides);
const dumped = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, DumpedQuestion[]>;

const r = (a: number, b: number) => (b ? (a / b).toFixed(3) : "–");
const totals = { tune: 0, heldout: 0 };
for (const [set, all] of Object.entries(dumped))
  for (const half of ["tune", "heldout"] as const) {
    const questions = all.filter((q) => q.split === half);
    let answerable = 0;
    let correct = 0;
    let falseDecline = 0;
    let oos = 0;
    let oosDeclined = 0;
    for (const q of questions) {
      const search = { ...q.search, wordStats: new Map(q.search.wordStats) };
      const decided = decideAnswer({ search, env });
      let answered = false;
      let text = "";
      if (decided.answerable) {
        const ex = composeExtractive({
          question: q.question,
          prepared: { ...decided, condensed: { query: search.searchedQuery }, search },
          allowedHosts: [],
        });
        text = ex.text;
        answered = ex.text.length > 0;
      }
      const cited = [...new Set([...text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])))]
        .map((n) => decided.sources[n - 1]?.documentId)
        .map((id) => (id ? (q.documentPaths[id] ?? id) : ""));
      let ok: boolean;
      if (q.expect === "answer") {
        answerable++;
        const hit = q.expectedDocuments.length === 0 || q.expectedDocuments.some((d) => cited.includes(d));
        const must = (q.mustContain ?? []).every((m) => text.toLowerCase().includes(m.toLowerCase()));
        ok = answered && hit && must;
        if (ok) correct++;
        if (!answered) falseDecline++;
      } else {
        oos++;
        ok = !answered;
        if (ok) oosDeclined++;
      }
      const a = decided.answerability;
      // Held-out misses are never printed: a change steered by them is no longer measured by them.
      if (verbose && !ok && half === "tune")
        console.log(
          `${set}/${q.id} ${q.expect} ${answered ? decided.confidence : "declined"} cov ${a.coverage.toFixed(2)} foc ${a.focus.toFixed(2)}: ${q.question}\n   terms ${a.terms.map((t) => `${t.term}:${t.weight.toFixed(1)}${t.unknown ? "?" : ""}`).join(" ")}\n   → ${text.replace(/\s+/g, " ").slice(0, 240)}`,
        );
    }
    totals[half] += (answerable ? correct / answerable : 0) + (oos ? oosDeclined / oos : 0);
    console.log(
      `${set} ${half}: correct ${r(correct, answerable)} false-decline ${r(falseDecline, answerable)} oos-declined ${r(oosDeclined, oos)} (${answerable} answerable, ${oos} out of scope)`,
    );
  }
console.log(
  `sum over sets of correct + out-of-scope declined: tune ${totals.tune.toFixed(3)}, heldout ${totals.heldout.toFixed(3)}`,
);
