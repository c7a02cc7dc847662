import fs from "node:fs";
import pg from "pg";
import { readTopologyState, type TopologyLayout } from "./topology-layout";
import { stopProcess } from "./spawn-detached";
import { stopPgbouncer } from "./start-pgbouncer";
import { stopReplica } from "./start-replica";

/**
 * `pnpm topology down`: the proxy and web processes first, then the workers (SIGTERM: each drains
 * its run to the next checkpoint), then PgBouncer, the standby, and the topology's database.
 */
export async function stopTopology({
  layout,
  log = (line) => console.log(line),
  keepLogs = false,
}: {
  layout: TopologyLayout;
  log?: (line: string) => void;
  keepLogs?: boolean;
}): Promise<void> {
  const state = readTopologyState(layout);
  const procs = state?.processes ?? [];
  const order = (p: { name: string }) => (p.name === "proxy" ? 0 : p.name.startsWith("web") ? 1 : 2);
  for (const group of [0, 1, 2]) {
    await Promise.all(procs.filter((p) => order(p) === group).map((proc) => stopProcess({ proc })));
  }
  await stopPgbouncer({ layout });
  await stopReplica({ layout }).catch((error: Error) => log(`[topology] standby stop: ${error.message}`));
  const admin = new pg.Client({ connectionString: layout.primaryAdminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${layout.database} with (force)`);
  } finally {
    await admin.end();
  }
  fs.rmSync(layout.stateFile, { force: true });
  // Retried: a standby that is still exiting can write a file while the tree is removed (ENOTEMPTY).
  fs.rmSync(layout.replicaDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  if (!keepLogs) fs.rmSync(layout.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  log("[topology] down");
}
