// Shared by start.mjs and test.mjs: everything needed on a machine with only Node 20 + npm.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PNPM_VERSION = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).packageManager.split("@")[1];
const toolsDir = path.join(root, ".groundwork", "tools");

export function log(message) {
  console.log(`[groundwork] ${message}`);
}

function versionOf(cmd) {
  try {
    return execFileSync(cmd, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** Path to a pnpm of the pinned version: on PATH, else installed into .groundwork/tools (no root needed). */
export function ensurePnpm() {
  if (versionOf("pnpm") === PNPM_VERSION) return "pnpm";
  const local = path.join(toolsDir, "node_modules", ".bin", "pnpm");
  if (versionOf(local) !== PNPM_VERSION) {
    log(`installing pnpm ${PNPM_VERSION} into .groundwork/tools`);
    fs.mkdirSync(toolsDir, { recursive: true });
    run("npm", ["install", "--prefix", toolsDir, "--no-save", "--no-package-lock", `pnpm@${PNPM_VERSION}`]);
  }
  // Children look pnpm up by name (turbo resolves the package manager, Playwright's webServer
  // and package scripts run `pnpm …`), so the local one must be on their PATH too.
  process.env.PATH = `${path.dirname(local)}${path.delimiter}${process.env.PATH ?? ""}`;
  return local;
}

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, {
    stdio: "inherit",
    cwd: root,
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0) {
    const error = new Error(`${cmd} ${args.join(" ")} exited with ${result.status ?? result.signal}`);
    error.status = result.status ?? 1;
    throw error;
  }
}

function stamp(name) {
  return path.join(root, ".groundwork", `${name}.stamp`);
}

/** Hash of the files that decide whether `pnpm install` must run again. */
function installKey() {
  const h = crypto.createHash("sha256");
  for (const f of ["pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json"])
    h.update(fs.readFileSync(path.join(root, f)));
  return h.digest("hex");
}

export function ensureDependencies(pnpm) {
  const key = installKey();
  const file = stamp("install");
  if (fs.existsSync(path.join(root, "node_modules")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === key)
    return;
  log("installing dependencies (pnpm install --frozen-lockfile)");
  run(pnpm, ["install", "--frozen-lockfile"]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, key);
}

// What the web build reads: the app, the workspace packages it compiles (transpilePackages) and
// the shared TypeScript config. Only sources count: build output (.next, .next-bench and any other
// dot folder), installs, test results, data dirs and corpora are skipped, and so are tests and docs,
// so a bench or test run — which writes into those folders — never makes the next start rebuild.
const BUILD_INPUTS = ["apps/web", "packages", "ingest", "tooling/typescript"];
const SKIP_DIRS = new Set([
  "node_modules",
  "test-results",
  "playwright-report",
  "e2e",
  "corpus",
  "fixtures",
  "dist",
  "coverage",
]);
const SOURCE_FILE = /\.(tsx?|css|json|mjs|js)$/;
const NOT_INPUT = /(\.test\.tsx?|\.d\.ts|\.tsbuildinfo)$/;

/** Hash of the contents of the build's source files (contents, not mtimes: a checkout or touch changes nothing). */
function sourceKey() {
  const h = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !NOT_INPUT.test(entry.name)) {
        h.update(`${path.relative(root, p)}\0`);
        h.update(fs.readFileSync(p));
      }
    }
  };
  for (const d of BUILD_INPUTS) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return h.digest("hex");
}

const webDist = path.join(root, "apps", "web", ".next");

/**
 * Pids of running servers that serve `apps/web/.next`: each web process registers itself in
 * `.next/servers/<pid>` while it runs (apps/web/server/dist-registration.ts); a file whose process
 * is gone (killed) does not count.
 */
function liveServers() {
  const dir = path.join(webDist, "servers");
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((name) => {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return error.code === "EPERM";
    }
  });
}

/**
 * Builds the web app when its sources changed since the last build. Never underneath a live
 * server: Next reads its build lazily, so replacing `.next` while a server uses it makes every
 * page fail until that server restarts — with one running, this refuses with the pid instead.
 */
export function ensureBuild(pnpm) {
  const key = sourceKey();
  const file = stamp("build");
  if (fs.existsSync(path.join(webDist, "BUILD_ID")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === key)
    return;
  const live = liveServers();
  if (live.length > 0) {
    const error = new Error(
      `the web app's sources changed since its last build, but a Groundwork server (pid ${live.join(", ")}) is serving apps/web/.next; ` +
        "rebuilding underneath it would break every page it serves. Stop it (Ctrl+C in its terminal, or `kill " +
        live[0] +
        "`), then run this again.",
    );
    error.status = 1;
    throw error;
  }
  log("building the web app (next build)");
  // A build that fails leaves no stamp, so the next start builds again.
  fs.rmSync(file, { force: true });
  run(pnpm, ["--filter", "@groundwork/web", "build"], {
    env: { NEXT_TELEMETRY_DISABLED: "1", GROUNDWORK_NEXT_DIST_DIR: "" },
  });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, key);
}
