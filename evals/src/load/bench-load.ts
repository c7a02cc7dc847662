/**
 * `pnpm bench:load [--json] [--duration 60] [--users 50] [--targets server,embedded] [--think-ms 500-1500] [--ingest-during] [--cpu-prof DIR]`
 *
 * 50 concurrent users mixing search and chat against the real product process (Next build +
 * server/main.ts) on loopback, chat answered by the in-suite OpenAI-compatible server running
 * as its own process. Runs on the server DB and on the embedded DB; prints a table with the
 * issue's targets beside and, with --json, one JSON line last. Every loop is bounded by time
 * and by iteration count, and every child process is stopped at the end.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { createSession } from "@groundwork/auth";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { openDatabase, type DbHandle } from "@groundwork/db/client";
import { readDbEnv } from "@groundwork/db/env";
import { migrateDatabase } from "@groundwork/db/migrate";
import { groups, memberships, users } from "@groundwork/db/schema";
import { testServerUrl } from "@groundwork/db/testing";
import { ingestFolder } from "@groundwork/ingest/testing";

const repo = path.resolve(import.meta.dirname, "../../..");
const webDir = path.join(repo, "apps/web");
const corpusDir = path.join(repo, "ingest/corpus/quillfeather");

type Options = {
  json: boolean;
  durationS: number;
  users: number;
  targets: ("server" | "embedded")[];
  thinkMin: number;
  thinkMax: number;
  chatShare: number;
  ingestDuring: boolean;
  cpuProfDir?: string;
};

function parseArgs(argv: string[]): Options {
  const o: Options = {
    json: false,
    durationS: 60,
    users: 50,
    targets: ["server", "embedded"],
    thinkMin: 500,
    thinkMax: 1500,
    chatShare: 0.3,
    ingestDuring: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${a} needs a value`);
      return value;
    };
    if (a === "--json") o.json = true;
    else if (a === "--duration") o.durationS = Math.max(1, Number(v()));
    else if (a === "--users") o.users = Math.max(1, Math.floor(Number(v())));
    else if (a === "--targets")
      o.targets = v()
        .split(",")
        .filter((t): t is "server" | "embedded" => t === "server" || t === "embedded");
    else if (a === "--think-ms") {
      const [min, max] = v().split("-").map(Number);
      o.thinkMin = min ?? 0;
      o.thinkMax = max ?? min ?? 0;
    } else if (a === "--chat-share") o.chatShare = Math.min(1, Math.max(0, Number(v())));
    else if (a === "--ingest-during") o.ingestDuring = true;
    else if (a === "--cpu-prof") o.cpuProfDir = path.resolve(v());
    else if (a === "--") continue;
    else
      throw new Error(
        `Unknown flag ${a}. Flags: --json --duration S --users N --targets server,embedded --think-ms MIN-MAX --chat-share F --ingest-during --cpu-prof DIR`,
      );
  }
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const say = (line: string) => process.stderr.write(`[bench:load] ${line}\n`);

// ---------------------------------------------------------------- processes

const children = new Set<ChildProcess>();
function stopAll() {
  for (const c of children) if (c.exitCode === null && c.pid) c.kill("SIGTERM");
}
process.on("exit", stopAll);
process.on("SIGINT", () => {
  stopAll();
  process.exit(130);
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns a process and resolves with the first stdout line matching `ready` (bounded by `timeoutMs`). */
function spawnUntil({
  cmd,
  args,
  cwd,
  env,
  ready,
  timeoutMs,
}: {
  cmd: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  timeoutMs: number;
}): Promise<{ child: ChildProcess; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    child.on("exit", () => children.delete(child));
    let buffer = "";
    let errTail = "";
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${path.basename(args[0] ?? cmd)} not ready after ${timeoutMs} ms: ${errTail.slice(-800)}`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (ready.test(line)) {
          clearTimeout(timer);
          resolve({ child, line });
        }
      }
    });
    const script = path.basename(args.find((a) => !a.startsWith("-")) ?? cmd);
    const logFile = path.join(os.tmpdir(), `gw-bench-${script.replace(/\W/g, "_")}-${child.pid}.log`);
    const logStream = fs.createWriteStream(logFile);
    child.stderr.on("data", (d: Buffer) => {
      errTail = (errTail + d.toString()).slice(-4000);
      logStream.write(d);
    });
    child.on("exit", () => logStream.end());
    say(`${script} stderr → ${logFile}`);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(args[0] ?? cmd)} exited with ${code}: ${errTail.slice(-800)}`));
    });
  });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

