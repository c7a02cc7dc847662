import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { createTestDatabase } from "@groundwork/db/testing";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import {
  chunkDocument,
  createSource,
  executeRun,
  parseFile,
  readIngestEnv,
  requestRun,
  type ParsePool,
} from "@groundwork/ingest";
import { makeDocxBomb, makeSlowHtml, writeTree } from "@groundwork/ingest/testing";

/**
 * `pnpm bench:health [--json] [--docs 200]`: how responsive an HTTP server on the ingesting
 * process's event loop stays while a corpus with a DOCX decompression bomb and a large HTML
 * page is ingested. Runs the same ingestion twice — files parsed on the main thread (the old
 * way, as the baseline) and in the parse worker pool — while a separate process polls
 * `/api/health` every 50 ms; prints health latency p50/p95/max for each.
 */
const { values } = parseArgs({
  options: { json: { type: "boolean", default: false }, docs: { type: "string", default: "200" } },
});
const docs = Number(values.docs);

/** The old path, for the baseline: parse and chunk on the calling thread. */
const inlinePool: ParsePool = {
  async parse({ filename, bytes, env }) {
    const parsed = await parseFile({ filename, bytes, env });
    return { parsed, chunked: await chunkDocument(parsed) };
  },
  async close() {},
};

const POLLER = `
const url = process.argv[1];
const out = [];
let stop = false;
process.stdin.on("data", () => { stop = true; });
(async () => {
  while (!stop) {
    const t = performance.now();
    try { await fetch(url).then((r) => r.text()); out.push(performance.now() - t); } catch { out.push(-1); }
    await new Promise((r) => setTimeout(r, 50));
  }
  // stdin stays open, so the poller exits by itself once its figures are written.
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
})();
`;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
}

async function measure(mode: "inline" | "worker"): Promise<{
  mode: string;
  ingestMs: number;
  polls: number;
  p50: number;
  p95: number;
  max: number;
  failed: Record<string, string>;
}> {
  const t = await createTestDatabase({ target: "embedded" });
  await seedDemoUsers({ db: t.db });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-health-"));
  const files: Record<string, string | Uint8Array> = {
    "report.docx": await makeDocxBomb(),
    "big.html": makeSlowHtml({ paragraphs: 15_000 }),
  };
  for (let i = 0; i < docs; i++)
    files[`notes/n${i}.md`] = `# Note ${i}\n\nExpense claim ${i} for travel and equipment, filed in week ${i % 52}.`;
  writeTree(dir, files);
  process.env.GROUNDWORK_SOURCE_ROOTS = os.tmpdir();
  await createSource({ db: t.db, name: "health", kind: "folder", path: dir, defaultAcl: ["everyone"] });
  const env = readIngestEnv();
  const server = http.createServer((_req, res) => res.end('{"ok":true}'));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const poller = spawn(process.execPath, ["-e", POLLER, `http://127.0.0.1:${port}/api/health`], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  poller.stdout.on("data", (d: Buffer) => (output += d.toString()));
  await new Promise((r) => setTimeout(r, 500));
  const { runId } = await requestRun({ db: t.db, source: "health", trigger: "cli" });
  const started = performance.now();
  await executeRun({
    db: t.db,
    runId,
    embedder: createHashEmbedder(),
    env,
    ...(mode === "inline" ? { parsePool: inlinePool } : {}),
  });
  const ingestMs = performance.now() - started;
  poller.stdin.write("stop\n");
  await new Promise((r) => poller.once("exit", r));
  server.close();
  const failedRows = await t.db.execute<{ path: string; error: string }>(
    `select path, error from ingestion_files where run_id = '${runId}' and outcome = 'failed'`,
  );
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const lat = (JSON.parse(output || "[]") as number[]).filter((x) => x >= 0);
  return {
    mode,
    ingestMs: Math.round(ingestMs),
    polls: lat.length,
    p50: Math.round(quantile(lat, 0.5)),
    p95: Math.round(quantile(lat, 0.95)),
    max: Math.round(Math.max(0, ...lat)),
    failed: Object.fromEntries(failedRows.rows.map((r) => [r.path, r.error])),
  };
}

const results = [await measure("inline"), await measure("worker")];
for (const r of results) {
  console.log(
    `${r.mode.padEnd(7)} ingest ${r.ingestMs} ms, ${r.polls} health polls: p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms`,
  );
  for (const [p, e] of Object.entries(r.failed)) console.log(`        failed ${p}: ${e}`);
}
if (values.json) console.log(JSON.stringify({ bench: "health-during-ingest", docs, results }));
process.exit(0);
