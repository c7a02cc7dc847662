import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { repoRoot } from "@groundwork/db/paths";
import { inheritedEnv } from "./env";
import { readTopologyState, writeTopologyState, type TopologyLayout, type TopologyState } from "./topology-layout";
import { serviceDir } from "./run-command";
import { spawnDetached, waitForLine, type StartedProcess } from "./spawn-detached";
import { startPgbouncer } from "./start-pgbouncer";
import { startReplica } from "./start-replica";
import { stopTopology } from "./stop-topology";

/** The web processes' and workers' environment: every one of them goes through PgBouncer. */
export function roleEnv({ layout, role }: { layout: TopologyLayout; role: "web" | "worker" }): NodeJS.ProcessEnv {
  const inherited = inheritedEnv();
  return {
    ...inherited,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    GROUNDWORK_ROLE: role,
    DATABASE_URL: layout.appUrl,
    DATABASE_READ_URL: layout.appReadUrl,
    GROUNDWORK_NEXT_DIST_DIR: layout.distDir,
    GROUNDWORK_TRUST_PROXY: "1",
    GROUNDWORK_LOG_LEVEL: inherited.GROUNDWORK_LOG_LEVEL ?? "warn",
  };
}

async function recreateDatabase(layout: TopologyLayout): Promise<void> {
  const admin = new pg.Client({ connectionString: layout.primaryAdminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${layout.database} with (force)`);
    await admin.query(`create database ${layout.database}`);
  } finally {
    await admin.end();
  }
}

/**
 * `pnpm topology up`: a fresh database on the primary, a streaming standby of it, PgBouncer in
 * front of both, web processes (GROUNDWORK_ROLE=web) behind the round-robin proxy, and workers
 * (GROUNDWORK_ROLE=worker). The first web process migrates and seeds before the others start.
 * Anything left from an earlier run is stopped first.
 */
export async function startTopology({
  layout,
  log = (line) => console.log(line),
  sampleCorpus = true,
}: {
  layout: TopologyLayout;
  log?: (line: string) => void;
  sampleCorpus?: boolean;
}): Promise<TopologyState> {
  const root = repoRoot(import.meta.dirname);
  const webDir = path.join(root, "apps", "web");
  if (!fs.existsSync(path.join(webDir, layout.distDir, "BUILD_ID")))
    throw new Error(`no web build in apps/web/${layout.distDir}: run \`pnpm --filter @groundwork/web build\` first`);
  if (readTopologyState(layout)) await stopTopology({ layout, log });
  serviceDir(layout.dir);
  serviceDir(layout.logDir);
  const state: TopologyState = { startedAt: new Date().toISOString(), layout, processes: [] };
  const track = (p: StartedProcess) => {
    state.processes.push(p);
    writeTopologyState(state);
    return p;
  };
  writeTopologyState(state);
  try {
    await recreateDatabase(layout);
    await startReplica({ layout, log });
    await startPgbouncer({ layout, log });

    const web = (i: number) =>
      track(
        spawnDetached({
          name: `web-${i + 1}`,
          cmd: process.execPath,
          args: ["--import", "tsx", "server/main.ts"],
          cwd: webDir,
          env: {
            ...roleEnv({ layout, role: "web" }),
            PORT: String(layout.webPorts[i]),
            HOST: "127.0.0.1",
            // One process queues the sample corpus; the others find it there.
            GROUNDWORK_SAMPLE_CORPUS: i === 0 && sampleCorpus ? "on" : "off",
            GROUNDWORK_AUDIT_SPOOL_DIR: path.join(layout.dir, `audit-spool-web-${i + 1}`),
          },
          logDir: layout.logDir,
        }),
      );
    log(`[topology] web-1 on ${layout.webPorts[0]} (migrates and seeds)`);
    await waitForLine({ proc: web(0), ready: /Groundwork is ready at/, timeoutMs: 180_000 });
    const rest = layout.webPorts.slice(1).map((port, j) => {
      log(`[topology] web-${j + 2} on ${port}`);
      return web(j + 1);
    });
    const workers = Array.from({ length: layout.workers }, (_, i) => {
      log(`[topology] worker-${i + 1}`);
      return track(
        spawnDetached({
          name: `worker-${i + 1}`,
          cmd: process.execPath,
          args: ["--import", "tsx", "src/main.ts"],
          cwd: path.join(root, "apps", "worker"),
          env: {
            ...roleEnv({ layout, role: "worker" }),
            GROUNDWORK_AUDIT_SPOOL_DIR: path.join(layout.dir, `audit-spool-worker-${i + 1}`),
          },
          logDir: layout.logDir,
        }),
      );
    });
    const proxy = track(
      spawnDetached({
        name: "proxy",
        cmd: process.execPath,
        args: [
          "--import",
          "tsx",
          "src/bin/proxy.ts",
          String(layout.proxyPort),
          ...layout.webPorts.map((p) => `http://127.0.0.1:${p}`),
        ],
        cwd: path.join(root, "tooling", "topology"),
        env: inheritedEnv(),
        logDir: layout.logDir,
      }),
    );
    await Promise.all([
      ...rest.map((proc) => waitForLine({ proc, ready: /Groundwork is ready at/, timeoutMs: 180_000 })),
      ...workers.map((proc) => waitForLine({ proc, ready: /\[worker\] ready/, timeoutMs: 120_000 })),
      waitForLine({ proc: proxy, ready: /listening/, timeoutMs: 30_000 }),
    ]);
    log(`[topology] up: ${layout.proxyUrl} (logs in ${layout.logDir})`);
    return state;
  } catch (error) {
    log(`[topology] start failed: ${(error as Error).message}`);
    await stopTopology({ layout, log, keepLogs: true }).catch(() => undefined);
    throw error;
  }
}
