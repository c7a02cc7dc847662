import fs from "node:fs";
import { z } from "zod";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { documents } from "@groundwork/db/schema";
import { createChatModelFromConfig, type ChatModel } from "@groundwork/models/chat";
import { startFakeOpenAI, type FakeReplyInput } from "@groundwork/models/testing";
import { answerOnce } from "../answer-question";
import { readAssistantEnv } from "../env";
import { defaultCorpusDir, defaultGoldenSet, loadSampleCorpus, percentile } from "./load-sample-corpus";

/**
 * `pnpm eval:answers [--json] [--golden file] [--corpus dir] [--target embedded|server]`
 * Ingests the sample corpus into a scratch database, asks every golden question as its user —
 * once with the extractive default, once against the OpenAI-compatible test server — and
 * reports citation precision, expected-document recall, abstention accuracy, leaks, latency.
 */
const goldenSchema = z.array(
  z.object({
    id: z.string(),
    question: z.string().min(1),
    asUser: z.string().min(1),
    expect: z.enum(["answer", "decline"]),
    expectedDocuments: z.array(z.string()).default([]),
    mustContain: z.array(z.string()).optional(),
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
  const words = (t: string) => new Set((t.toLowerCase().match(/[a-z0-9$%.]{4,}/g) ?? []).map((w) => w.replace(/\.$/, "")));
  const q = words(question);
  const scored: Array<{ n: number; sentence: string; score: number }> = [];
  for (const m of prompt.matchAll(/<source id="(\d+)"[^>]*>\n([\s\S]*?)\n<\/source>/g)) {
    for (const sentence of m[2]!.split(/(?<=[.!?])\s+|\n+/)) {
      const w = words(sentence);
      const score = [...q].filter((x) => w.has(x)).length + (/\d/.test(sentence) ? 0.5 : 0);
      if (sentence.trim().length > 20) scored.push({ n: Number(m[1]), sentence: sentence.trim(), score });
    }
  }
  const top = scored.sort((a, b) => b.score - a.score || a.n - b.n).slice(0, 2).filter((s) => s.score >= 1);
  if (top.length === 0) return "I couldn't find this in the documents you can access.";
  return top.map((s) => `${s.sentence.replace(/[.!?]?$/, "")} [${s.n}].`).join(" ");
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

type Outcome = {
  id: string;
  expect: Golden["expect"];
  answered: boolean;
  mode: string;
  cited: string[];
  precisionHits: number;
  recall: number | null;
  /** At least one expected document cited (each expected document answers on its own). */
  anyHit: boolean | null;
  mustContainOk: boolean | null;
  leaks: string[];
  totalMs: number;
  beforeFirstTokenMs: number;
  flagged: number;
};

type ModeReport = {
  questions: number;
  citation_precision: number;
  expected_doc_recall: number;
  expected_doc_any_hit_rate: number;
  abstention_accuracy: number;
  /** Abstention accuracy on odd and even question ids: thresholds are chosen on the odd half. */
  abstention_accuracy_odd: number;
  abstention_accuracy_even: number;
  must_contain_rate: number;
  leaks: number;
  flagged_sentences: number;
  latency_p50_ms: number;
  latency_p95_ms: number;
  before_first_token_p95_ms: number;
  failures: Array<{ id: string; why: string }>;
};

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function summarize(outcomes: Outcome[]): ModeReport {
  const answeredExpected = outcomes.filter((o) => o.answered);
  const citedTotal = answeredExpected.reduce((s, o) => s + o.cited.length, 0);
  const precisionHits = answeredExpected.reduce((s, o) => s + o.precisionHits, 0);
  const recalls = outcomes.filter((o) => o.recall !== null).map((o) => o.recall!);
  const must = outcomes.filter((o) => o.mustContainOk !== null);
  const hits = outcomes.filter((o) => o.anyHit !== null);
  const abstainAcc = (xs: Outcome[]) => round3(xs.filter((o) => (o.expect === "decline") === !o.answered).length / Math.max(xs.length, 1));
  const isOdd = (o: Outcome) => Number(/\d+/.exec(o.id)?.[0] ?? 0) % 2 === 1;
  const failures: ModeReport["failures"] = [];
  for (const o of outcomes) {
    if (o.leaks.length) failures.push({ id: o.id, why: `LEAK ${o.leaks.join(", ")}` });
    else if ((o.expect === "decline") !== !o.answered) failures.push({ id: o.id, why: o.expect === "decline" ? `answered (${o.mode}) but should decline` : "declined but should answer" });
    else if (o.recall !== null && o.recall < 1) failures.push({ id: o.id, why: `cited ${o.cited.join(", ") || "nothing"}` });
    else if (o.mustContainOk === false) failures.push({ id: o.id, why: "missing an expected phrase" });
  }
  return {
    questions: outcomes.length,
    citation_precision: round3(citedTotal ? precisionHits / citedTotal : 0),
    expected_doc_recall: round3(recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : 0),
    expected_doc_any_hit_rate: round3(hits.length ? hits.filter((o) => o.anyHit).length / hits.length : 0),
    abstention_accuracy_odd: abstainAcc(outcomes.filter(isOdd)),
    abstention_accuracy_even: abstainAcc(outcomes.filter((o) => !isOdd(o))),
    abstention_accuracy: round3(outcomes.filter((o) => (o.expect === "decline") === !o.answered).length / Math.max(outcomes.length, 1)),
    must_contain_rate: round3(must.length ? must.filter((o) => o.mustContainOk).length / must.length : 1),
    leaks: outcomes.reduce((s, o) => s + o.leaks.length, 0),
    flagged_sentences: outcomes.reduce((s, o) => s + o.flagged, 0),
    latency_p50_ms: percentile(outcomes.map((o) => o.totalMs), 50),
    latency_p95_ms: percentile(outcomes.map((o) => o.totalMs), 95),
    before_first_token_p95_ms: percentile(outcomes.map((o) => o.beforeFirstTokenMs), 95),
    failures,
  };
}

async function main() {
  const json = process.argv.includes("--json");
  const goldenPath = arg("--golden") ?? defaultGoldenSet;
  const corpusDir = arg("--corpus") ?? defaultCorpusDir;
  const target = (arg("--target") ?? "embedded") as "embedded" | "server";
  if (!fs.existsSync(goldenPath)) throw new Error(`No golden set at ${goldenPath}.`);
  const golden = goldenSchema.parse(JSON.parse(fs.readFileSync(goldenPath, "utf8")));
  const say = (s: string) => (json ? process.stderr.write(`${s}\n`) : console.log(s));

  const loaded = await loadSampleCorpus({ target, corpusDir });
  const { db } = loaded;
  say(`Ingested ${loaded.documents} documents (${loaded.failed} failed) from ${corpusDir} in ${Math.round(loaded.ingestMs)} ms on ${target}.`);
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
    const modes: Array<{ name: "extractive" | "openai_compatible"; chatModel: ChatModel | null }> = [
      { name: "extractive", chatModel: null },
      { name: "openai_compatible", chatModel: createChatModelFromConfig({ baseURL: fake.baseURL, model: "fake-chat", temperature: 0, maxTokens: 400, timeoutMs: 10_000 }) },
    ];
    const reports: Record<string, ModeReport> = {};
    for (const mode of modes) {
      const outcomes: Outcome[] = [];
      for (const g of golden) {
        const principal = await principalFor(g.asUser);
        const r = await answerOnce({ db: db.db, principal, question: g.question, chatModel: mode.chatModel, env });
        if (r.error || !r.final || !r.done) throw new Error(`${g.id}: ${r.error?.message ?? "no answer"}`);
        const answered = r.final.mode !== "abstain";
        const citedIds = [...new Set(r.final.citations.map((c) => c.documentId))];
        const cited = citedIds.map((id) => byId.get(id)?.path ?? id);
        const expected = new Set(g.expectedDocuments);
        const shown = [...citedIds, ...r.final.closest.map((d) => d.documentId)];
        // A leak: anything shown (cited, or listed as "closest") that the asker may not open.
        const leaks = principal.isAdmin
          ? []
          : [...new Set(shown)].filter((id) => !(byId.get(id)?.acl ?? []).some((a) => principal.principals.includes(a))).map((id) => byId.get(id)?.path ?? id);
        const content = r.final.content.toLowerCase();
        outcomes.push({
          id: g.id,
          expect: g.expect,
          answered,
          mode: r.final.mode,
          cited,
          precisionHits: answered ? cited.filter((p) => expected.has(p)).length : 0,
          recall: g.expect === "answer" && expected.size ? (answered ? g.expectedDocuments.filter((p) => cited.includes(p)).length / expected.size : 0) : null,
          anyHit: g.expect === "answer" && expected.size ? answered && g.expectedDocuments.some((p) => cited.includes(p)) : null,
          mustContainOk: g.expect === "answer" && g.mustContain?.length ? answered && g.mustContain.every((m) => content.includes(m.toLowerCase())) : null,
          leaks,
          totalMs: r.done.timings.total_ms,
          beforeFirstTokenMs: r.done.timings.before_first_token_ms,
          flagged: r.final.flags.length,
        });
      }
      reports[mode.name] = summarize(outcomes);
    }

    const ex = reports.extractive!;
    const oa = reports.openai_compatible!;
    const declines = golden.filter((g) => g.expect === "decline").length;
    say(`\nGolden set: ${golden.length} questions (${declines} to decline) from ${goldenPath}\n`);
    const rows: Array<[string, string, (r: ModeReport) => string]> = [
      ["citation precision", "higher is better", (r) => r.citation_precision.toFixed(3)],
      ["expected-doc recall", "higher is better", (r) => r.expected_doc_recall.toFixed(3)],
      ["any expected doc cited", "higher is better", (r) => r.expected_doc_any_hit_rate.toFixed(3)],
      ["abstention accuracy", "higher is better", (r) => r.abstention_accuracy.toFixed(3)],
      ["  on odd ids (tuning half)", "informational", (r) => r.abstention_accuracy_odd.toFixed(3)],
      ["  on even ids (held out)", "informational", (r) => r.abstention_accuracy_even.toFixed(3)],
      ["must-contain rate", "higher is better", (r) => r.must_contain_rate.toFixed(3)],
      ["leaks", "must be 0", (r) => String(r.leaks)],
      ["flagged sentences", "informational", (r) => String(r.flagged_sentences)],
      ["latency p50 (ms)", "informational", (r) => r.latency_p50_ms.toFixed(1)],
      ["latency p95 (ms)", "informational", (r) => r.latency_p95_ms.toFixed(1)],
      ["before first token p95 (ms)", "target ≤ 100", (r) => r.before_first_token_p95_ms.toFixed(1)],
    ];
    const pad = (s: string, n: number) => s.padEnd(n);
    say(`${pad("metric", 30)}${pad("extractive", 14)}${pad("openai-compatible*", 20)}target`);
    for (const [name, target_, f] of rows) say(`${pad(name, 30)}${pad(f(ex), 14)}${pad(f(oa), 20)}${target_}`);
    say("* the in-suite test server answers with the two prompt sentences that share most words with the question: it measures the pipeline, not a model.");
    for (const [name, r] of Object.entries(reports)) {
      if (r.failures.length) say(`\n${name} misses:\n${r.failures.map((f) => `  ${f.id}: ${f.why}`).join("\n")}`);
    }
    if (json) {
      console.log(
        JSON.stringify({
          questions: golden.length,
          citation_precision: ex.citation_precision,
          expected_doc_recall: ex.expected_doc_recall,
          expected_doc_any_hit_rate: ex.expected_doc_any_hit_rate,
          abstention_accuracy: ex.abstention_accuracy,
          leaks: ex.leaks + oa.leaks,
          latency_p50_ms: ex.latency_p50_ms,
          latency_p95_ms: ex.latency_p95_ms,
          modes: Object.fromEntries(Object.entries(reports).map(([k, v]) => [k, { ...v, failures: v.failures.length }])),
        }),
      );
    }
    if (ex.leaks + oa.leaks > 0) process.exitCode = 1;
  } finally {
    await fake.close();
    await db.dispose();
  }
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