// The bench builds into its own dist dir: a developer's `next build`/`next dev` in `.next` would
// otherwise replace the files of the server under test mid-run.
const DIST_DIR = ".next-bench";

function newestMtime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|tsx|css|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return newest;
}

/** Builds when there is no bench build or any source is newer than it. */
function ensureWebBuild() {
  const buildId = path.join(webDir, DIST_DIR, "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const sources = Math.max(
    ...["app", "lib", "components", "server"].map((d) => newestMtime(path.join(webDir, d))),
    ...["packages", "ingest/src"].map((d) => newestMtime(path.join(repo, d))),
  );
  if (built > sources) return;
  say(`building apps/web into ${DIST_DIR} (${built ? "sources changed" : "no bench build yet"})`);
  const nextEnv = path.join(webDir, "next-env.d.ts");
  const nextEnvBefore = fs.readFileSync(nextEnv);
  const r = spawnSync("pnpm", ["--filter", "@groundwork/web", "build"], {
    cwd: repo,
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", GROUNDWORK_NEXT_DIST_DIR: DIST_DIR },
  });
  // next build points next-env.d.ts at the dist dir it built; the committed file names `.next`.
  fs.writeFileSync(nextEnv, nextEnvBefore);
  if (r.status !== 0) throw new Error(`next build failed:\n${String(r.stdout).slice(-3000)}`);
}

// ---------------------------------------------------------------- data

const QUESTIONS = [
  "How many days of annual leave do I get?",
  "What is the expenses policy for meals?",
  "Can I work remotely from another country?",
  "How do I report a security incident?",
  "What are the password and MFA requirements?",
  "Which software is approved for use?",
  "What does the travel policy say about flights?",
  "How do I reset a customer's password?",
  "What are the incident severity levels?",
  "When is support coverage available?",
  "What is in the onboarding checklist?",
  "What benefits does Quillfeather offer?",
  "What is the acceptable use policy?",
  "How do I escalate a customer issue?",
  "What is the SLA uptime commitment?",
  "parental leave",
  "office wifi",
  "expense receipts deadline",
];

type BenchUser = { cookie: string; csrf: string };

/** Bench users with a spread of groups (ACL filters at work), and a session row each. */
async function createUsers({ db, count }: { db: DbHandle["db"]; count: number }): Promise<BenchUser[]> {
  const groupRows = await db.select().from(groups);
  const byName = new Map(groupRows.map((g) => [g.name, g.id]));
  const mix = [[], ["hr"], ["legal"], ["support"], ["exec"]] as string[][];
  const out: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const username = `bench${String(i + 1).padStart(3, "0")}`;
    const role = i % 5 === 3 ? "support" : "employee";
    const [u] = await db
      .insert(users)
      .values({ username, displayName: `Bench ${i + 1}`, role })
      .onConflictDoUpdate({ target: users.username, set: { role } })
      .returning({ id: users.id });
    for (const g of mix[i % mix.length]!) {
      const gid = byName.get(g);
      if (gid) await db.insert(memberships).values({ userId: u!.id, groupId: gid }).onConflictDoNothing();
    }
    // A real session, as sign-in creates it (auth owns the sessions table).
    const { token, csrfToken } = await createSession({ db, userId: u!.id });
    out.push({ cookie: `gw_session=${token}`, csrf: csrfToken });
  }
  return out;
}

