import fs from "node:fs";
import path from "node:path";
import { runWorkerProcess } from "./run-worker-process";

// The repo-root .env (see .env.example); variables already in the environment win.
const envFile = path.resolve(import.meta.dirname, "..", "..", "..", ".env");
if (fs.existsSync(envFile)) process.loadEnvFile(envFile);

await runWorkerProcess();
