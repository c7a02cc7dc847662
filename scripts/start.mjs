// `npm start`: install, build, then run the product on the embedded database (or DATABASE_URL).
// GROUNDWORK_ROLE=all (default): the web process, which starts the ingestion worker as its child;
// web: the web process alone; worker: the worker process alone (no web build needed).
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, ensurePnpm, log, root } from "./bootstrap.mjs";

try {
  const role = process.env.GROUNDWORK_ROLE || "all";
  if (!["all", "web", "worker"].includes(role))
    throw new Error(`GROUNDWORK_ROLE must be all, web or worker (got "${role}")`);
  const pnpm = ensurePnpm();
  ensureDependencies(pnpm);
  if (role !== "worker") ensureBuild(pnpm);
  log(
    `starting ${role === "worker" ? "the ingestion worker" : role === "web" ? "the web app (no worker)" : "the web app and the ingestion worker"} (Ctrl+C stops)`,
  );
  const child = spawn(pnpm, ["--filter", role === "worker" ? "@groundwork/worker" : "@groundwork/web", "start"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} catch (error) {
  console.error(`[groundwork] ${error.message}`);
  process.exit(error.status ?? 1);
}