async function prepare({ db }: { db: DbHandle["db"] }): Promise<BenchUser[]> {
  await migrateDatabase({ db });
  await seedDemoUsers({ db });
  const run = await ingestFolder({ db, name: "bench-corpus", dir: corpusDir });
  const chunkCount = (await db.execute<{ n: number }>(sql`select count(*)::int as n from chunks`)).rows[0]?.n ?? 0;
  say(`corpus ingested: run ${run.status}, ${run.counts.added} documents, ${chunkCount} chunks`);
  return createUsers({ db, count: opts.users });
}

// ---------------------------------------------------------------- load

type Sample = {
  route: "search" | "chat";
  ms: number;
  firstEventMs: number | null;
  ok: boolean;
  status: number;
  error?: string;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

async function searchOnce(base: string, u: BenchUser, q: string): Promise<Sample> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/search`, {
      method: "POST",
      headers: { cookie: u.cookie, "x-csrf-token": u.csrf, origin: base, "content-type": "application/json" },
      body: JSON.stringify({ query: q, limit: 10 }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = await res.text();
    const ms = performance.now() - t0;
    return {
      route: "search",
      ms,
      firstEventMs: null,
      ok: res.status === 200,
      status: res.status,
      ...(res.status === 200 ? {} : { error: body.slice(0, 200) }),
    };
  } catch (error) {
    return {
      route: "search",
      ms: performance.now() - t0,
      firstEventMs: null,
      ok: false,
      status: 0,
      error: (error as Error).message,
    };
  }
}

async function chatOnce(base: string, u: BenchUser, q: string): Promise<Sample> {
  const t0 = performance.now();
  try {
    const res = await fetch(`${base}/api/chat`, {
      method: "POST",
      headers: {
        cookie: u.cookie,
        "x-csrf-token": u.csrf,
        origin: base,
        "content-type": "application/json",
        accept: "text/event-stream",
      },
      body: JSON.stringify({ question: q }),
      signal: AbortSignal.timeout(60_000),
    });
    if (res.status !== 200 || !res.body) {
      const body = await res.text();
      return {
        route: "chat",
        ms: performance.now() - t0,
        firstEventMs: null,
        ok: false,
        status: res.status,
        error: body.slice(0, 200),
      };
    }
    let firstEventMs: number | null = null;
    let text = "";
    const decoder = new TextDecoder();
    // Bounded read: the stream ends with `done`/`error`, or the abort signal fires.
    const reader = res.body.getReader();
    for (;;) {
      const { done: finished, value: part } = await reader.read();
      if (finished) break;
      const s = decoder.decode(part, { stream: true });
      if (firstEventMs === null && /(^|\n)(event|data):/.test(text + s)) firstEventMs = performance.now() - t0;
      text += s;
      if (text.length > 2_000_000) {
        await reader.cancel();
        break;
      }
    }
    const failed = /(^|\n)event: ?error/.test(text);
    const done = /(^|\n)event: ?done/.test(text);
    return {
      route: "chat",
      ms: performance.now() - t0,
      firstEventMs,
      ok: done && !failed,
      status: res.status,
      ...(done && !failed ? {} : { error: text.slice(-200) }),
    };
  } catch (error) {
    return {
      route: "chat",
      ms: performance.now() - t0,
      firstEventMs: null,
      ok: false,
      status: 0,
      error: (error as Error).message,
    };
  }
}

async function runLoad({ base, benchUsers }: { base: string; benchUsers: BenchUser[] }): Promise<Sample[]> {
  const samples: Sample[] = [];
  const deadline = Date.now() + opts.durationS * 1000;
  const maxIterations = opts.durationS * 200;
  let seed = 42;
  const rand = () => {
    // Deterministic mix across runs (mulberry32).
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  await Promise.all(
    benchUsers.map(async (u, i) => {
      // Stagger the start so 50 users do not arrive in the same millisecond.
      await new Promise((r) => setTimeout(r, (i * 997) % Math.max(1, opts.thinkMax)));
      for (let n = 0; n < maxIterations && Date.now() < deadline; n++) {
        const q = QUESTIONS[Math.floor(rand() * QUESTIONS.length)]!;
        const s = rand() < opts.chatShare ? await chatOnce(base, u, q) : await searchOnce(base, u, q);
        samples.push(s);
        const think = opts.thinkMin + rand() * (opts.thinkMax - opts.thinkMin);
        if (Date.now() + think >= deadline) break;
        await new Promise((r) => setTimeout(r, think));
      }
    }),
  );
  return samples;
}

type RouteFigures = { requests: number; errors: number; p50_ms: number; p95_ms: number; p99_ms: number };
type TargetFigures = {
  errors: number;
  search: RouteFigures;
  chat: RouteFigures & { first_event_p50_ms: number; first_event_p95_ms: number; first_event_p99_ms: number };
  requests_per_s: number;
  error_samples: string[];
};

function summarize(samples: Sample[]): TargetFigures {
  const fig = (route: "search" | "chat"): RouteFigures => {
    const s = samples.filter((x) => x.route === route);
    const ms = s.map((x) => x.ms).sort((a, b) => a - b);
    return {
      requests: s.length,
      errors: s.filter((x) => !x.ok).length,
      p50_ms: round(percentile(ms, 50)),
      p95_ms: round(percentile(ms, 95)),
      p99_ms: round(percentile(ms, 99)),
    };
  };
  const first = samples
    .filter((x) => x.route === "chat" && x.firstEventMs !== null)
    .map((x) => x.firstEventMs!)
    .sort((a, b) => a - b);
  const errors = samples.filter((x) => !x.ok);
  return {
    errors: errors.length,
    search: fig("search"),
    chat: {
      ...fig("chat"),
      first_event_p50_ms: round(percentile(first, 50)),
      first_event_p95_ms: round(percentile(first, 95)),
      first_event_p99_ms: round(percentile(first, 99)),
    },
    requests_per_s: round(samples.length / opts.durationS),
    error_samples: [...new Set(errors.map((e) => `${e.route} ${e.status} ${e.error ?? ""}`.slice(0, 160)))].slice(0, 5),
  };
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 10) / 10 : -1;
}

// ---------------------------------------------------------------- targets

async function startProduct({ env }: { env: NodeJS.ProcessEnv }): Promise<{ base: string; child: ChildProcess }> {
  const port = await freePort();
  const tsx = path.join(webDir, "node_modules", ".bin", "tsx");
  const { child } = await spawnUntil({
    cmd: tsx,
    // --cpu-prof: a V8 profile of the product process (written when it stops) to see where load goes.
    args: [...(opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : []), "server/main.ts"],
    cwd: webDir,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      GROUNDWORK_NEXT_DIST_DIR: DIST_DIR,
    },
    ready: /Groundwork is ready at/,
    timeoutMs: 180_000,
  });
  const base = `http://127.0.0.1:${port}`;
  // Warm the routes once (first requests load route modules).
  return { base, child };
}

