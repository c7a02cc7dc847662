import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import pg from "pg";
import { createSession } from "@groundwork/auth";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { repoRoot } from "@groundwork/db/paths";
import { readRouteStats } from "@groundwork/db/read-replica";
import { documents, groups, memberships, users } from "@groundwork/db/schema";
import { createSource, requestRun, updateDocumentAcl, waitForRun } from "@groundwork/ingest";
import { readDocument, searchChunks } from "@groundwork/retrieval";
import {
  readTopologyEnv,
  readTopologyState,
  roleEnv,
  spawnDetached,
  startTopology,
  stopProcess,
  stopTopology,
  topologyLayout,
  waitForLine,
  writeTopologyState,
  type StartedProcess,
  type TopologyLayout,
} from "@groundwork/topology";
import type { Principal } from "@groundwork/access/principal";
import { round } from "./measure-search";

/**
 * The topology section of `pnpm bench:scale`, through the local harness (tooling/topology):
 * the running PostgreSQL as primary, a streaming standby, PgBouncer (transaction pooling) in
 * front of both, two web processes behind the round-robin proxy. The topology is started here
 * without its own workers, so the bench controls how many run:
 *
 * - ingest_docs_per_s_{1,2}_worker(s): folder sources queued at once and drained by 1, then 2
 *   worker processes (GROUNDWORK_ROLE=worker) through PgBouncer; fresh text each phase, so the
 *   embedding cache does not flatter the second;
 * - search_rps_{1,2}_web: closed-loop POST /api/search through a proxy with one web process
 *   behind it, then through the topology's proxy with two, at rising concurrency; each is the
 *   throughput at the highest level whose p95 stays within the 1-web p95 at concurrency 4 —
 *   throughput at equal p95 — and web_scaling_ratio their quotient;
 * - replica_revocation_served: revoke on the primary, read at once through the replica path
 *   (a handle with DATABASE_READ_URL, as the web processes have): must be 0;
 * - replica_share_of_reads: of the reads made while the 2-worker ingest writes, those the
 *   standby answered;
 * - pgbouncer_errors: ERROR/FATAL lines in PgBouncer's log plus failed (non-200) requests.
 *
 * On this 2-core machine two web processes, two workers, PgBouncer, both servers and the load
 * generator share the same cores, which bounds every ratio here.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const WORDS =
  "leave policy expense travel remote hardware security incident payroll benefits onboarding review budget vendor contract privacy retention audit training laptop office parking holiday overtime pension insurance relocation bonus".split(
    " ",
  );

/** A folder of `docs` markdown files, each a few paragraphs of distinct text (seeded by `salt`). */
function writeDocs({ dir, docs, salt }: { dir: string; docs: number; salt: string }): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  let x = [...salt].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7);
  const rnd = () => (x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  for (let d = 0; d < docs; d++) {
    const paras = Array.from({ length: 4 }, (_, p) => {
      const sentence = () => `${Array.from({ length: 12 }, word).join(" ")} ${salt}${d}x${p}.`;
      return Array.from({ length: 5 }, sentence).join(" ");
    });
    fs.writeFileSync(path.join(dir, `doc-${d}.md`), `# ${word()} ${word()} ${d}\n\n${paras.join("\n\n")}\n`);
  }
}

