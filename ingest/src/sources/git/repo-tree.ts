import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import picomatch from "picomatch";
import { acceptsFile } from "../../parse/registry";
import { ACCESS_FILE, readAccessFile, type AccessRule } from "../access-rules";
import type { GitRunner } from "./git-cli";

/** One path of `ls-tree -r -l` at a commit. */
export type TreeEntry = { path: string; mode: string; type: string; object: string; size: number };

export async function listTree({ git, commit }: { git: GitRunner; commit: string }): Promise<TreeEntry[]> {
  const out = await git.text(["ls-tree", "-r", "-l", "-z", "--full-tree", commit]);
  const entries: TreeEntry[] = [];
  for (const record of out.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode = "", type = "", object = "", size = "-"] = record.slice(0, tab).split(/ +/);
    entries.push({ path: record.slice(tab + 1), mode, type, object, size: size === "-" ? -1 : Number(size) });
  }
  return entries;
}

/** Paths under a dot-folder or naming a dotfile are skipped, as folder sources skip them (`.github/`, `.gitignore`). */
const hidden = (p: string) => p.split("/").some((segment) => segment.startsWith("."));

// The parse registry has no AsciiDoc parser: .adoc files are offered to the text parser as they are.
const TEXT_AS_IS = [".adoc", ".asciidoc"];

/**
 * Which repository paths are documents, and the name parsing goes by: the parse registry's
 * formats (Unstructured's too when it is configured), AsciiDoc as text, then the include and
 * exclude globs. One decision for listings, diffs and deletions, so a pruned id is never one a
 * pull would yield.
 */
export function pathFilter({
  include,
  exclude,
  unstructured,
}: {
  include: string[];
  exclude: string[];
  unstructured: boolean;
}): (p: string) => { filename?: string } | null {
  const included = include.length ? globMatcher(include) : () => true;
  const excluded = exclude.length ? globMatcher(exclude) : () => false;
  return (p) => {
    if (hidden(p) || !included(p) || excluded(p)) return null;
    if (acceptsFile(p, { unstructured })) return {};
    const lower = p.toLowerCase();
    if (TEXT_AS_IS.some((ext) => lower.endsWith(ext))) return { filename: `${p}.txt` };
    return null;
  };
}

/**
 * A pattern without "/" matches the file name at any depth (`*.md`), one with "/" the whole path
 * from the repository's root (`docs/**`), as in .gitignore. (picomatch's own `basename` option
 * would apply to both kinds.)
 */
function globMatcher(patterns: string[]): (p: string) => boolean {
  const byName = patterns.filter((g) => !g.includes("/"));
  const byPath = patterns.filter((g) => g.includes("/")).map((g) => g.replace(/^\//, ""));
  const name = byName.length ? picomatch(byName, { dot: true }) : () => false;
  const full = byPath.length ? picomatch(byPath, { dot: true }) : () => false;
  return (p) => name(path.posix.basename(p)) || full(p);
}

/** The folder an access file governs ("" for the repository's root), or null when the path is not one. */
export function accessFileDir(p: string): string | null {
  if (hidden(path.posix.dirname(p) === "." ? "" : path.posix.dirname(p))) return null;
  if (p === ACCESS_FILE) return "";
  return p.endsWith(`/${ACCESS_FILE}`) ? p.slice(0, -ACCESS_FILE.length - 1) : null;
}

/**
 * The `.access.yaml` rules of a tree, by folder. Each blob is parsed by the folder sources' own
 * `readAccessFile` (through a private temp file), so both sources read one format with one set
 * of errors; a malformed file becomes an Error that fails every file it governs.
 */
export async function accessRulesOf({
  git,
  entries,
}: {
  git: GitRunner;
  entries: TreeEntry[];
}): Promise<Map<string, AccessRule | Error>> {
  const rules = new Map<string, AccessRule | Error>();
  const files = entries.filter((e) => e.type === "blob" && accessFileDir(e.path) !== null);
  if (!files.length) return rules;
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "groundwork-git-access-"));
  try {
    for (const [i, entry] of files.entries()) {
      const dir = accessFileDir(entry.path)!;
      const file = path.join(tmp, `${i}.yaml`);
      try {
        await fs.writeFile(file, await git.bytes(["blob", entry.object]));
        rules.set(dir, await readAccessFile(file, dir));
      } catch (error) {
        rules.set(dir, error instanceof Error ? error : new Error(String(error)));
      }
    }
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return rules;
}
