import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { defineEnv, type EnvSource } from "@groundwork/core/env";

/**
 * Where the local topology lives and which ports it takes. Ports are a block from
 * GROUNDWORK_TOPOLOGY_PORT_BASE: +1 the standby, +2 PgBouncer, +10 the proxy, +11… the web processes.
 */
const schema = z.object({
  GROUNDWORK_TOPOLOGY_DIR: z.string().optional(),
  /** A superuser on the primary (the running PostgreSQL server); the topology's database is created there. */
  GROUNDWORK_TOPOLOGY_PRIMARY_URL: z.string().url().default("postgres://postgres@127.0.0.1:5432/postgres"),
  GROUNDWORK_TOPOLOGY_PORT_BASE: z.coerce.number().int().min(1024).max(65000).default(55430),
  GROUNDWORK_TOPOLOGY_DB: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,40}$/)
    .default("gw_topology"),
  GROUNDWORK_TOPOLOGY_WEB: z.coerce.number().int().min(1).max(8).default(2),
  GROUNDWORK_TOPOLOGY_WORKERS: z.coerce.number().int().min(0).max(8).default(2),
  /** The Next build the web processes serve (relative to apps/web), shared with `npm test`'s build step. */
  GROUNDWORK_NEXT_DIST_DIR: z.string().default(".next"),
  /** The PostgreSQL binaries for the standby (pg_ctl); by default the primary's major version's. */
  GROUNDWORK_TOPOLOGY_PG_BIN: z.string().optional(),
});

export type TopologyEnv = z.infer<typeof schema> & { dir: string };

const read = defineEnv({ schema });

export function readTopologyEnv(env: EnvSource = process.env): TopologyEnv {
  const parsed = read(env);
  return {
    ...parsed,
    dir: path.resolve(parsed.GROUNDWORK_TOPOLOGY_DIR ?? path.join(os.tmpdir(), "groundwork-topology")),
  };
}

/** The operator's own environment, for the processes the topology starts (PATH, HOME, LLM settings…). */
export function inheritedEnv(): NodeJS.ProcessEnv {
  return { ...process.env };
}
