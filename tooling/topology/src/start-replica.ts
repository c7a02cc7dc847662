import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { TopologyLayout } from "./topology-layout";
import { runCommand, serviceDir, sleep } from "./run-command";

// Settings a hot standby must have at least as high as its primary's, or it refuses to start.
const AT_LEAST_PRIMARY = [
  "max_connections",
  "max_worker_processes",
  "max_wal_senders",
  "max_prepared_transactions",
  "max_locks_per_transaction",
];

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The PostgreSQL binaries matching the primary's major version (Debian keeps each under /usr/lib/postgresql/N). */
export async function pgBinDir(layout: TopologyLayout): Promise<string> {
  if (layout.pgBin) return layout.pgBin;
  const major = await withClient(layout.primaryAdminUrl, async (c) =>
    Math.floor(Number((await c.query("show server_version_num")).rows[0].server_version_num) / 10_000),
  );
  const dir = `/usr/lib/postgresql/${major}/bin`;
  if (!fs.existsSync(path.join(dir, "pg_ctl")))
    throw new Error(`no pg_ctl for PostgreSQL ${major} in ${dir}: set GROUNDWORK_TOPOLOGY_PG_BIN`);
  return dir;
}

/**
 * A replication connection from loopback must be allowed on the primary. Debian's default pg_hba
 * has `host replication all 127.0.0.1/32 …`; this machine's trimmed one does not, so when no rule
 * names `replication` the harness appends one (trust, loopback only — the same trust the file
 * already gives every local database connection) and reloads the server. Needs write access to
 * the hba file: run as root, or as its owner (`sudo -u postgres`).
 */
async function ensureReplicationAccess({ layout, log }: { layout: TopologyLayout; log: (l: string) => void }) {
  await withClient(layout.primaryAdminUrl, async (c) => {
    const rules = await c.query(
      "select 1 from pg_hba_file_rules where 'replication' = any(database) and type like 'host%' and error is null",
    );
    if (rules.rowCount) return;
    const file = (await c.query("show hba_file")).rows[0].hba_file as string;
    const rule =
      "\n# Added by Groundwork's `pnpm topology up`: streaming replication from loopback (pg_basebackup, the standby).\nhost replication all 127.0.0.1/32 trust\n";
    try {
      fs.appendFileSync(file, rule);
    } catch (error) {
      // Not root and not the file's owner: passwordless sudo (a developer machine, a CI runner) can still append.
      const viaSudo = spawnSync("sudo", ["-n", "tee", "-a", file], { input: rule, stdio: ["pipe", "ignore", "pipe"] });
      if (viaSudo.status !== 0)
        throw new Error(
          `the primary allows no replication connections and ${file} is not writable (${(error as Error).message}; sudo -n: ${viaSudo.error?.message ?? viaSudo.stderr?.toString().trim()}): add "host replication all 127.0.0.1/32 trust" there and reload, or run scripts/install-system-deps.sh`,
        );
    }
    await c.query("select pg_reload_conf()");
    log(`[topology] allowed loopback replication in ${file}`);
    await sleep(1_000);
  });
}

/**
 * A streaming hot standby of the primary: `pg_basebackup -R` into a fresh data dir (it writes
 * `standby.signal` and `primary_conninfo`), a config of its own (Debian keeps the primary's in
 * /etc, so the copied data dir has none), started with `pg_ctl` on the standby's port. No
 * permanent replication slot: one left behind by a crashed harness would make the shared primary
 * keep WAL forever. But without any slot a standby falls off for good the moment the primary
 * recycles a segment it has not received yet — measured here: a bulk load in another database of
 * the same cluster did it within minutes ("requested WAL segment … has already been removed").
 * So the walreceiver holds a *temporary* slot (`wal_receiver_create_temp_slot`): the primary keeps
 * WAL for the standby while it is connected, and the slot vanishes with the connection, crash or
 * not. (Production: a permanent slot with `max_slot_wal_keep_size`.)
 */
export async function startReplica({
  layout,
  log,
}: {
  layout: TopologyLayout;
  log: (l: string) => void;
}): Promise<void> {
  const bin = await pgBinDir(layout);
  await ensureReplicationAccess({ layout, log });
  const settings = await withClient(layout.primaryAdminUrl, async (c) => {
    const r = await c.query<{ name: string; setting: string }>(
      "select name, setting from pg_settings where name = any($1)",
      [AT_LEAST_PRIMARY],
    );
    return r.rows;
  });
  fs.rmSync(layout.replicaDir, { recursive: true, force: true });
  serviceDir(path.dirname(layout.replicaDir));
  const primary = new URL(layout.primaryAdminUrl);
  log("[topology] standby: pg_basebackup from the primary");
  runCommand({
    cmd: path.join(bin, "pg_basebackup"),
    args: [
      "-h",
      primary.hostname,
      "-p",
      String(layout.primaryPort),
      "-U",
      decodeURIComponent(primary.username || "postgres"),
      "-D",
      layout.replicaDir,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ],
    service: true,
  });
  const conf = [
    `port = ${layout.replicaPort}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${layout.replicaDir}'`,
    "hot_standby = on",
    // Long reads on the standby are not cancelled by vacuum on the primary (at the price of some
    // bloat there); a cancelled read would fall back to the primary anyway (read-replica.ts).
    "hot_standby_feedback = on",
    "shared_buffers = 64MB",
    "wal_receiver_status_interval = 1s",
    "wal_receiver_create_temp_slot = on",
    ...settings.map((s) => `${s.name} = ${s.setting}`),
  ].join("\n");
  fs.writeFileSync(path.join(layout.replicaDir, "postgresql.conf"), `${conf}\n`);
  fs.writeFileSync(
    path.join(layout.replicaDir, "pg_hba.conf"),
    "local all all trust\nhost all all 127.0.0.1/32 trust\n",
  );
  fs.writeFileSync(path.join(layout.replicaDir, "pg_ident.conf"), "");
  runCommand({ cmd: "chown", args: ["-R", "--reference", layout.replicaDir, layout.replicaDir] });
  serviceDir(layout.logDir);
  log(`[topology] standby: starting on port ${layout.replicaPort}`);
  runCommand({
    cmd: path.join(bin, "pg_ctl"),
    args: ["-D", layout.replicaDir, "-l", path.join(layout.logDir, "replica.log"), "-w", "-t", "60", "start"],
    service: true,
  });
  await withClient(layout.directReplicaUrl.replace(/\/[^/]*$/, "/postgres"), async (c) => {
    const r = await c.query("select pg_is_in_recovery() as standby");
    if (!r.rows[0].standby) throw new Error("the new standby is not in recovery");
  });
}

export async function stopReplica({ layout }: { layout: TopologyLayout }): Promise<void> {
  if (!fs.existsSync(path.join(layout.replicaDir, "postmaster.pid"))) return;
  const bin = await pgBinDir(layout).catch(() => "/usr/lib/postgresql/15/bin");
  runCommand({
    cmd: path.join(bin, "pg_ctl"),
    args: ["-D", layout.replicaDir, "-m", "fast", "-w", "-t", "30", "stop"],
    service: true,
  });
}
