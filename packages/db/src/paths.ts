import fs from "node:fs";
import path from "node:path";

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml (cwd differs per package). */
export function repoRoot(start: string = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

export function migrationsDir(): string {
  return path.join(repoRoot(), "migrations");
}