async function ingestPhase({
  db,
  layout,
  workers,
  docsPerSource,
  sources,
  tag,
  onWhile,
  track,
  log,
}: {
  db: DbHandle["db"];
  layout: TopologyLayout;
  workers: number;
  docsPerSource: number;
  sources: number;
  tag: string;
  onWhile?: (isDone: () => boolean) => Promise<void>;
  track: (p: StartedProcess) => void;
  log: (s: string) => void;
}): Promise<{ docsPerS: number; procs: StartedProcess[] }> {
  const base = path.join(repoRoot(), ".groundwork", "bench-topology");
  const names = Array.from({ length: sources }, (_, i) => `bench-${tag}-${i + 1}`);
  for (const name of names) {
    const dir = path.join(base, name);
    writeDocs({ dir, docs: docsPerSource, salt: `${tag}${name}` });
    await createSource({ db, name, kind: "folder", path: dir, defaultAcl: ["group:hr"] });
  }
  const procs: StartedProcess[] = [];
  for (let i = 0; i < workers; i++) {
    const proc = spawnDetached({
      name: `bench-worker-${tag}-${i + 1}`,
      cmd: process.execPath,
      args: ["--import", "tsx", "src/main.ts"],
      cwd: path.join(repoRoot(), "apps", "worker"),
      env: {
        ...roleEnv({ layout, role: "worker" }),
        GROUNDWORK_AUDIT_SPOOL_DIR: path.join(layout.dir, `audit-spool-bench-${tag}-${i + 1}`),
      },
      logDir: layout.logDir,
    });
    track(proc);
    procs.push(proc);
  }
  await Promise.all(procs.map((proc) => waitForLine({ proc, ready: /\[worker\] ready/, timeoutMs: 120_000 })));
  const t0 = performance.now();
  const runs = await Promise.all(names.map((source) => requestRun({ db, source, trigger: "cli" })));
  let done = false;
  const side = onWhile?.(() => done);
  const finished = await Promise.all(runs.map((r) => waitForRun({ db, runId: r.runId, timeoutMs: 900_000 })));
  const s = (performance.now() - t0) / 1000;
  done = true;
  await side;
  for (const run of finished)
    if (run.status !== "succeeded") throw new Error(`ingest run ${run.id} ended ${run.status}: ${run.error ?? ""}`);
  const docsPerS = (docsPerSource * sources) / s;
  log(
    `  ingest, ${tag === "w1" ? 1 : 2} worker(s): ${docsPerSource * sources} docs in ${s.toFixed(1)} s = ${docsPerS.toFixed(1)} docs/s`,
  );
  return { docsPerS, procs };
}

type BenchUser = { cookie: string; csrf: string };

async function benchUsers({ db, count }: { db: DbHandle["db"]; count: number }): Promise<BenchUser[]> {
  const [hr] = await db.select().from(groups).where(eq(groups.name, "hr"));
  const out: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const [u] = await db
      .insert(users)
      .values({ username: `topo${i + 1}`, displayName: `Topology ${i + 1}`, role: "employee" })
      .onConflictDoUpdate({ target: users.username, set: { role: "employee" } })
      .returning({ id: users.id });
    // Half read the HR sources (ACL filter passes), half see none of them (filter excludes all).
    if (hr && i % 2 === 0) await db.insert(memberships).values({ userId: u!.id, groupId: hr.id }).onConflictDoNothing();
    const { token, csrfToken } = await createSession({ db, userId: u!.id });
    out.push({ cookie: `gw_session=${token}`, csrf: csrfToken });
  }
  return out;
}

async function loadLevel({
  base,
  users,
  concurrency,
  seconds,
}: {
  base: string;
  users: BenchUser[];
  concurrency: number;
  seconds: number;
}): Promise<{ rps: number; p95: number; errors: number; n: number }> {
  const lat: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  let q = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, c) => {
      while (performance.now() < end) {
        const u = users[(c + q) % users.length]!;
        const query = `${WORDS[q % WORDS.length]} ${WORDS[(q * 7 + 3) % WORDS.length]}`;
        q += 1;
        const s = performance.now();
        try {
          const res = await fetch(`${base}/api/search`, {
            method: "POST",
            headers: { cookie: u.cookie, "x-csrf-token": u.csrf, origin: base, "content-type": "application/json" },
            body: JSON.stringify({ query, limit: 10 }),
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          if (res.status !== 200) errors += 1;
        } catch {
          errors += 1;
        }
        lat.push(performance.now() - s);
      }
    }),
  );
  const wall = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  return { rps: lat.length / wall, p95: percentile(lat, 95), errors, n: lat.length };
}

async function searchCurve({
  base,
  users,
  levels,
  seconds,
  log,
  label,
}: {
  base: string;
  users: BenchUser[];
  levels: number[];
  seconds: number;
  log: (s: string) => void;
  label: string;
}) {
  // Warm-up: Next's route compilation caches, the pools, the standby's buffers.
  await loadLevel({ base, users, concurrency: 2, seconds: 3 });
  const points: { c: number; rps: number; p95: number; errors: number }[] = [];
  for (const c of levels) {
    const r = await loadLevel({ base, users, concurrency: c, seconds });
    points.push({ c, rps: round(r.rps), p95: round(r.p95), errors: r.errors });
    log(
      `  search ${label}, concurrency ${c}: ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(1)} ms, errors ${r.errors}`,
    );
  }
  return points;
}

