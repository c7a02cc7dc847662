import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
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
  /**
   * A blob's content by id, through one long-lived `git cat-file --batch` per runner: a sync of
   * thousands of files costs one process, not one (or two, hash then read) per file.
   */
  blob(id: string): Promise<Buffer>;
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
    blob: batchBlobReader({ cwd, env, signal }),
    text: (args) => git.raw(args).catch((error: unknown) => fail(error, args)),
    bytes: async (args) => {
      // binaryCatFile is simple-git's one raw-bytes task; it takes any cat-file arguments.
      const out: unknown = await git.binaryCatFile(args).catch((error: unknown) => fail(error, args));
      return Buffer.isBuffer(out) ? out : Buffer.from(String(out));
    },
  };
}

const BLOB_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
const IDLE_MS = 5_000;

/**
 * Serves blobs from a `git cat-file --batch` child: one request at a time, in order ("<id>\n" in;
 * "<id> <type> <size>\n<bytes>\n" or "<id> missing\n" out). The child runs with the runner's
 * cleaned environment and no network, is unref'd so it never keeps a process alive, and exits
 * after a few idle seconds or when the run is aborted.
 */
function batchBlobReader({
  cwd,
  env,
  signal,
}: {
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal | undefined;
}): (id: string) => Promise<Buffer> {
  let child: ChildProcessByStdio<Writable, Readable, null> | null = null;
  let buffer = Buffer.alloc(0);
  let waiting: ((chunk: Buffer | Error) => void) | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let idle: NodeJS.Timeout | undefined;
  const stop = () => {
    child?.stdin.end();
    child?.kill();
    child = null;
  };
  signal?.addEventListener("abort", stop, { once: true });
  const start = () => {
    // spawn's env is typed as the compiling app's ProcessEnv (the web app's requires NODE_ENV).
    const childEnv = { ...env, GIT_ALLOW_PROTOCOL: "none" } as unknown as NodeJS.ProcessEnv;
    const c = spawn("git", ["cat-file", "--batch"], {
      cwd,
      env: childEnv,
      stdio: ["pipe", "pipe", "ignore"],
    });
    c.unref();
    (c.stdout as unknown as { unref?: () => void }).unref?.();
    c.stdout.on("data", (data: Buffer) => {
      buffer = Buffer.concat([buffer, data]);
      waiting?.(buffer);
    });
    const gone = (error: Error) => {
      if (child === c) child = null;
      waiting?.(error);
    };
    c.on("error", gone);
    c.on("exit", (code) => gone(new Error(`git cat-file exited (${code ?? "signal"})`)));
    buffer = Buffer.alloc(0);
    child = c;
    return c;
  };
  // Resolves once `test` finds what it needs in the buffer.
  const until = <T>(test: (b: Buffer) => T | null): Promise<T> =>
    new Promise((resolve, reject) => {
      const check = (b: Buffer | Error) => {
        if (b instanceof Error) {
          waiting = null;
          return reject(b);
        }
        const hit = test(b);
        if (hit !== null) {
          waiting = null;
          resolve(hit);
        }
      };
      waiting = check;
      check(buffer);
    });
  const readOne = async (id: string): Promise<Buffer> => {
    if (!BLOB_ID.test(id)) throw new GroundworkError("bad_request", `Not a Git object id: ${id}`);
    clearTimeout(idle);
    const c = child ?? start();
    c.stdin.write(`${id}\n`);
    const header = await until((b) => {
      const nl = b.indexOf(10);
      return nl < 0 ? null : { line: b.subarray(0, nl).toString("utf8"), rest: nl + 1 };
    });
    const [, type, sizeText] = header.line.split(" ");
    if (type === "missing" || type === undefined) {
      buffer = buffer.subarray(header.rest);
      throw new GroundworkError("bad_request", `Git object ${id} is missing`);
    }
    const size = Number(sizeText);
    const body = await until((b) =>
      b.length >= header.rest + size + 1 ? b.subarray(header.rest, header.rest + size) : null,
    );
    const out = Buffer.from(body);
    buffer = buffer.subarray(header.rest + size + 1);
    idle = setTimeout(stop, IDLE_MS);
    idle.unref();
    return out;
  };
  return (id) => {
    const next = queue.then(() => readOne(id));
    queue = next.catch(() => undefined);
    return next;
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
