import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * PostgreSQL and PgBouncer refuse to run as root. When the harness runs as root (CI, this kind of
 * machine) their commands run as the `postgres` user through `runuser`, and the folders they write
 * are handed to that user; otherwise they run as the caller.
 */
export const isRoot = process.getuid?.() === 0;

export function asServiceUser(cmd: string, args: string[]): [string, string[]] {
  return isRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args];
}

/** Runs a command to completion; a failure throws with the end of its output. */
export function runCommand({ cmd, args, service = false }: { cmd: string; args: string[]; service?: boolean }): string {
  const [c, a] = service ? asServiceUser(cmd, args) : [cmd, args];
  const r = spawnSync(c, a, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (r.status !== 0)
    throw new Error(`${cmd} ${args.join(" ")} failed (${r.status}): ${(r.stderr || r.stdout).slice(-1500)}`);
  return r.stdout;
}

/** Creates `dir` owned by the user the database services run as. */
export function serviceDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  if (isRoot) execFileSync("chown", ["postgres:postgres", dir]);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