/** The throughput at the highest concurrency whose p95 stays within `budget` (the lowest level if none does). */
function rpsAtP95(points: { rps: number; p95: number }[], budget: number): number {
  const within = points.filter((p) => p.p95 <= budget);
  return within.length ? Math.max(...within.map((p) => p.rps)) : points[0]!.rps;
}

function pgbouncerLogErrors(layout: TopologyLayout): number {
  const file = path.join(layout.logDir, "pgbouncer.log");
  if (!fs.existsSync(file)) return 0;
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => / (ERROR|FATAL) /.test(l)).length;
}

export async function measureTopology({
  log,
  docsPerSource = 150,
  levels = [1, 2, 4, 8],
  seconds = 8,
  revocations = 50,
}: {
  log: (s: string) => void;
  docsPerSource?: number;
  levels?: number[];
  seconds?: number;
  revocations?: number;
}): Promise<Record<string, unknown>> {
  // No workers of the topology's own (the bench starts them), no sample corpus, no rate limit in the way.
  process.env.GROUNDWORK_RATE_LIMIT_SEARCH_PER_MINUTE = "1000000";
  const layout = topologyLayout(readTopologyEnv({ ...process.env, GROUNDWORK_TOPOLOGY_WORKERS: "0" }));
  await startTopology({ layout, log, sampleCorpus: false });
  const track = (p: StartedProcess) => {
    // Recorded in the harness's state, so `pnpm topology down` stops it if the bench dies.
    const state = readTopologyState(layout);
    if (state) writeTopologyState({ ...state, processes: [...state.processes, p] });
  };
  const started: StartedProcess[] = [];
  let handle: DbHandle | null = null;
  try {
    handle = await openDatabase({
      env: { ...readDbEnv({}), DATABASE_URL: layout.appUrl, DATABASE_READ_URL: layout.appReadUrl },
      poolMax: 6,
    });
    const db = handle.db;
    const harper = await resolvePrincipal({ db, username: "harper" });

    const one = await ingestPhase({ db, layout, workers: 1, docsPerSource, sources: 2, tag: "w1", track, log });
    started.push(...one.procs);
    // The second phase adds a second worker to the first.
    let reads = 0;
    const before = readRouteStats({ db });
    const two = await ingestPhase({
      db,
      layout,
      workers: 1,
      docsPerSource,
      sources: 2,
      tag: "w2",
      track,
      log,
      onWhile: async (isDone) => {
        while (!isDone()) {
          await searchChunks({ db, principal: harper, query: WORDS[reads % WORDS.length]!, reranker: null });
          reads += 1;
          await sleep(20);
        }
      },
    });
    started.push(...two.procs);
    const after = readRouteStats({ db });
    const replicaReads = after.replica - before.replica;
    const allReads = replicaReads + (after.primary - before.primary);
    const share = allReads ? replicaReads / allReads : 0;
    log(
      `  read transactions during ingest: ${allReads}, on the standby ${replicaReads} (${(share * 100).toFixed(1)} %)`,
    );
    for (const p of started) await stopProcess({ proc: p });
    // The same reads with no ingest running (heartbeats and the other databases still write).
    const quietBefore = readRouteStats({ db });
    for (let i = 0; i < 200; i++)
      await searchChunks({ db, principal: harper, query: WORDS[i % WORDS.length]!, reranker: null });
    const quietAfter = readRouteStats({ db });
    const quietReplica = quietAfter.replica - quietBefore.replica;
    const quietShare = quietReplica / (quietReplica + quietAfter.primary - quietBefore.primary);
    log(
      `  read transactions with no ingest (200 searches): ${quietReplica + quietAfter.primary - quietBefore.primary}, on the standby ${quietReplica} (${(quietShare * 100).toFixed(1)} %)`,
    );

    // Revocation through the replica path, at once.
    const [doc] = await db
      .select({ id: documents.id })
      .from(documents)
      .where(and(eq(documents.status, "active"), sql`${documents.acl} @> array['group:hr']::text[]`))
      .limit(1);
    if (!doc) throw new Error("no HR document to revoke");
    const sees = async (principal: Principal) => (await readDocument({ db, principal, documentId: doc.id })) !== null;
    let served = 0;
    let grantedSeen = 0;
    // Reads right after a revocation that the standby answered (it had replayed the revocation in time).
    let revokedOnStandby = 0;
    const standby = new pg.Client({ connectionString: layout.directReplicaUrl });
    await standby.connect();
    try {
      for (let i = 0; i < revocations; i++) {
        await updateDocumentAcl({ db, documentId: doc.id, acl: ["group:hr"] });
        const { rows } = await handle.pool.query<{ lsn: string }>("select pg_current_wal_insert_lsn()::text as lsn");
        for (let k = 0; k < 400; k++) {
          const r = await standby.query<{ ok: boolean }>("select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok", [
            rows[0]!.lsn,
          ]);
          if (r.rows[0]!.ok) break;
          await sleep(5);
        }
        if (await sees(harper)) grantedSeen += 1;
        await updateDocumentAcl({ db, documentId: doc.id, acl: ["group:legal"] });
        const r0 = readRouteStats({ db }).replica;
        if (await sees(harper)) served += 1;
        if (readRouteStats({ db }).replica > r0) revokedOnStandby += 1;
      }
    } finally {
      await standby.end();
    }
    log(
      `  revoke then read at once, ${revocations} times: served ${served} (granted reads seen ${grantedSeen}, post-revocation reads answered by the standby ${revokedOnStandby})`,
    );

    // Search throughput through the proxy: one web process, then two.
    const users = await benchUsers({ db, count: 16 });
    const soloPort = layout.proxyPort - 1;
    const solo = spawnDetached({
      name: "bench-proxy-1-web",
      cmd: process.execPath,
      args: ["--import", "tsx", "src/bin/proxy.ts", String(soloPort), `http://127.0.0.1:${layout.webPorts[0]}`],
      cwd: path.join(repoRoot(), "tooling", "topology"),
      env: { ...process.env },
      logDir: layout.logDir,
    });
    track(solo);
    started.push(solo);
    await waitForLine({ proc: solo, ready: /listening/, timeoutMs: 30_000 });
    const oneWeb = await searchCurve({
      base: `http://127.0.0.1:${soloPort}`,
      users,
      levels,
      seconds,
      log,
      label: "1 web",
    });
    const twoWeb = await searchCurve({ base: layout.proxyUrl, users, levels, seconds, log, label: "2 web" });
    const budget = oneWeb.find((p) => p.c === 4)?.p95 ?? oneWeb[oneWeb.length - 1]!.p95;
    const rps1 = rpsAtP95(oneWeb, budget);
    const rps2 = rpsAtP95(twoWeb, budget);
    const httpErrors = [...oneWeb, ...twoWeb].reduce((n, p) => n + p.errors, 0);
    const bouncer = pgbouncerLogErrors(layout);
    log(
      `  at p95 ≤ ${budget} ms: 1 web ${rps1} req/s, 2 web ${rps2} req/s; pgbouncer log errors ${bouncer}, failed requests ${httpErrors}`,
    );
    return {
      ingest_docs_per_s_1_worker: round(one.docsPerS),
      ingest_docs_per_s_2_workers: round(two.docsPerS),
      search_rps_1_web: round(rps1),
      search_rps_2_web: round(rps2),
      search_p95_budget_ms: budget,
      web_scaling_ratio: round(rps2 / rps1, 2),
      replica_revocation_served: served,
      replica_revocation_rounds: revocations,
      replica_revocation_reads_on_standby: revokedOnStandby,
      replica_share_of_reads: round(share, 3),
      replica_share_of_reads_no_ingest: round(quietShare, 3),
      pgbouncer_errors: bouncer + httpErrors,
      search_curve_1_web: oneWeb,
      search_curve_2_web: twoWeb,
      cores: (await import("node:os")).cpus().length,
    };
  } finally {
    for (const p of started) await stopProcess({ proc: p }).catch(() => undefined);
    await handle?.close();
    await stopTopology({ layout, log });
    fs.rmSync(path.join(repoRoot(), ".groundwork", "bench-topology"), { recursive: true, force: true });
  }
}
