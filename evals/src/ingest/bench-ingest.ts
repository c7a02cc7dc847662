import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase, serverUnavailableReason, type TestTarget } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import {
  createSource,
  readIngestEnv,
  requestRun,
  startIngestWorker,
  waitForRun,
  type PhaseTimings,
} from "@groundwork/ingest";
import { benchConnectors, connectorsTable, type ConnectorFigures, type ConnectorSizes } from "./bench-connectors";
import { generateCorpus, type GeneratedCorpus } from "./generate-corpus";

/**
 * `pnpm bench:ingest [--json] [--docs N] [--pdfs N] [--targets server,embedded] [--sections ingest,connectors]
 *   [--web-pages N] [--git-files N] [--sql-rows N]`
 * Ingests a generated corpus (section `ingest`) and syncs a local web site, a Git repository and
 * SQL tables (section `connectors`, bench-connectors.ts) through the real path (request → pg-boss →
 * worker → DB) on each database target and prints the targets beside the measured figures.
 */
const { values } = parseArgs({
  options: {
    json: { type: "boolean", default: false },
    docs: { type: "string", default: "5000" },
    pdfs: { type: "string", default: "200" },
    targets: { type: "string", default: "server,embedded" },
    sections: { type: "string", default: "ingest,connectors" },
    "web-pages": { type: "string", default: "2000" },
    "git-files": { type: "string", default: "2000" },
    "sql-rows": { type: "string", default: "100000" },
  },
});
const sections = new Set(values.sections.split(",").map((s) => s.trim()));
for (const section of sections)
  if (section !== "ingest" && section !== "connectors")
    throw new Error(`Unknown section ${section}; the sections are ingest and connectors.`);
