import path from "node:path";
import { z } from "zod";
import { defineEnv, type EnvSource } from "@groundwork/core/env";
import { repoRoot } from "./paths";

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  // A streaming hot standby for retrieval and viewer reads (read-replica.ts); server mode only.
  DATABASE_READ_URL: z.string().url().optional(),
  // The staleness budget: a standby behind the primary whose last replayed commit is older than this is skipped.
  GROUNDWORK_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  // How long one read waits on the standby for it to reach the primary's LSN before going to the primary.
  GROUNDWORK_REPLICA_WAIT_MS: z.coerce.number().int().min(0).max(1_000).default(30),
  GROUNDWORK_DATA_DIR: z.string().optional(),
  GROUNDWORK_DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(8),
  GROUNDWORK_EMBEDDED_MAX_CONNECTIONS: z.coerce.number().int().min(2).max(200).default(32),
  GROUNDWORK_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  // "auto": sized at each start from the data dir's relation files (see embedded.ts).
  // "off" runs the embedded owner without its prepared-statement cache (statement-cache.mjs), to measure it or rule it out.
  GROUNDWORK_EMBEDDED_STATEMENT_CACHE: z.enum(["on", "off"]).default("on"),
  GROUNDWORK_EMBEDDED_SHARED_BUFFERS: z
    .string()
    .regex(/^(auto|\d+(kB|MB|GB))$/)
    .default("auto"),
});

export type DbEnv = z.infer<typeof schema> & { dataDir: string };

// An empty DATABASE_URL in .env means "embedded", not "invalid URL".
const readRaw = defineEnv({ schema });

export function readDbEnv(env: EnvSource = process.env): DbEnv {
  const parsed = readRaw(env);
  const dataDir = path.resolve(parsed.GROUNDWORK_DATA_DIR ?? path.join(repoRoot(), ".groundwork", "data"));
  return { ...parsed, dataDir };
}
