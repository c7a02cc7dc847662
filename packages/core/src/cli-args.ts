import path from "node:path";
import { callerDirectory } from "./env";

/** Minimal flag parser for the workspace's CLIs and eval programs: `--name value`, `--name=value`, `--flag`, positionals. */
export function parseArgs(argv: string[]): { flags: Map<string, string | true>; positionals: string[] } {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") continue;
    if (a.startsWith("--")) {
      const [name, inline] = a.slice(2).split("=", 2) as [string, string | undefined];
      const next = argv[i + 1];
      if (inline !== undefined) flags.set(name, inline);
      else if (next !== undefined && !next.startsWith("--")) {
        flags.set(name, next);
        i++;
      } else flags.set(name, true);
    } else positionals.push(a);
  }
  return { flags, positionals };
}

/** pnpm runs package scripts in the package folder; paths the user typed are relative to where they typed them. */
export function userPath(p: string): string {
  return path.resolve(callerDirectory(), p);
}
