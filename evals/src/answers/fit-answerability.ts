import fs from "node:fs";
import path from "node:path";
import {
  answerabilityFeatures,
  answerProbability,
  checkAnswerability,
  FEATURE_NAMES,
  fitLogistic,
  type FeatureName,
} from "@groundwork/assistant/replay";
import type { DumpedQuestion } from "./eval-answers";
import { repoRoot } from "./load-sample-corpus";

/**
 * `tsx src/answers/fit-answerability.ts dump.json [--write] [--features a,b,…]`
 * Refits the answerability model (packages/assistant/src/answerability-model.ts) on the TUNING
 * halves of a dump `eval:answers --dump` wrote: computes each tuning question's features from its
 * recorded search response, fits the L2-penalised logistic regression, and prints the constants
 * to paste into ANSWERABILITY_MODEL with a leave-one-out check of how well the features separate
 * answerable from to-decline questions. `--write` stores the features (numbers, labels and
 * question ids only) as packages/assistant/src/answerability-tune-features.json, from which the
 * unit test refits the same constants. `--features` fits another subset of the features (default
 * FEATURE_NAMES), to compare candidates on the tuning halves. Held-out questions are never read.
 */
const file = process.argv[2];
if (!file) throw new Error("usage: fit-answerability.ts dump.json [--write]");
const dumped = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, DumpedQuestion[]>;

const tune: Array<{ set: string; id: string; label: number; features: ReturnType<typeof answerabilityFeatures> }> = [];
for (const [set, questions] of Object.entries(dumped))
  for (const q of questions) {
    if (q.split !== "tune") continue;
    const search = { ...q.search, wordStats: new Map(q.search.wordStats) };
    const answerability = checkAnswerability({
      query: search.searchedQuery,
      results: search.results,
      rarity: { chunkCount: search.chunkCount, df: search.wordStats },
      expansions: search.expansions,
    });
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    const f = answerabilityFeatures({
      results: search.results,
      answerability,
      documentChunks: search.documentChunks,
      chunkCount: search.chunkCount,
    });
    const features = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, round(v)])) as typeof f;
    tune.push({ set, id: q.id, label: q.expect === "answer" ? 1 : 0, features });
  }

const featuresArg = process.argv.indexOf("--features");
const features = (featuresArg >= 0 ? process.argv[featuresArg + 1]!.split(",") : [...FEATURE_NAMES]) as FeatureName[];
const fit = (rows: typeof tune) =>
  fitLogistic({ rows: rows.map((t) => t.features), labels: rows.map((t) => t.label), features });
const model = fit(tune);
const r6 = (x: number) => Number(x.toPrecision(6));
console.log(`fitted on ${tune.length} tuning questions (${tune.filter((t) => t.label).length} answerable):`);
console.log(
  JSON.stringify(
    {
      features,
      mean: model.mean.map(r6),
      sd: model.sd.map(r6),
      intercept: r6(model.intercept),
      coefficients: model.coefficients.map(r6),
    },
    null,
    2,
  ),
);
console.log(features.map((n, i) => `${n} ${model.coefficients[i]!.toFixed(3)}`).join(", "));

// Leave-one-out: each tuning question scored by a model fitted without it.
const loo = tune.map((t, i) => {
  const rest = tune.filter((_, j) => j !== i);
  const m = fit(rest);
  return { ...t, p: answerProbability(t.features, m) };
});
for (const at of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const pos = loo.filter((x) => x.label === 1);
  const neg = loo.filter((x) => x.label === 0);
  const fd = pos.filter((x) => x.p < at).length / pos.length;
  const oos = neg.filter((x) => x.p < at).length / neg.length;
  console.log(
    `leave-one-out, decline below ${at}: false declines ${fd.toFixed(3)}, to-decline declined ${oos.toFixed(3)}`,
  );
}
// Leave one set out: fitted, and its decline threshold chosen, on two sets' tuning halves, then
// scored on the third's — whether the model carries over to a corpus it was not fitted on.
const setNames = [...new Set(tune.map((t) => t.set))];
const rateOf = (xs: typeof loo, at: number) => {
  const pos = xs.filter((x) => x.label === 1);
  const neg = xs.filter((x) => x.label === 0);
  return {
    answered: pos.length ? pos.filter((x) => x.p >= at).length / pos.length : 1,
    declined: neg.length ? neg.filter((x) => x.p < at).length / neg.length : 1,
  };
};
let carried = 0;
for (const held of setNames) {
  const train = tune.filter((t) => t.set !== held);
  const m = fit(train);
  const scored = tune.map((t) => ({ ...t, p: answerProbability(t.features, m) }));
  let best = { at: 0.5, score: -Infinity };
  for (let at = 0.2; at <= 0.9001; at += 0.01) {
    const score = setNames
      .filter((s) => s !== held)
      .reduce((sum, s) => {
        const r = rateOf(
          scored.filter((x) => x.set === s),
          at,
        );
        return sum + r.answered + r.declined;
      }, 0);
    if (score > best.score) best = { at, score };
  }
  const r = rateOf(
    scored.filter((x) => x.set === held),
    best.at,
  );
  carried += r.answered + r.declined;
  console.log(
    `left out ${held}: decline below ${best.at.toFixed(2)} → answerable answered ${r.answered.toFixed(3)}, to-decline declined ${r.declined.toFixed(3)}`,
  );
}
console.log(`left-out sets, sum of answered + declined: ${carried.toFixed(3)} (of ${setNames.length * 2})`);

if (process.argv.includes("--write")) {
  const out = path.join(repoRoot, "packages/assistant/src/answerability-tune-features.json");
  fs.writeFileSync(out, `${JSON.stringify(tune, null, 1)}\n`);
  console.log(`wrote ${path.relative(repoRoot, out)}`);
}
