import { z } from "zod";
import { defineEnv } from "@groundwork/core/env";

/**
 * The web process's own settings (read after the repo-root .env is loaded). GROUNDWORK_ROLE:
 * `all` (default) serves the web app and runs the ingestion worker as a child process; `web`
 * serves only (workers run elsewhere: `pnpm --filter @groundwork/worker start`); `worker` is not
 * this process's role (scripts/start.mjs starts apps/worker for it).
 */
export const readServerEnv = defineEnv({
  schema: z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default("127.0.0.1"),
    GROUNDWORK_DEV: z.enum(["0", "1"]).default("0"),
    GROUNDWORK_ROLE: z.enum(["web", "worker", "all"]).default("all"),
    GROUNDWORK_TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    GROUNDWORK_SAMPLE_CORPUS: z.string().default("on"),
    // The Next build folder, relative to apps/web (next.config.ts reads the same variable; the load bench sets it).
    GROUNDWORK_NEXT_DIST_DIR: z.string().default(".next"),
  }),
});

/** The worker child's environment: ours, with its role and the data dir resolved here (absolute; its cwd differs). */
export function workerChildEnv({ dataDir }: { dataDir: string }): NodeJS.ProcessEnv {
  return { ...process.env, GROUNDWORK_ROLE: "worker", GROUNDWORK_DATA_DIR: dataDir };
}
