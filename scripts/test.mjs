// `npm test`: installs what the suite needs, then typecheck, lint (type-aware, with the import boundaries),
// the formatter check, unit + integration tests on the embedded and server databases, and Playwright e2e in
// Debian's Chromium. Ends with one summary line.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies, ensurePnpm, log, root, run } from "./bootstrap.mjs";

const resultsDir = path.join(root, ".groundwork", "test-results");

function systemDepsMissing() {
  const missing = [];
  if (!fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
  const pgDirs = fs.existsSync("/usr/share/postgresql") ? fs.readdirSync("/usr/share/postgresql") : [];
  if (
    !process.env.TEST_DATABASE_URL &&
    !pgDirs.some((v) => fs.existsSync(`/usr/share/postgresql/${v}/extension/vector.control`))
  )
    missing.push("pgvector");
  return missing;
}

function ensureSystemDeps() {
  const missing = systemDepsMissing();
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  let hasSudo = false;
  try {
    execFileSync("sudo", ["-n", "true"], { stdio: "ignore" });
    hasSudo = true;
  } catch {
    hasSudo = false;
  }
  if (!isRoot && !hasSudo) {
    log(`missing system packages: ${missing.join(", ")} — run scripts/install-system-deps.sh as root`);
    return;
  }
  log(`installing system packages: ${missing.join(", ")}`);
  run("bash", [path.join(root, "scripts", "install-system-deps.sh")]);
}

/** true when the topology's primary (the server on 5432, or GROUNDWORK_TOPOLOGY_PRIMARY_URL) answers, else why not. */
function serverReachable() {
  const url = process.env.GROUNDWORK_TOPOLOGY_PRIMARY_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  try {
    const out = execFileSync(
      "psql",
      [url, "-Atc", "select count(*) from pg_available_extensions where name = 'vector'"],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 10_000 },
    );
    return out.trim() === "1" ? true : "pgvector is not installed on the server";
  } catch (error) {
    return `server ${url} unreachable: ${(error.stderr || error.message).toString().trim()}`;
  }
}

function workspacePackages() {
  const dirs = [];
  for (const parent of ["packages", "ingest", "apps", "tests", "evals", "tooling"]) {
    const base = path.join(root, parent);
    if (!fs.existsSync(base)) continue;
    const candidates = fs.existsSync(path.join(base, "package.json"))
      ? [base]
      : fs.readdirSync(base).map((d) => path.join(base, d));
    for (const dir of candidates) {
      const pkgFile = path.join(dir, "package.json");
      if (!fs.existsSync(pkgFile)) continue;
      const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
      if (pkg.scripts?.test) dirs.push({ dir, name: pkg.name });
    }
  }
  return dirs;
}

const tally = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function step(name, fn) {
  log(`── ${name}`);
  const failedBefore = tally.failed;
  try {
    fn();
  } catch (error) {
    failures.push(name);
    // A step that failed without a failing test (typecheck, lint, a crash) still counts once.
    if (tally.failed === failedBefore) tally.failed += 1;
    log(`✗ ${name}: ${error.message}`);
  }
}

function countVitest(file) {
  if (!fs.existsSync(file)) return false;
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  tally.passed += r.numPassedTests ?? 0;
  tally.failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  tally.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  return true;
}

function countPlaywright(file) {
  if (!fs.existsSync(file)) return false;
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats ?? {};
  tally.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  tally.failed += s.unexpected ?? 0;
  tally.skipped += s.skipped ?? 0;
  return true;
}

const pnpm = ensurePnpm();
ensureDependencies(pnpm);
ensureSystemDeps();
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

step("typecheck", () => run(pnpm, ["exec", "turbo", "run", "typecheck", "--output-logs=errors-only"]));
// --continue: one package's lint errors do not hide the others'.
step("lint", () => run(pnpm, ["exec", "turbo", "run", "lint", "--continue", "--output-logs=errors-only"]));
step("format check", () => run(pnpm, ["exec", "prettier", "--check", ".", "--log-level=warn"]));

for (const { dir, name } of workspacePackages()) {
  const out = path.join(resultsDir, `${name.replace(/[@/]/g, "_")}.json`);
  step(`tests ${name}`, () => {
    try {
      run(pnpm, ["run", "test", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`], { cwd: dir });
    } finally {
      if (!countVitest(out)) tally.failed += 1;
    }
  });
}

step("build web", () => run(pnpm, ["--filter", "@groundwork/web", "build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } }));
if (!failures.includes("build web")) {
  const e2eJson = path.join(root, "apps", "web", "test-results", "e2e.json");
  fs.rmSync(e2eJson, { force: true });
  step("e2e (Playwright, Debian Chromium)", () => {
    try {
      run(pnpm, ["--filter", "@groundwork/web", "test:e2e"]);
    } finally {
      if (!countPlaywright(e2eJson)) tally.failed += 1;
    }
  });
}

// The topology suite (pnpm test:topology: streaming standby, PgBouncer, two web processes behind the
// proxy, two workers) needs the server and the web build above. It runs after e2e so the two never
// compete for the 2 cores, and `topology down` runs after it whatever happened — a crashed vitest
// must not leave a standby, PgBouncer or web processes behind (the global setup's teardown would not run).
if (!failures.includes("build web")) {
  const topologyServer = serverReachable();
  if (topologyServer !== true && !process.env.CI) log(`skipping the topology suite: ${topologyServer}`);
  else {
    const out = path.join(resultsDir, "topology.json");
    step("topology (replica, PgBouncer, 2 web, 2 workers)", () => {
      if (topologyServer !== true) throw new Error(`the topology suite needs the PostgreSQL server: ${topologyServer}`);
      try {
        run(pnpm, ["test:topology", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
      } finally {
        try {
          run(pnpm, ["topology", "down"]);
        } catch (error) {
          log(`topology down: ${error.message}`);
        }
        if (!countVitest(out)) tally.failed += 1;
      }
    });
  }
}

if (failures.length) log(`failed steps: ${failures.join(", ")}`);
console.log(`\ntests: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
process.exit(failures.length || tally.failed ? 1 : 0);
