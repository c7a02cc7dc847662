import fs from "node:fs";
import path from "node:path";
import { readDbEnv } from "@groundwork/db/env";
import { repoRoot } from "@groundwork/db/paths";
import { GroundworkError } from "@groundwork/core/errors";
import { sourceRootsSetting } from "../env";

/** The sample corpus `npm start` ingests as the `handbook` source. */
// From the repository root, not this file's location: inside the web build this module is
// bundled, and its own path says nothing about where the corpus lives.
export const SAMPLE_CORPUS_DIR = path.join(repoRoot(), "ingest", "corpus", "quillfeather");

/**
 * Directories sources may read and write: GROUNDWORK_SOURCE_ROOTS (absolute paths separated by
 * commas or colons), by default the data dir's folder (`.groundwork`, which holds the upload
 * sources) and the sample corpus. The server often runs as root, so without this an admin
 * (or a stolen admin session) could ingest /etc or make the upload path write anywhere.
 */
export function configuredSourceRoots(env?: NodeJS.ProcessEnv): string[] {
  const raw = sourceRootsSetting(env);
  if (!raw) return [path.dirname(readDbEnv(env).dataDir), SAMPLE_CORPUS_DIR];
  const roots = raw
    .split(/[,:]/)
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of roots) {
    if (!path.isAbsolute(r))
      throw new GroundworkError("internal", `GROUNDWORK_SOURCE_ROOTS must list absolute paths; ${r} is not one.`);
  }
  return roots.map((r) => path.resolve(r));
}

/** Where upload sources live unless an admin names a directory: beside the embedded data dir. */
export function defaultUploadsDir(env?: NodeJS.ProcessEnv): string {
  return path.join(path.dirname(readDbEnv(env).dataDir), "uploads");
}

/** Real path of `p`, or of its nearest existing ancestor joined with the rest (for dirs not made yet). */
function realPathAllowingMissing(p: string): string {
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync(cur), ...rest.reverse());
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      const parent = path.dirname(cur);
      if (parent === cur) return path.join(cur, ...rest.reverse());
      rest.push(path.basename(cur));
      cur = parent;
    }
  }
}

function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Resolves a source directory and refuses it unless its real path (symlinks resolved, so a link
 * inside a root cannot point out of it) lies inside a configured root. Returns the real path,
 * which is what the source stores, so later runs read exactly what was checked.
 */
export function confineSourcePath({ dir, env }: { dir: string; env?: NodeJS.ProcessEnv }): string {
  if (dir.includes("\0")) throw new GroundworkError("bad_request", "A source path may not contain NUL bytes.");
  if (dir.split(/[\\/]/).includes("..")) {
    throw new GroundworkError("bad_request", "A source path may not contain '..'; give the folder's own path.");
  }
  const roots = configuredSourceRoots(env);
  // The product's own folder for upload sources is always allowed: no admin chooses it.
  const allowed = [...roots, defaultUploadsDir(env)];
  const real = realPathAllowingMissing(dir);
  const realRoots = allowed.map(realPathAllowingMissing);
  if (!realRoots.some((root) => inside(root, real))) {
    throw new GroundworkError(
      "bad_request",
      `Source folders must be inside ${roots.join(" or ")} (GROUNDWORK_SOURCE_ROOTS); ${path.resolve(dir)} is not.`,
    );
  }
  return real;
}
