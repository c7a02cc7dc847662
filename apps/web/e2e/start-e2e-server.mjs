// Starts the product on a fresh embedded data dir for the e2e run and removes it afterwards.
import { spawn } from "node:child_process";
import fs from "node:fs";

const dataDir = process.env.GROUNDWORK_DATA_DIR;
fs.rmSync(dataDir, { recursive: true, force: true });
fs.rmSync(`${dataDir}.lock`, { force: true });
const child = spawn("pnpm", ["exec", "tsx", "server/main.ts"], { stdio: "inherit", env: process.env });
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
