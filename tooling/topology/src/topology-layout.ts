import fs from "node:fs";
import path from "node:path";
import type { TopologyEnv } from "./env";

/** Every address and file of one topology, derived from its settings. */
export type TopologyLayout = {
  dir: string;
  database: string;
  primaryAdminUrl: string;
  primaryPort: number;
  replicaPort: number;
  pgbouncerPort: number;
  proxyPort: number;
  webPorts: number[];
  workers: number;
  replicaDir: string;
  pgbouncerDir: string;
  logDir: string;
  stateFile: string;
  distDir: string;
  pgBin: string | undefined;
  /** What the web processes and workers connect to: the primary and the standby, both through PgBouncer. */
  appUrl: string;
  appReadUrl: string;
  /** The same two databases without PgBouncer (the tests' direct checks, the bench's revocation probe). */
  directPrimaryUrl: string;
  directReplicaUrl: string;
  proxyUrl: string;
};

export function topologyLayout(env: TopologyEnv): TopologyLayout {
  const base = env.GROUNDWORK_TOPOLOGY_PORT_BASE;
  const primary = new URL(env.GROUNDWORK_TOPOLOGY_PRIMARY_URL);
  const db = env.GROUNDWORK_TOPOLOGY_DB;
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const directPrimary = new URL(env.GROUNDWORK_TOPOLOGY_PRIMARY_URL);
  directPrimary.pathname = `/${db}`;
  return {
    dir: env.dir,
    database: db,
    primaryAdminUrl: env.GROUNDWORK_TOPOLOGY_PRIMARY_URL,
    primaryPort: Number(primary.port || 5432),
    replicaPort: base + 1,
    pgbouncerPort: base + 2,
    proxyPort: base + 10,
    webPorts: Array.from({ length: env.GROUNDWORK_TOPOLOGY_WEB }, (_, i) => base + 11 + i),
    workers: env.GROUNDWORK_TOPOLOGY_WORKERS,
    replicaDir: path.join(env.dir, "replica"),
    pgbouncerDir: path.join(env.dir, "pgbouncer"),
    logDir: path.join(env.dir, "logs"),
    stateFile: path.join(env.dir, "state.json"),
    distDir: env.GROUNDWORK_NEXT_DIST_DIR,
    pgBin: env.GROUNDWORK_TOPOLOGY_PG_BIN,
    appUrl: url(base + 2, db),
    appReadUrl: url(base + 2, `${db}_replica`),
    directPrimaryUrl: directPrimary.toString(),
    directReplicaUrl: url(base + 1, db),
    proxyUrl: `http://127.0.0.1:${base + 10}`,
  };
}

/** What `up` started, so `down` and `status` find it again. */
export type TopologyState = {
  startedAt: string;
  layout: TopologyLayout;
  processes: { name: string; pid: number; log: string }[];
};

export function readTopologyState(layout: TopologyLayout): TopologyState | null {
  if (!fs.existsSync(layout.stateFile)) return null;
  return JSON.parse(fs.readFileSync(layout.stateFile, "utf8")) as TopologyState;
}

export function writeTopologyState(state: TopologyState): void {
  fs.writeFileSync(state.layout.stateFile, JSON.stringify(state, null, 2));
}
