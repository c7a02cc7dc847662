import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { readDbEnv } from "@groundwork/db/env";
import { repoRoot } from "@groundwork/db/paths";
import { workerChildEnv } from "./server-env";

export type WorkerProcess = { stop(): Promise<void> };

/**
 * `GROUNDWORK_ROLE=all` (the `npm start` default): the ingestion worker runs as a child process
 * of this one (apps/worker, the same program `GROUNDWORK_ROLE=worker` runs), started once this
 * process has opened and migrated the database. On the embedded default it reaches PGlite through
 * the socket this process serves (the lock file names port and password), as any other client
 * does: PGlite has one owner, and that is this process. The worker is not imported here (web
 * and worker are sibling programs); an IPC channel ends it when this process dies. It is
 * restarted after an unexpected exit, with backoff.
 */
export function startWorkerProcess({ log }: { log: (line: string) => void }): WorkerProcess {
  const { dataDir } = readDbEnv();
  const workerDir = path.join(repoRoot(), "apps", "worker");
  let child: ChildProcess | undefined;
  let stopping = false;
  let restartMs = 1_000;
  let timer: NodeJS.Timeout | undefined;

  const launch = () => {
    const started = Date.now();
    // tsx resolves from the worker's own folder (its dependency), as `pnpm --filter @groundwork/worker start` would.
    child = spawn(process.execPath, ["--import", "tsx", path.join(workerDir, "src", "main.ts")], {
      cwd: workerDir,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: workerChildEnv({ dataDir }),
    });
    child.on("exit", (code, signal) => {
      child = undefined;
      if (stopping) return;
      if (Date.now() - started > 60_000) restartMs = 1_000;
      log(`[server] ingestion worker exited (${signal ?? code}); restarting in ${restartMs / 1000} s`);
      timer = setTimeout(launch, restartMs);
      restartMs = Math.min(restartMs * 2, 30_000);
    });
  };
  launch();

  return {
    /** SIGTERM, then wait: the worker finishes its batch before this process closes the database. */
    async stop() {
      stopping = true;
      clearTimeout(timer);
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      const force = setTimeout(() => running.kill("SIGKILL"), 60_000);
      await exited;
      clearTimeout(force);
    },
  };
}
