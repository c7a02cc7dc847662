/**
 * SciFact ingest time on one target, with where it goes:
 *   tsx src/retrieval/time-ingest.ts [embedded|server] [--json] [--dataset <dir>]
 *
 * Prints wall seconds and CPU seconds (embedded: this process, which runs PGlite in a worker
 * thread; server: the database backends of the test database, read from /proc, plus this
 * process), wall time per stage of ingestBeirCorpus, the self time of every PL/pgSQL function
 * the load ran (the chunks triggers; track_functions = 'pl'), and, after the load, the cost of
 * one pass of the tsvector expression over the stored chunks (what each extra parse of the text
 * costs: three per row before migration 0022, one since). CPU time is the figure to compare on the shared machine; run the two
 * sides of a before/after interleaved and record `uptime`.
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestTarget } from "@groundwork/db/testing";
import type { Database } from "@groundwork/db/client";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { loadBeirDataset } from "./beir-dataset";
import { ingestBeirCorpus } from "./evaluate-beir";

const TSVECTOR = `setweight(to_tsvector('english', coalesce("context", '')), 'A') || to_tsvector('english', coalesce("text", ''))`;

/** utime + stime (seconds) of the server backends connected to this database; 0 where /proc is unreadable. */
async function backendCpuSeconds({ db, target }: { db: Database; target: TestTarget }): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (target !== "server") return out;
  const r = await db.execute<{ pid: number }>(sql`select pid from pg_stat_activity where datname = current_database()`);
  const tick = 100; // USER_HZ on Linux
  for (const { pid } of r.rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      out.set(Number(pid), (Number(fields[11]) + Number(fields[12])) / tick);
    } catch {
      // A backend that ended meanwhile.
    }
  }
  return out;
}

async function timed({ db, query }: { db: Database; query: string }): Promise<number> {
  const s = performance.now();
  await db.execute(sql.raw(query));
  return performance.now() - s;
}

async function main() {
  const target = (process.argv[2] ?? "embedded") as TestTarget;
  const json = process.argv.includes("--json");
  const at = process.argv.indexOf("--dataset");
  const dataset = loadBeirDataset({
    dir:
      at > 0 && process.argv[at + 1]
        ? process.argv[at + 1]!
        : fileURLToPath(new URL("../../../../shared/datasets/scifact", import.meta.url)),
  });
  // Every new server connection tracks PL/pgSQL function times (read by node-postgres at connect).
  process.env.PGOPTIONS = `${process.env.PGOPTIONS ?? ""} -c track_functions=pl`.trim();
  const t = await createTestDatabase({ target });
  try {
    if (target === "embedded") await t.db.execute(sql`set track_functions = 'pl'`);
    await t.db.execute(sql`select pg_stat_reset()`);
    const cpuBefore = process.cpuUsage();
    const backendsBefore = await backendCpuSeconds({ db: t.db, target });
    const stages: Record<string, number> = {};
    const s = performance.now();
    await ingestBeirCorpus({ db: t.db, corpus: dataset.corpus, embedder: createHashEmbedder(), stages });
    const wallS = (performance.now() - s) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const clientCpuS = (cpu.user + cpu.system) / 1e6;
    const backendsAfter = await backendCpuSeconds({ db: t.db, target });
    let serverCpuS = 0;
    for (const [pid, after] of backendsAfter) serverCpuS += after - (backendsBefore.get(pid) ?? 0);

    const functions = await t.db.execute<{ name: string; calls: number; total_ms: number; self_ms: number }>(sql`
      select funcname as name, calls::int as calls, total_time as total_ms, self_time as self_ms
      from pg_stat_user_functions order by self_time desc`);
    // One pass of each expression over the stored rows, minus the scan that feeds it.
    const scanMs = await timed({ db: t.db, query: `select sum(length("text") + length("context")) from chunks` });
    const tsvectorMs = (await timed({ db: t.db, query: `select sum(length(${TSVECTOR})) from chunks` })) - scanMs;
    const tokenCountMs =
      (await timed({ db: t.db, query: `select sum(groundwork_token_count(tsv)) from chunks` })) - scanMs;

    const result = {
      target,
      chunks: dataset.corpus.length,
      wall_s: Number(wallS.toFixed(1)),
      cpu_s: Number((clientCpuS + serverCpuS).toFixed(1)),
      client_cpu_s: Number(clientCpuS.toFixed(1)),
      server_cpu_s: Number(serverCpuS.toFixed(1)),
      stages_s: Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, Number((v / 1000).toFixed(2))])),
      functions_self_s: Object.fromEntries(
        functions.rows.map((f) => [f.name, Number((Number(f.self_ms) / 1000).toFixed(2))]),
      ),
      one_tsvector_pass_s: Number((tsvectorMs / 1000).toFixed(2)),
      token_count_from_tsv_s: Number((tokenCountMs / 1000).toFixed(2)),
    };
    if (json) console.log(JSON.stringify(result));
    else {
      console.log(
        `${target} ingest_s ${result.wall_s} cpu_s ${result.cpu_s} (client ${result.client_cpu_s}, server backends ${result.server_cpu_s})`,
      );
      console.log(`  stages (wall s): ${JSON.stringify(result.stages_s)}`);
      console.log(`  PL/pgSQL self time (s): ${JSON.stringify(result.functions_self_s)}`);
      console.log(
        `  after the load: one tsvector pass ${result.one_tsvector_pass_s} s, token count from tsv ${result.token_count_from_tsv_s} s`,
      );
    }
  } finally {
    await t.dispose();
  }
}
void main();
