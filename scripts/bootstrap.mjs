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
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: root, ...options, env: { ...process.env, ...options.env } });
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
  for (const f of ["pnpm-lock.yaml", "pnpm-workspace.yaml", "package.json"]) h.update(fs.readFileSync(path.join(root, f)));
  return h.digest("hex");
}

export function ensureDependencies(pnpm) {
  const key = installKey();
  const file = stamp("install");
  if (fs.existsSync(path.join(root, "node_modules")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === key) return;
  log("installing dependencies (pnpm install --frozen-lockfile)");
  run(pnpm, ["install", "--frozen-lockfile"]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, key);
}

/** Newest mtime under the sources that go into the web build. */
function sourceKey() {
  const h = crypto.createHash("sha256");
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (["node_modules", ".next", ".turbo", "test-results", "e2e"].includes(entry.name)) continue;
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(tsx?|css|json|mjs|js)$/.test(entry.name)) h.update(`${p}:${fs.statSync(p).mtimeMs}`);
    }
  };
  for (const d of ["apps/web", "packages", "ingest"]) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return h.digest("hex");
}

export function ensureBuild(pnpm) {
  const key = sourceKey();
  const file = stamp("build");
  if (fs.existsSync(path.join(root, "apps/web/.next/BUILD_ID")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === key) return;
  log("building the web app (next build)");
  run(pnpm, ["--filter", "@groundwork/web", "build"], { env: { NEXT_TELEMETRY_DISABLED: "1" } });
  fs.writeFileSync(file, key);
}
