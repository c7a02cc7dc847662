import fs from "node:fs/promises";
import path from "node:path";
import { ACCESS_FILE, readAccessFile, type AccessRule } from "./access-rules";

export type WalkEntry =
  { relPath: string; absPath: string; size: number; modifiedAt: Date } | { relPath: string; error: string };

export type WalkResult = { files: WalkEntry[]; rules: Map<string, AccessRule | Error> };

/**
 * Lists a folder source. Dotfiles and dot-folders are skipped (the access files are read
 * separately); symlinks are refused, never followed, so nothing outside the root is read.
 */
export async function walkSource({ root }: { root: string }): Promise<WalkResult> {
  const realRoot = await fs.realpath(root);
  const files: WalkEntry[] = [];
  const rules = new Map<string, AccessRule | Error>();
  const visit = async (rel: string) => {
    const abs = path.join(realRoot, rel);
    const entries = await fs.readdir(abs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const access = entries.find((e) => e.name === ACCESS_FILE && e.isFile());
    if (access) {
      const relDir = rel.split(path.sep).join("/");
      rules.set(relDir, await readAccessFile(path.join(abs, ACCESS_FILE), relDir).catch((e: Error) => e));
    }
    // Sizes of a folder's files are read concurrently; the listing order stays sorted.
    const stats = await Promise.all(
      entries.map((e) =>
        e.isFile() && !e.name.startsWith(".") ? fs.stat(path.join(abs, e.name)) : Promise.resolve(null),
      ),
    );
    for (const [i, entry] of entries.entries()) {
      if (entry.name.startsWith(".")) continue;
      const childRel = rel ? path.join(rel, entry.name) : entry.name;
      const relPath = childRel.split(path.sep).join("/");
      if (entry.isSymbolicLink()) {
        files.push({ relPath, error: "symbolic link refused (links may point outside the source)" });
      } else if (entry.isDirectory()) {
        await visit(childRel);
      } else if (entry.isFile()) {
        files.push({
          relPath,
          absPath: path.join(realRoot, childRel),
          size: stats[i]!.size,
          modifiedAt: stats[i]!.mtime,
        });
      }
    }
  };
  await visit("");
  return { files, rules };
}

/** Resolves a relative path inside root, refusing `..`, absolute paths and NULs. */
export function resolveInside(root: string, relPath: string): string | null {
  if (!relPath || relPath.includes("\0") || path.isAbsolute(relPath)) return null;
  const resolved = path.resolve(root, relPath);
  const rel = path.relative(root, resolved);
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return resolved;
}