const sizes: ConnectorSizes = {
  webPages: Number(values["web-pages"]),
  gitFiles: Number(values["git-files"]),
  sqlRows: Number(values["sql-rows"]),
};
for (const [flag, n] of Object.entries(sizes))
  if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive whole number.`);
const textDocs = Number(values.docs);
const pdfCount = Number(values.pdfs);
const log = (line: string) => {
  if (!values.json) console.log(line);
  else console.error(line);
};

type Figures = {
  docs: number;
  pdfs: number;
  first_ingest_s: number;
  docs_per_s: number;
  chunks_per_s: number;
  pdf_ingest_s: number;
  pdf_docs_per_s: number;
  rerun_s: number;
  rerun_speedup: number;
  rerun_run_s: number;
  rerun_speedup_end_to_end: number;
  rerun_embed_calls: number;
  changed_file_s: number;
  changed_file_embed_calls: number;
  acl_only_s: number;
  acl_only_docs: number;
  acl_only_embed_calls: number;
};

async function benchTarget(target: TestTarget, corpus: GeneratedCorpus): Promise<Figures> {
  const t = await createTestDatabase({ target });
  // Each run's phase times, as the worker reports them when the run is done.
  const phases = new Map<string, PhaseTimings>();
  const worker = await startIngestWorker({
    handle: t,
    embedder: createHashEmbedder(),
    env: readIngestEnv({}),
    pollingIntervalSeconds: 0.5,
    batchSize: 64,
    log: () => undefined,
    onRunDone: ({ runId, timings }) => phases.set(runId, timings),
  });
  try {
    await createSource({ db: t.db, name: "bench-text", kind: "folder", path: corpus.textDir, defaultAcl: [] });
    await createSource({ db: t.db, name: "bench-pdf", kind: "folder", path: corpus.pdfDir, defaultAcl: [] });
    const timed = async (source: string) => {
      const started = performance.now();
      const { runId } = await requestRun({ db: t.db, source, trigger: "cli" });
      const run = await waitForRun({ db: t.db, runId, timeoutMs: 3600_000 });
      const seconds = (performance.now() - started) / 1000;
      // The worker reports the phases right after it marks the run finished.
      for (let i = 0; i < 100 && !phases.has(runId); i++) await new Promise((r) => setTimeout(r, 10));
      if (run.status !== "succeeded") throw new Error(`${source} run ${run.status}: ${run.error}`);
      // The run's own duration (started → finished in ingestion_runs) excludes the queue pickup
      // (pg-boss polls every 0.5 s) and our status polling: the work a re-run skips or repeats.
      const runSeconds =
        run.startedAt && run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : seconds;
      return { run, seconds, runSeconds };
    };
    log(`[${target}] first ingest of ${corpus.textDocs} md/html documents…`);
    const first = await timed("bench-text");
    log(
      `[${target}]   ${first.seconds.toFixed(1)} s, ${first.run.chunksWritten} chunks; phases (s): ${Object.entries(
        phases.get(first.run.id) ?? {},
      )
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
        .join(", ")}`,
    );
    log(`[${target}] first ingest of ${corpus.pdfs} PDFs…`);
    const pdf = await timed("bench-pdf");
    log(`[${target}] unchanged re-run…`);
    const rerun = await timed("bench-text");
    if (rerun.run.counts.unchanged !== corpus.textDocs)
      throw new Error(`re-run saw ${JSON.stringify(rerun.run.counts)}`);
    log(`[${target}] one changed file…`);
    const changedFile = path.join(corpus.textDir, "team-00", "doc-0.md");
    const original = fs.readFileSync(changedFile, "utf8");
    fs.writeFileSync(
      changedFile,
      original.replace("## Exceptions", "## Exceptions\n\nA new paragraph was added in this revision."),
    );
    const changed = await timed("bench-text");
    fs.writeFileSync(changedFile, original);
    log(`[${target}] ACL-only change (one folder's access file)…`);
    const accessFile = path.join(corpus.textDir, "team-01", ".access.yaml");
    const originalAccess = fs.readFileSync(accessFile, "utf8");
    fs.writeFileSync(accessFile, "groups: [support, exec]\n");
    const acl = await timed("bench-text");
    fs.writeFileSync(accessFile, originalAccess);
    return {
      docs: corpus.textDocs,
      pdfs: corpus.pdfs,
      first_ingest_s: round(first.seconds),
      docs_per_s: round(corpus.textDocs / first.seconds),
      chunks_per_s: round(first.run.chunksWritten / first.seconds),
      pdf_ingest_s: round(pdf.seconds),
      pdf_docs_per_s: round(corpus.pdfs / pdf.seconds),
      rerun_s: round(rerun.seconds),
      rerun_run_s: round(rerun.runSeconds),
      rerun_speedup: round(first.runSeconds / rerun.runSeconds),
      rerun_speedup_end_to_end: round(first.seconds / rerun.seconds),
      rerun_embed_calls: rerun.run.embeddingCalls,
      changed_file_s: round(changed.seconds),
      changed_file_embed_calls: changed.run.embeddingCalls,
      acl_only_s: round(acl.seconds),
      acl_only_docs: acl.run.counts.aclUpdated,
      acl_only_embed_calls: acl.run.embeddingCalls,
    };
  } finally {
    await worker.stop();
    await t.dispose();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

const targets: TestTarget[] = [];
for (const target of values.targets.split(",").map((s) => s.trim()) as TestTarget[]) {
  if (target === "server") {
    const reason = await serverUnavailableReason();
    if (reason) {
      log(`[server] skipped: ${reason}`);
      continue;
    }
  }
  targets.push(target);
}

const results: Partial<Record<TestTarget, Figures>> = {};
if (sections.has("ingest")) {
  const root = path.join(os.tmpdir(), `gw-bench-ingest-${process.pid}`);
  // The generated corpus sits in a temp folder, and sources are confined to the configured roots.
  process.env.GROUNDWORK_SOURCE_ROOTS = [process.env.GROUNDWORK_SOURCE_ROOTS, root].filter(Boolean).join(",");
  log(`generating ${textDocs} md/html documents and ${pdfCount} PDFs in ${root}…`);
  const corpus = await generateCorpus({ root, textDocs, pdfs: pdfCount });
  try {
    for (const target of targets) results[target] = await benchTarget(target, corpus);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
const connectors: Partial<Record<TestTarget, ConnectorFigures>> = {};
if (sections.has("connectors"))
  for (const target of targets) connectors[target] = await benchConnectors({ target, sizes, log });

const rows: [string, string, keyof Figures, (v: number) => string][] = [
  ["first ingest, md/html", "≥ 200 docs/s (server)", "docs_per_s", (v) => `${v} docs/s`],
  ["first ingest, chunks", "—", "chunks_per_s", (v) => `${v} chunks/s`],
  ["first ingest, PDFs", "—", "pdf_docs_per_s", (v) => `${v} docs/s`],
  ["unchanged re-run, end to end (incl. queue pickup)", "—", "rerun_s", (v) => `${v} s`],
  ["unchanged re-run, run duration", "—", "rerun_run_s", (v) => `${v} s`],
  ["re-run speed-up (run durations)", "≥ 20× faster", "rerun_speedup", (v) => `${v}×`],
  ["re-run speed-up (end to end)", "—", "rerun_speedup_end_to_end", (v) => `${v}×`],
  ["re-run embedding calls", "0", "rerun_embed_calls", (v) => String(v)],
  ["one changed file", "—", "changed_file_s", (v) => `${v} s`],
  ["one changed file, embeddings", "only changed chunks", "changed_file_embed_calls", (v) => String(v)],
  ["ACL-only change (100 docs)", "—", "acl_only_s", (v) => `${v} s`],
  ["ACL-only embedding calls", "0", "acl_only_embed_calls", (v) => String(v)],
];
const table = () =>
  [
    // Figures on a shared machine scale with its load; the load average says how contended it was.
    `ingestion benchmark: ${textDocs} md/html + ${pdfCount} PDFs, hash embedder, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
    `| metric | target | server | embedded |`,
    `|---|---|---|---|`,
    ...rows.map(
      ([label, goal, key, fmt]) =>
        `| ${label} | ${goal} | ${results.server ? fmt(results.server[key]) : "skipped"} | ${results.embedded ? fmt(results.embedded[key]) : "skipped"} |`,
    ),
  ].join("\n");
if (sections.has("ingest")) console.log(table());
if (sections.has("connectors")) console.log(connectorsTable({ results: connectors, sizes }));
if (values.json) {
  const main = results.server ?? results.embedded;
  const mainConnectors = connectors.server ?? connectors.embedded;
  console.log(
    JSON.stringify({
      ...(main ?? {}),
      target: results.server ? "server" : "embedded",
      load_average_1m: Number(os.loadavg()[0]!.toFixed(2)),
      ...(results.embedded ? { embedded: results.embedded } : {}),
      ...(sections.has("connectors")
        ? {
            connectors: {
              ...(mainConnectors ?? {}),
              target: connectors.server ? "server" : "embedded",
              sizes: { web_pages: sizes.webPages, git_files: sizes.gitFiles, sql_rows: sizes.sqlRows },
              ...(connectors.embedded ? { embedded: connectors.embedded } : {}),
            },
          }
        : {}),
    }),
  );
}
process.exit(0);
