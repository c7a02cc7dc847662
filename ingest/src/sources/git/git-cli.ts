import { simpleGit, type SimpleGit } from "simple-git";
import { GroundworkError } from "@groundwork/core/errors";
import { gitBaseEnv } from "./git-env";

/**
 * How every git command of the connector is run. We drive Debian's `git` through simple-git
 * rather than isomorphic-git: the system git reads packfiles, diffs trees and speaks smart HTTP
 * far faster than a JS reimplementation on a big repository, and simple-git adds what a bare
 * `execFile` lacks — it strips the server's ambient `GIT_*` variables (a stray GIT_DIR or
 * GIT_SSH_COMMAND would otherwise steer us), refuses option and config injection
 * (`--upload-pack`, `-c protocol.ext.allow`, `core.sshCommand`), bounds concurrency, and kills a
 * command on abort or when it stalls.
 */
export type GitRunner = {
  /** stdout of a command, as text. */
  text(args: string[]): Promise<string>;
  /** stdout of a command, as bytes (blob contents are binary: a PDF must not go through a string). */
  bytes(args: string[]): Promise<Buffer>;
};

/** Per-command git configuration and what must never show in a message (the token and its encodings). */
export type GitNetwork = { config: [key: string, value: string][]; secrets: string[] };

/** A command that prints nothing for this long is killed (a hung server, a stalled pack). */
const STALL_MS = 120_000;

export function gitRunner({
  cwd,
  network,
  ceiling,
  signal,
}: {
  cwd: string;
  /** Settings for commands that may reach the remote; null for a local repository read in place. */
  network: GitNetwork | null;
  /** A directory git must not look above for a repository (a local path that is not one must fail, not find its parent's). */
  ceiling?: string;
  signal?: AbortSignal;
}): GitRunner {
  const config: [string, string][] = [
    // An ambient credential helper could answer with another account's stored password.
    ["credential.helper", ""],
    // A redirect to another host would reach it unguarded (and carry the token there).
    ["http.followRedirects", "false"],
    ...(network?.config ?? []),
  ];
  const env: Record<string, string> = {
    ...gitBaseEnv(),
    // Never wait on a password prompt: a run has no terminal, an auth failure must fail.
    GIT_TERMINAL_PROMPT: "0",
    // The machine's and the server user's git config (url.insteadOf rewrites, helpers) do not apply.
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    // Only HTTP(S) for a remote; nothing at all for a local repository (a promisor remote of a
    // partial clone would otherwise be fetched from over whatever transport it names).
    GIT_ALLOW_PROTOCOL: network ? "https:http" : "none",
    ...(ceiling ? { GIT_CEILING_DIRECTORIES: ceiling } : {}),
    // Config by environment rather than `-c`: a command line is visible to every local user in
    // `ps`, a process's environment only to its own user — the token header goes here.
    GIT_CONFIG_COUNT: String(config.length),
    ...Object.fromEntries(
      config.flatMap(([key, value], i) => [
        [`GIT_CONFIG_KEY_${i}`, key],
        [`GIT_CONFIG_VALUE_${i}`, value],
      ]),
    ),
  };
  const git: SimpleGit = simpleGit({
    baseDir: cwd,
    maxConcurrentProcesses: 2,
    timeout: { block: STALL_MS },
    ...(signal ? { abort: signal } : {}),
    // simple-git's default takes a non-zero exit with a silent stderr for success (`rev-parse
    // --quiet` of an unknown ref, `cat-file -e` of a missing object): every non-zero exit fails.
    errors: (error, result) => {
      if (error) return error;
      if (!result.exitCode) return undefined;
      const stderr = Buffer.concat(result.stdErr);
      return stderr.length ? stderr : Buffer.from(`exit code ${result.exitCode}`);
    },
    allowEnvironment: Object.keys(env).filter((k) => k.startsWith("GIT_")),
    // Only our own fixed settings above use these (no value of them comes from a user).
    unsafe: { allowUnsafeConfigEnvCount: true, allowUnsafeConfigPaths: true, allowUnsafeCredentialHelper: true },
  }).env(env);
  const secrets = network?.secrets ?? [];
  const fail = (error: unknown, args: string[]): never => {
    throw new GroundworkError("bad_request", gitErrorMessage({ error, command: args[0] ?? "git", secrets }));
  };
  return {
    text: (args) => git.raw(args).catch((error: unknown) => fail(error, args)),
    bytes: async (args) => {
      // binaryCatFile is simple-git's one raw-bytes task; it takes any cat-file arguments.
      const out: unknown = await git.binaryCatFile(args).catch((error: unknown) => fail(error, args));
      return Buffer.isBuffer(out) ? out : Buffer.from(String(out));
    },
  };
}

/** Replaces every secret (and common encodings of it) in a message. */
export function scrubSecrets(message: string, secrets: string[]): string {
  let out = message;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join("***");
  return out;
}

/** A git failure as a sentence a person can act on, without the token, the git stderr boilerplate or a stack. */
export function gitErrorMessage({
  error,
  command,
  secrets,
}: {
  error: unknown;
  command: string;
  secrets: string[];
}): string {
  const raw = error instanceof Error ? error.message : String(error);
  const stderr = raw
    .split("\n")
    .map((l) => l.replace(/^(fatal|error|remote): /, "").trim())
    .filter(Boolean)
    .join("; ");
  const text = scrubSecrets(stderr, secrets);
  if (
    /Authentication failed|could not read (Username|Password)|returned error: 40[13]|terminal prompts disabled/i.test(
      text,
    )
  )
    return `Git authentication failed (check the token and its access to the repository): ${text}`;
  if (/returned error: 30[1278]/.test(text))
    return `The Git server answered with a redirect, which is not followed (give the repository's final URL): ${text}`;
  if (/not a git repository/i.test(text)) return `Not a Git repository: ${text}`;
  return `git ${command} failed: ${text || "no message"}`;
}
