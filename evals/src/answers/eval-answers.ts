import fs from "node:fs";
import { z } from "zod";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { documents } from "@groundwork/db/schema";
import { createChatModelFromConfig, type ChatModel } from "@groundwork/models/chat";
import { startFakeOpenAI, type FakeReplyInput } from "@groundwork/models/testing";
import { searchChunks, type SearchResponse } from "@groundwork/retrieval";
import path from "node:path";
import { answerOnce, readAssistantEnv, type PreparedAnswer } from "@groundwork/assistant";
import { defaultCorpusDir, defaultGoldenSet, loadSampleCorpus, percentile, repoRoot } from "./load-sample-corpus";

/**
 * `pnpm eval:answers [--json] [--set name,…] [--golden file --corpus dir] [--target embedded|server] [--mode extractive|openai_compatible] [--split tune|heldout] [--verbose] [--dump file.json]`
 * For each evaluation set (a corpus folder and its questions) ingests the corpus into a scratch
 * database, asks every question as its user — once with the extractive default, once against
 * the OpenAI-compatible test server — and reports, for the tuning half, the held-out half and
 * both: correct answers, false declines, out-of-scope declines, citation precision and recall,
 * the right page in retrieval's top 3 / top 10 and among the citations, leaks and latency.
 * Sets: `golden` and `everyday` (the Quillfeather sample corpus), and every folder under
 * ingest/corpus/evalsets/ that holds a questions.json (company PDFs written for evaluation).
 * `--split tune` asks only the tuning half; `--verbose` prints, per tuning-half miss, the
 * question, the expected phrases, the answer and the top passages (never the held-out misses:
 * a change steered by them is no longer measured by them); `--dump` writes each question's
 * search response so `replay-answers.ts` can re-run the answer layer without re-ingesting.
 */
const goldenSchema = z.array(
  z.object({
    id: z.string(),
    question: z.string().min(1),
    asUser: z.string().min(1),
    expect: z.enum(["answer", "decline"]),
    expectedDocuments: z.array(z.string()).default([]),
    mustContain: z.array(z.string()).optional(),
    /** Pages (1-based) where the answer is stated, for PDF corpora. */
    expectedPages: z.array(z.object({ document: z.string(), pages: z.array(z.number().int().min(1)) })).optional(),
    category: z.string().optional(),
    /** Which half: thresholds are chosen on "tune" only; "heldout" is the check. Absent: odd ids tune. */
    split: z.enum(["tune", "heldout"]).optional(),
  }),
);

type Golden = z.infer<typeof goldenSchema>[number];

/**
 * The test server's stand-in for a grounded model: from the prompt alone, it answers with the
 * two source sentences sharing the most words with the question, citing their numbers, or
 * declines when none do. It exercises numbering, citation resolution and verification end to
 * end; it is not a language model and says nothing about one.
 */
