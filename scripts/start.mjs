// `npm start`: install, build, then run the whole product on the embedded database (or DATABASE_URL).
import { spawn } from "node:child_process";
import { ensureBuild, ensureDependencies, ensurePnpm, log, root } from "./bootstrap.mjs";

try {
  const pnpm = ensurePnpm();
  ensureDependencies(pnpm);
  ensureBuild(pnpm);
  log("starting (Ctrl+C stops)");
  const child = spawn(pnpm, ["--filter", "@groundwork/web", "start"], {
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