async function benchTarget({
  target,
  llmBaseUrl,
}: {
  target: "server" | "embedded";
  llmBaseUrl: string;
}): Promise<TargetFigures> {
  const commonEnv: NodeJS.ProcessEnv = {
    LLM_BASE_URL: llmBaseUrl,
    LLM_API_KEY: "bench",
    LLM_MODEL: "fake-chat",
    // The bench measures latency under load, not the abuse limits.
    GROUNDWORK_RATE_LIMIT_CHAT_PER_MINUTE: "0",
    GROUNDWORK_RATE_LIMIT_SEARCH_PER_MINUTE: "0",
    GROUNDWORK_LOG_LEVEL: "warn",
    // The corpus is ingested before the product starts; no first-run sample ingestion under load.
    // (--ingest-during keeps it: the sample corpus is ingested as a second source while users work.)
    GROUNDWORK_SAMPLE_CORPUS: opts.ingestDuring ? "on" : "off",
  };
  let cleanup: () => Promise<void>;
  let env: NodeJS.ProcessEnv;
  let benchUsers: BenchUser[];
  if (target === "server") {
    const name = `gw_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? testServerUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(process.env.BENCH_DATABASE_URL ?? testServerUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ env: { ...readDbEnv({}), DATABASE_URL: url.toString() } });
    benchUsers = await prepare({ db: handle.db });
    await handle.close();
    env = { ...commonEnv, DATABASE_URL: url.toString() };
    cleanup = async () => {
      const c = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL ?? testServerUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-bench-"));
    const handle = await openDatabase({ env: { ...readDbEnv({}), dataDir }, own: "always" });
    benchUsers = await prepare({ db: handle.db });
    await handle.close();
    env = { ...commonEnv, DATABASE_URL: "", GROUNDWORK_DATA_DIR: dataDir };
    cleanup = async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(`${dataDir}.lock`, { force: true });
    };
  }
  let product: { base: string; child: ChildProcess } | undefined;
  try {
    product = await startProduct({ env });
    say(`${target}: product at ${product.base}; warming up`);
    for (const q of QUESTIONS.slice(0, 3)) {
      await searchOnce(product.base, benchUsers[0]!, q);
      await chatOnce(product.base, benchUsers[0]!, q);
    }
    say(
      `${target}: ${opts.users} users for ${opts.durationS} s (chat share ${opts.chatShare}, think ${opts.thinkMin}-${opts.thinkMax} ms)`,
    );
    const samples = await runLoad({ base: product.base, benchUsers });
    return summarize(samples);
  } finally {
    if (product) await stopChild(product.child);
    await cleanup();
  }
}

// ---------------------------------------------------------------- main

ensureWebBuild();
const fakeScript = path.join(repo, "packages/models/src/testing/fake-openai-server.ts");
const fake = await spawnUntil({
  cmd: path.join(webDir, "node_modules", ".bin", "tsx"),
  args: [fakeScript, "--port", "0", "--host", "127.0.0.1"],
  cwd: repo,
  env: process.env,
  ready: /"fakeOpenAI"/,
  timeoutMs: 30_000,
});
const llmBaseUrl = (JSON.parse(fake.line) as { baseURL: string }).baseURL;

const results: Partial<Record<"server" | "embedded", TargetFigures>> = {};
try {
  for (const target of opts.targets) results[target] = await benchTarget({ target, llmBaseUrl });
} finally {
  await stopChild(fake.child);
}

const rows: string[][] = [["target", "route", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "target p95"]];
for (const [target, r] of Object.entries(results)) {
  rows.push([
    target,
    "search",
    String(r.search.requests),
    String(r.search.errors),
    String(r.search.p50_ms),
    String(r.search.p95_ms),
    String(r.search.p99_ms),
    "≤ 150 ms",
  ]);
  rows.push([
    target,
    "chat (total)",
    String(r.chat.requests),
    String(r.chat.errors),
    String(r.chat.p50_ms),
    String(r.chat.p95_ms),
    String(r.chat.p99_ms),
    "—",
  ]);
  rows.push([
    target,
    "chat first event",
    String(r.chat.requests),
    "",
    String(r.chat.first_event_p50_ms),
    String(r.chat.first_event_p95_ms),
    String(r.chat.first_event_p99_ms),
    "≤ 300 ms",
  ]);
  for (const e of r.error_samples) rows.push([target, "error", e, "", "", "", "", ""]);
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
console.log(
  `\nload: ${opts.users} users, ${opts.durationS} s per target, think ${opts.thinkMin}-${opts.thinkMax} ms, chat share ${opts.chatShare}; errors target 0`,
);
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join("  "));

const primary = results.server ?? results.embedded;
const line = {
  errors: primary?.errors ?? -1,
  search_p95_ms: primary?.search.p95_ms ?? -1,
  chat_first_event_p95_ms: primary?.chat.first_event_p95_ms ?? -1,
  users: opts.users,
  duration_s: opts.durationS,
  think_ms: [opts.thinkMin, opts.thinkMax],
  ...(results.server ? { server: results.server } : {}),
  ...(results.embedded
    ? {
        embedded: {
          search_p95_ms: results.embedded.search.p95_ms,
          chat_first_event_p95_ms: results.embedded.chat.first_event_p95_ms,
          ...results.embedded,
        },
      }
    : {}),
};
if (opts.json) console.log(JSON.stringify(line));
process.exit(0);
