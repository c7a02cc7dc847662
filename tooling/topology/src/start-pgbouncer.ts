import fs from "node:fs";
import path from "node:path";
import type { TopologyLayout } from "./topology-layout";
import { pidAlive, runCommand, serviceDir, sleep } from "./run-command";

/**
 * Debian's PgBouncer (1.18) in transaction pooling in front of both servers: `<db>` is the primary,
 * `<db>_replica` the standby. What makes the product safe behind it:
 * - no session state: the reader's role, principals and HNSW settings are `set_config(…, true)`
 *   inside each transaction (access/reader-scope.ts); pg-boss uses `SET LOCAL` and
 *   `pg_advisory_xact_lock` inside its own transactions, never LISTEN/NOTIFY or session locks;
 * - no named prepared statements (1.18 cannot carry them across transactions): node-postgres
 *   only names a statement when a query config has `name`, drizzle only when `.prepare(name)` is
 *   called, and nothing in the product does either — every query is an unnamed extended-protocol
 *   statement, parsed and executed in one round trip on whichever server connection runs it.
 * pg-boss therefore goes through PgBouncer like everything else (one pool per process, one URL).
 */
export function pgbouncerIni(layout: TopologyLayout): string {
  const dir = layout.pgbouncerDir;
  return [
    "[databases]",
    `${layout.database} = host=127.0.0.1 port=${layout.primaryPort} dbname=${layout.database}`,
    `${layout.database}_replica = host=127.0.0.1 port=${layout.replicaPort} dbname=${layout.database}`,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${layout.pgbouncerPort}`,
    "unix_socket_dir =",
    "auth_type = trust",
    `auth_file = ${path.join(dir, "userlist.txt")}`,
    "pool_mode = transaction",
    // Few server connections: the primary is shared (max_connections 100) and has 2 cores.
    "default_pool_size = 12",
    "max_client_conn = 500",
    "server_reset_query =",
    // node-postgres sends no startup options PgBouncer would refuse; drivers that send these are let through.
    "ignore_startup_parameters = extra_float_digits,options",
    "admin_users = postgres",
    "stats_users = postgres",
    // SHOW STATS totals every second rather than every minute: the topology suite counts the standby pool's transactions.
    "stats_period = 1",
    `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
    `logfile = ${path.join(layout.logDir, "pgbouncer.log")}`,
    "",
  ].join("\n");
}

export async function startPgbouncer({ layout, log }: { layout: TopologyLayout; log: (l: string) => void }) {
  fs.rmSync(layout.pgbouncerDir, { recursive: true, force: true });
  serviceDir(layout.pgbouncerDir);
  serviceDir(layout.logDir);
  const ini = path.join(layout.pgbouncerDir, "pgbouncer.ini");
  fs.writeFileSync(ini, pgbouncerIni(layout));
  // trust still requires the user to be listed.
  fs.writeFileSync(path.join(layout.pgbouncerDir, "userlist.txt"), '"postgres" ""\n');
  if (!fs.existsSync("/usr/sbin/pgbouncer"))
    throw new Error("pgbouncer is not installed: run scripts/install-system-deps.sh (Debian's pgbouncer package)");
  log(`[topology] pgbouncer: transaction pooling on port ${layout.pgbouncerPort}`);
  runCommand({ cmd: "/usr/sbin/pgbouncer", args: ["-d", "-q", ini], service: true });
  for (let i = 0; i < 50; i++) {
    if (pgbouncerPid(layout)) return;
    await sleep(100);
  }
  throw new Error(`pgbouncer did not start: see ${path.join(layout.logDir, "pgbouncer.log")}`);
}

export function pgbouncerPid(layout: TopologyLayout): number | null {
  const file = path.join(layout.pgbouncerDir, "pgbouncer.pid");
  if (!fs.existsSync(file)) return null;
  const pid = Number(fs.readFileSync(file, "utf8").trim());
  return pid && pidAlive(pid) ? pid : null;
}

export async function stopPgbouncer({ layout }: { layout: TopologyLayout }): Promise<void> {
  const pid = pgbouncerPid(layout);
  if (!pid) return;
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && pidAlive(pid); i++) await sleep(100);
}
