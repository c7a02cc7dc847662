import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pidAlive, sleep } from "./run-command";

export type StartedProcess = { name: string; pid: number; log: string };

/**
 * Starts a long-lived process that outlives `pnpm topology up` (its own process group, output to
 * `<logDir>/<name>.log`), so `down` can stop it later by the pid recorded in the state file.
 */
export function spawnDetached({
  name,
  cmd,
  args,
  cwd,
  env,
  logDir,
}: {
  name: string;
  cmd: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logDir: string;
}): StartedProcess {
  const log = path.join(logDir, `${name}.log`);
  fs.writeFileSync(log, "");
  const fd = fs.openSync(log, "a");
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", fd, fd] });
  fs.closeSync(fd);
  child.unref();
  if (!child.pid) throw new Error(`${name}: ${cmd} did not start`);
  return { name, pid: child.pid, log };
}

/** Resolves once the process's log has a line matching `ready`; throws if it exits or time runs out. */
export async function waitForLine({
  proc,
  ready,
  timeoutMs,
}: {
  proc: StartedProcess;
  ready: RegExp;
  timeoutMs: number;
}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.readFileSync(proc.log, "utf8");
    if (ready.test(text)) return;
    if (!pidAlive(proc.pid)) throw new Error(`${proc.name} exited before it was ready:\n${text.slice(-2000)}`);
    if (Date.now() > deadline)
      throw new Error(`${proc.name} not ready after ${timeoutMs} ms (log ${proc.log}):\n${text.slice(-2000)}`);
    await sleep(200);
  }
}

/** SIGTERM, then SIGKILL after `graceMs`, for a process (group) this harness started. */
export async function stopProcess({ proc, graceMs = 30_000 }: { proc: StartedProcess; graceMs?: number }) {
  if (!pidAlive(proc.pid)) return;
  // One SIGTERM to the process itself (node --import tsx, no wrapper): a second one would make a
  // worker exit without draining. SIGKILL at the end goes to its whole group.
  const signal = (s: NodeJS.Signals, pid: number) => {
    try {
      process.kill(pid, s);
    } catch {
      // gone
    }
  };
  signal("SIGTERM", proc.pid);
  const deadline = Date.now() + graceMs;
  while (pidAlive(proc.pid) && Date.now() < deadline) await sleep(100);
  if (pidAlive(proc.pid)) signal("SIGKILL", -proc.pid);
}
