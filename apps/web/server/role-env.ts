import { z } from "zod";
import { defineEnv } from "@groundwork/core/env";

/**
 * GROUNDWORK_ROLE: `all` (default) serves the web app and runs the ingestion worker as a child
 * process; `web` serves only (workers run elsewhere: `pnpm --filter @groundwork/worker start`);
 * `worker` is not this process's role (scripts/start.mjs starts apps/worker for it).
 */
export const readRoleEnv = defineEnv({ schema: z.object({ GROUNDWORK_ROLE: z.enum(["web", "worker", "all"]).default("all") }) });

/** The worker child's environment: ours, with its role and the data dir resolved here (absolute; its cwd differs). */
export function workerChildEnv({ dataDir }: { dataDir: string }): NodeJS.ProcessEnv {
  return { ...process.env, GROUNDWORK_ROLE: "worker", GROUNDWORK_DATA_DIR: dataDir };
}