function groundedReply({ messages }: FakeReplyInput): string {
  const prompt = messages.map((m) => m.content).join("\n");
  const question = /Question: (.*)$/m.exec(prompt)?.[1] ?? "";
  const words = (t: string) =>
    new Set((t.toLowerCase().match(/[a-z0-9$%.]{4,}/g) ?? []).map((w) => w.replace(/\.$/, "")));
  const q = words(question);
  const scored: Array<{ n: number; sentence: string; score: number }> = [];
  for (const m of prompt.matchAll(/<source id="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)) {
    for (const sentence of m[2]!.split(/(?<=[.!?])\s+|\n+/)) {
      const w = words(sentence);
      const score = [...q].filter((x) => w.has(x)).length + (/\d/.test(sentence) ? 0.5 : 0);
      if (sentence.trim().length > 20) scored.push({ n: Number(m[1]), sentence: sentence.trim(), score });
    }
  }
  const top = scored
    .sort((a, b) => b.score - a.score || a.n - b.n)
    .slice(0, 2)
    .filter((s) => s.score >= 1);
  if (top.length === 0) return "I couldn't find this in the documents you can access.";
  return top.map((s) => `${s.sentence.replace(/[.!?]?$/, "")} [${s.n}].`).join(" ");
}

type Outcome = {
  id: string;
  split: "tune" | "heldout";
  expect: Golden["expect"];
  answered: boolean;
  /** Answered offline as "closest match" (a near miss shown as such) rather than as an answer. */
  closest: boolean;
  mode: string;
  cited: string[];
  precisionHits: number;
  recall: number | null;
  /** At least one expected document cited (each expected document answers on its own). */
  anyHit: boolean | null;
  mustContainOk: boolean | null;
  /** Answered, cites an expected document and contains every expected phrase. */
  correct: boolean | null;
  /** A ground-truth page among retrieval's top 3 / top 10 passages, and among the citations. */
  pageTop3: boolean | null;
  pageTop10: boolean | null;
  citesPage: boolean | null;
  leaks: string[];
  totalMs: number;
  beforeFirstTokenMs: number;
  flagged: number;
};

type Summary = {
  questions: number;
  correct_rate: number;
  false_decline_rate: number;
  out_of_scope_decline_rate: number;
  /** Out-of-scope questions declined, or shown only as a labelled closest match. */
  out_of_scope_declined_or_closest_rate: number;
  /** Answers (of all answered) shown as a closest match. */
  closest_rate: number;
  citation_precision: number;
  expected_doc_recall: number;
  expected_doc_any_hit_rate: number;
  abstention_accuracy: number;
  must_contain_rate: number;
  page_top3: number | null;
  page_top10: number | null;
  cites_page_rate: number | null;
  leaks: number;
  flagged_sentences: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
  before_first_token_p95_ms: number;
};

type ModeReport = Summary & { tune: Summary; heldout: Summary; failures: Array<{ id: string; why: string }> };

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const rate = (xs: Array<boolean | null>): number | null => {
  const known = xs.filter((x): x is boolean => x !== null);
  return known.length ? round3(known.filter(Boolean).length / known.length) : null;
};

function summarizeOutcomes(outcomes: Outcome[]): Summary {
  const answeredExpected = outcomes.filter((o) => o.answered);
  const citedTotal = answeredExpected.reduce((s, o) => s + o.cited.length, 0);
  const precisionHits = answeredExpected.reduce((s, o) => s + o.precisionHits, 0);
  const recalls = outcomes.filter((o) => o.recall !== null).map((o) => o.recall!);
  const answerable = outcomes.filter((o) => o.expect === "answer");
  const declines = outcomes.filter((o) => o.expect === "decline");
  return {
    questions: outcomes.length,
    correct_rate: rate(answerable.map((o) => o.correct ?? (o.answered && o.anyHit !== false))) ?? 0,
    false_decline_rate: answerable.length
      ? round3(answerable.filter((o) => !o.answered).length / answerable.length)
      : 0,
    out_of_scope_decline_rate: declines.length
      ? round3(declines.filter((o) => !o.answered).length / declines.length)
      : 1,
    out_of_scope_declined_or_closest_rate: declines.length
      ? round3(declines.filter((o) => !o.answered || o.closest).length / declines.length)
      : 1,
    closest_rate: answeredExpected.length
      ? round3(answeredExpected.filter((o) => o.closest).length / answeredExpected.length)
      : 0,
    citation_precision: round3(citedTotal ? precisionHits / citedTotal : 0),
    expected_doc_recall: round3(recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0),
    expected_doc_any_hit_rate: rate(outcomes.map((o) => o.anyHit)) ?? 0,
    abstention_accuracy: round3(
      outcomes.filter((o) => (o.expect === "decline") === !o.answered).length / Math.max(outcomes.length, 1),
    ),
    must_contain_rate: rate(outcomes.map((o) => o.mustContainOk)) ?? 1,
    page_top3: rate(outcomes.map((o) => o.pageTop3)),
    page_top10: rate(outcomes.map((o) => o.pageTop10)),
    cites_page_rate: rate(outcomes.map((o) => o.citesPage)),
    leaks: outcomes.reduce((s, o) => s + o.leaks.length, 0),
    flagged_sentences: outcomes.reduce((s, o) => s + o.flagged, 0),
    latency_p50_ms: percentile(
      outcomes.map((o) => o.totalMs),
      50,
    ),
    latency_p95_ms: percentile(
      outcomes.map((o) => o.totalMs),
      95,
    ),
    before_first_token_p95_ms: percentile(
      outcomes.map((o) => o.beforeFirstTokenMs),
      95,
    ),
  };
}

function summarize(outcomes: Outcome[]): ModeReport {
  const failures: ModeReport["failures"] = [];
  for (const o of outcomes) {
    if (o.leaks.length) failures.push({ id: o.id, why: `LEAK ${o.leaks.join(", ")}` });
    else if ((o.expect === "decline") !== !o.answered)
      failures.push({
        id: o.id,
        why: o.expect === "decline" ? `answered (${o.mode}) but should decline` : "declined but should answer",
      });
    else if (o.anyHit === false) failures.push({ id: o.id, why: `cited ${o.cited.join(", ") || "nothing"}` });
    else if (o.mustContainOk === false) failures.push({ id: o.id, why: "missing an expected phrase" });
  }
  return {
    ...summarizeOutcomes(outcomes),
    tune: summarizeOutcomes(outcomes.filter((o) => o.split === "tune")),
    heldout: summarizeOutcomes(outcomes.filter((o) => o.split === "heldout")),
    failures,
  };
}

type EvalSet = { name: string; corpusDir: string; questionsPath: string };

export type Split = "tune" | "heldout";

/** A question's half: its own `split`, else odd ids tune. */
export const splitOf = (g: { id: string; split?: Split }): Split =>
  g.split ?? (Number(/\d+/.exec(g.id)?.[0] ?? 0) % 2 === 1 ? "tune" : "heldout");

/** What `--dump` writes per question: enough to replay the answer layer on the same passages. */
export type DumpedQuestion = Golden & {
  split: Split;
  search: Omit<SearchResponse, "wordStats"> & { wordStats: Array<[string, number | null]> };
  documentPaths: Record<string, string>;
};

const clip = (t: string, n: number) => (t.length > n ? `${t.slice(0, n)}…` : t).replace(/\s+/g, " ");

/** The sets `pnpm eval:answers` runs by default: the sample corpus's two, then every evalsets/ corpus. */
function defaultSets(): EvalSet[] {
  const sets: EvalSet[] = [
    { name: "golden", corpusDir: defaultCorpusDir, questionsPath: defaultGoldenSet },
    {
      name: "everyday",
      corpusDir: defaultCorpusDir,
      questionsPath: path.join(repoRoot, "ingest/corpus/everyday-set.json"),
    },
  ];
  const evalsets = path.join(repoRoot, "ingest/corpus/evalsets");
  if (fs.existsSync(evalsets)) {
    for (const name of fs.readdirSync(evalsets).sort()) {
      const questionsPath = path.join(evalsets, name, "questions.json");
      if (fs.existsSync(questionsPath)) sets.push({ name, corpusDir: path.join(evalsets, name), questionsPath });
    }
  }
  return sets;
}

const onPage = (pageFrom: number | null, pageTo: number | null, pages: number[]) =>
  pageFrom !== null && pages.some((p) => p >= pageFrom && p <= (pageTo ?? pageFrom));

async function runSet({
  set,
  target,
  modeNames,
  say,
  split,
  verbose,
  dump,
}: {
  set: EvalSet;
  target: "embedded" | "server";
  modeNames: string[];
  say: (s: string) => void;
  split: Split | null;
  verbose: boolean;
  dump: DumpedQuestion[] | null;
}): Promise<Record<string, ModeReport>> {
  const golden = goldenSchema
    .parse(JSON.parse(fs.readFileSync(set.questionsPath, "utf8")))
    .filter((g) => split === null || splitOf(g) === split);
  // An evalset keeps its questions beside its documents: they are not part of the corpus.
  const loaded = await loadSampleCorpus({ target, corpusDir: set.corpusDir, exclude: [set.questionsPath] });
  const { db } = loaded;
  say(
    `[${set.name}] ingested ${loaded.documents} documents (${loaded.failed} failed) from ${path.relative(repoRoot, set.corpusDir)} in ${Math.round(loaded.ingestMs)} ms on ${target}; ${golden.length} questions.`,
  );
  const fake = await startFakeOpenAI({ reply: groundedReply });
  const env = readAssistantEnv({});
  try {
    const docRows = await db.db.select({ id: documents.id, path: documents.path, acl: documents.acl }).from(documents);
    const byId = new Map(docRows.map((d) => [d.id, d]));
    const principals = new Map<string, Awaited<ReturnType<typeof resolvePrincipal>>>();
    const principalFor = async (username: string) => {
      if (!principals.has(username)) principals.set(username, await resolvePrincipal({ db: db.db, username }));
      return principals.get(username)!;
    };
    const allModes: Array<{ name: "extractive" | "openai_compatible"; chatModel: ChatModel | null }> = [
      { name: "extractive", chatModel: null },
      {
        name: "openai_compatible",
        chatModel: createChatModelFromConfig({
          baseURL: fake.baseURL,
          model: "fake-chat",
          temperature: 0,
          maxTokens: 400,
          timeoutMs: 10_000,
        }),
      },
    ];
    // Retrieval's page hits do not depend on the answer mode: measured once per question.
    const pageHits = new Map<string, { top3: boolean; top10: boolean }>();
    for (const g of golden) {
      const pages = g.expectedPages?.filter((e) => e.pages.length > 0) ?? [];
      if (g.expect !== "answer" || pages.length === 0) continue;
      const principal = await principalFor(g.asUser);
      const r = await searchChunks({ db: db.db, principal, query: g.question, limit: 10, reranker: null });
      const hit = (n: number) =>
        r.results
          .slice(0, n)
          .some((x) =>
            pages.some((e) => byId.get(x.documentId)?.path === e.document && onPage(x.pageFrom, x.pageTo, e.pages)),
          );
      pageHits.set(g.id, { top3: hit(3), top10: hit(10) });
    }
    const reports: Record<string, ModeReport> = {};
    for (const mode of allModes.filter((m) => modeNames.includes(m.name))) {
      const outcomes: Outcome[] = [];
      for (const g of golden) {
        const principal = await principalFor(g.asUser);
        let prepared: PreparedAnswer | null = null;
        const r = await answerOnce({
          db: db.db,
          principal,
          question: g.question,
          chatModel: mode.chatModel,
          env,
          onPrepared: (p) => (prepared = p),
        });
        if (r.error || !r.final || !r.done) throw new Error(`${g.id}: ${r.error?.message ?? "no answer"}`);
        const answered = r.final.mode !== "abstain";
        const citedIds = [...new Set(r.final.citations.map((c) => c.documentId))];
        const cited = citedIds.map((id) => byId.get(id)?.path ?? id);
        const expected = new Set(g.expectedDocuments);
        const shown = [...citedIds, ...r.final.closest.map((d) => d.documentId)];
        // A leak: anything shown (cited, or listed as "closest") that the asker may not open.
        const leaks = principal.isAdmin
          ? []
          : [...new Set(shown)]
              .filter((id) => !(byId.get(id)?.acl ?? []).some((a) => principal.principals.includes(a)))
              .map((id) => byId.get(id)?.path ?? id);
        const content = r.final.content.toLowerCase();
        const isAnswer = g.expect === "answer";
        const anyHit =
          isAnswer && expected.size ? answered && g.expectedDocuments.some((p) => cited.includes(p)) : null;
        const mustContainOk =
          isAnswer && g.mustContain?.length
            ? answered && g.mustContain.every((m) => content.includes(m.toLowerCase()))
            : null;
        const pages = g.expectedPages?.filter((e) => e.pages.length > 0) ?? [];
        const citesPage =
          isAnswer && pages.length
            ? answered &&
              r.final.citations.some((c) =>
                pages.some(
                  (e) => e.document === (byId.get(c.documentId)?.path ?? "") && onPage(c.pageFrom, c.pageTo, e.pages),
                ),
              )
            : null;
        const p = prepared as PreparedAnswer | null;
        if (dump && p && mode.name === "extractive")
          dump.push({
            ...g,
            split: splitOf(g),
            search: { ...p.search, wordStats: [...p.search.wordStats] },
            documentPaths: Object.fromEntries(
              p.search.results.map((x) => [x.documentId, byId.get(x.documentId)?.path ?? ""]),
            ),
          });
        const missed = isAnswer
          ? !(answered && anyHit !== false && mustContainOk !== false)
          : answered && r.final.confidence !== "closest";
        if (verbose && missed && p && splitOf(g) === "tune") {
          say(`\n— ${set.name}/${g.id} [${mode.name}] expect ${g.expect}: ${g.question}`);
          say(
            `  expected ${g.expectedDocuments.join(", ")} ${JSON.stringify(g.mustContain ?? [])} pages ${JSON.stringify(g.expectedPages?.map((e) => e.pages) ?? [])}`,
          );
          say(
            `  searched "${p.search.searchedQuery}" coverage ${p.answerability.coverage.toFixed(3)} focus ${p.answerability.focus.toFixed(3)} → ${r.final.mode}/${r.final.confidence}`,
          );
          say(`  answer: ${clip(r.final.content, 600)}`);
          for (const s of p.sources.slice(0, 4))
            say(
              `  [${s.n}] ${byId.get(s.documentId)?.path} p${s.pageFrom ?? "?"} ${s.headings.join(" › ")} cov ${(p.answerability.byChunk.get(s.chunkId) ?? 0).toFixed(2)}: ${clip(s.text, 300)}`,
            );
        }
        outcomes.push({
          id: g.id,
          split: splitOf(g),
          expect: g.expect,
          answered,
          closest: answered && r.final.confidence === "closest",
          mode: r.final.mode,
          cited,
          precisionHits: answered ? cited.filter((p) => expected.has(p)).length : 0,
          recall:
            isAnswer && expected.size
              ? answered
                ? g.expectedDocuments.filter((p) => cited.includes(p)).length / expected.size
                : 0
              : null,
          anyHit,
          mustContainOk,
          correct: isAnswer ? answered && anyHit !== false && mustContainOk !== false : null,
          pageTop3: pageHits.get(g.id)?.top3 ?? null,
          pageTop10: pageHits.get(g.id)?.top10 ?? null,
          citesPage,
          leaks,
          totalMs: r.done.timings.total_ms,
          beforeFirstTokenMs: r.done.timings.before_first_token_ms,
          flagged: r.final.flags.length,
        });
      }
      reports[mode.name] = summarize(outcomes);
    }
    return reports;
  } finally {
    await fake.close();
    await db.dispose();
  }
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const json = process.argv.includes("--json");
  const verbose = process.argv.includes("--verbose");
  const split = (arg("--split") ?? null) as Split | null;
  if (split !== null && split !== "tune" && split !== "heldout") throw new Error("--split is tune or heldout");
  const dumpPath = arg("--dump");
  const dumped: Record<string, DumpedQuestion[]> = {};
  const target = (arg("--target") ?? "embedded") as "embedded" | "server";
  const modeNames = (arg("--mode") ?? "extractive,openai_compatible").split(",");
  const say = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));
  let sets = defaultSets();
  if (arg("--golden"))
    sets = [
      {
        name: path.basename(arg("--golden")!, ".json"),
        corpusDir: arg("--corpus") ?? defaultCorpusDir,
        questionsPath: arg("--golden")!,
      },
    ];
  const only = arg("--set")?.split(",");
  if (only) sets = sets.filter((s) => only.includes(s.name));
  for (const set of sets)
    if (!fs.existsSync(set.questionsPath)) throw new Error(`No questions at ${set.questionsPath}.`);

  const results: Record<string, Record<string, ModeReport>> = {};
  for (const set of sets) {
    const dump = dumpPath ? (dumped[set.name] = []) : null;
    results[set.name] = await runSet({ set, target, modeNames, say, split, verbose, dump });
  }
  if (dumpPath) fs.writeFileSync(dumpPath, JSON.stringify(dumped));

  const fmt = (x: number | null) => (x === null ? "–" : x.toFixed(3));
  const rows: Array<[string, (r: Summary) => string]> = [
    ["correct (answerable)", (r) => fmt(r.correct_rate)],
    ["false declines", (r) => fmt(r.false_decline_rate)],
    ["out-of-scope declined", (r) => fmt(r.out_of_scope_decline_rate)],
    ["  … or only a closest match", (r) => fmt(r.out_of_scope_declined_or_closest_rate)],
    ["answers shown as closest match", (r) => fmt(r.closest_rate)],
    ["citation precision", (r) => fmt(r.citation_precision)],
    ["expected-doc recall", (r) => fmt(r.expected_doc_recall)],
    ["must-contain rate", (r) => fmt(r.must_contain_rate)],
    ["right page in top 3", (r) => fmt(r.page_top3)],
    ["right page in top 10", (r) => fmt(r.page_top10)],
    ["answer cites a right page", (r) => fmt(r.cites_page_rate)],
    ["leaks (must be 0)", (r) => String(r.leaks)],
    ["before first token p95 (ms)", (r) => r.before_first_token_p95_ms.toFixed(1)],
  ];
  const pad = (t: string, n: number) => t.padEnd(n);
  let leaks = 0;
  for (const [name, reports] of Object.entries(results)) {
    for (const [mode, r] of Object.entries(reports)) {
      leaks += r.leaks;
      say(
        `\n${name} — ${mode}${mode === "openai_compatible" ? " (the in-suite test server quotes the two prompt sentences sharing most words with the question: it measures the pipeline, not a model)" : ""}`,
      );
      say(`${pad("metric", 30)}${pad("tune", 10)}${pad("held out", 10)}all (${r.questions})`);
      for (const [label, f] of rows) say(`${pad(label, 30)}${pad(f(r.tune), 10)}${pad(f(r.heldout), 10)}${f(r)}`);
      if (r.failures.length) say(`misses:\n${r.failures.map((f) => `  ${f.id}: ${f.why}`).join("\n")}`);
    }
  }
  if (json) {
    const golden = results.golden?.extractive;
    console.log(
      JSON.stringify({
        ...(golden
          ? {
              questions: golden.questions,
              citation_precision: golden.citation_precision,
              expected_doc_recall: golden.expected_doc_recall,
              abstention_accuracy: golden.abstention_accuracy,
            }
          : {}),
        leaks,
        sets: Object.fromEntries(
          Object.entries(results).map(([name, reports]) => [
            name,
            Object.fromEntries(Object.entries(reports).map(([m, r]) => [m, { ...r, failures: r.failures.length }])),
          ]),
        ),
      }),
    );
  }
  if (leaks > 0) process.exitCode = 1;
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
