import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

// A fixed identity and no machine or user config, so fixtures commit the same way everywhere.
const gitEnv = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GIT_"))),
  GIT_AUTHOR_NAME: "Groundwork Test",
  GIT_AUTHOR_EMAIL: "test@groundwork.invalid",
  GIT_COMMITTER_NAME: "Groundwork Test",
  GIT_COMMITTER_EMAIL: "test@groundwork.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
});

/** Runs git in a fixture repository; stdout, trimmed. */
export async function gitIn({ dir, args }: { dir: string; args: string[] }): Promise<string> {
  const { stdout } = await run("git", args, { cwd: dir, env: gitEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/**
 * One commit in a fixture repository: `files` written (a `null` value deletes the path),
 * `renames` moved (`{ from: to }`); returns the new commit id.
 */
export async function commitFiles({
  dir,
  files = {},
  renames = {},
  message = "Update files",
}: {
  dir: string;
  files?: Record<string, string | Uint8Array | null>;
  renames?: Record<string, string>;
  message?: string;
}): Promise<string> {
  for (const [from, to] of Object.entries(renames)) {
    await fs.mkdir(path.dirname(path.join(dir, to)), { recursive: true });
    await gitIn({ dir, args: ["mv", "--", from, to] });
  }
  const removed = Object.keys(files).filter((rel) => files[rel] === null);
  const written = Object.keys(files).filter((rel) => files[rel] !== null);
  for (const rel of written) {
    const abs = path.join(dir, rel);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, files[rel]!);
  }
  // One git call each for all deletions and all writes: a benchmark commits hundreds of files.
  if (removed.length) await gitIn({ dir, args: ["rm", "-q", "--", ...removed] });
  if (written.length) await gitIn({ dir, args: ["add", "--", ...written] });
  await gitIn({ dir, args: ["commit", "-q", "--allow-empty", "-m", message] });
  return gitIn({ dir, args: ["rev-parse", "HEAD"] });
}

/**
 * A Git repository in a new temp folder (inside `parent`, default the OS temp dir) on branch
 * `main`, with `files` in its first commit. For connector tests and the git benchmark.
 */
export async function makeGitRepo({
  files,
  parent = os.tmpdir(),
}: {
  files: Record<string, string | Uint8Array>;
  parent?: string;
}): Promise<{ dir: string; commit: string }> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(parent, "groundwork-git-")));
  await gitIn({ dir, args: ["init", "-q", "-b", "main"] });
  const commit = await commitFiles({ dir, files, message: "Initial commit" });
  return { dir, commit };
}
