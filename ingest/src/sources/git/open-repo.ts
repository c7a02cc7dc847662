import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { readDbEnv } from "@groundwork/db/env";
import { GroundworkError } from "@groundwork/core/errors";
import type { ConnectorContext } from "../connector";
import { confineSourcePath } from "../source-roots";
import { gitRunner, type GitRunner } from "./git-cli";
import type { GitConfig } from "./config";
import { parseRepoLocation, remoteNetwork, type RepoLocation } from "./repo-location";

/** A repository ready to read: local ones in place, remote ones through a bare cache under the data dir. */
export type OpenRepo = {
  location: RepoLocation;
  git: GitRunner;
  /** Fetches (remote) and resolves the configured ref to a commit id. */
  resolveTarget(): Promise<string>;
  /** Test connection: the repository answers and has the ref (a remote is asked with ls-remote, nothing is cloned). */
  check(): Promise<void>;
  /** Whether a commit is present (a checkpoint's commit after a force-push and gc may not be). */
  hasCommit(commit: string): Promise<boolean>;
  /** Where the connector keeps what it owns for this source (the remote's cache, the synced marker). */
  stateDir: string;
};

/** The bare cache of a remote source and the synced-commit marker live here. */
export function gitStateDir(sourceId: string): string {
  return path.join(readDbEnv().dataDir, "connectors", "git", sourceId);
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export async function openRepo({ config, ctx }: { config: GitConfig; ctx: ConnectorContext }): Promise<OpenRepo> {
  const location = parseRepoLocation(config.repo);
  const stateDir = gitStateDir(ctx.sourceId);
  const ref = config.ref ?? "HEAD";
  const hasCommitWith = (git: GitRunner) => async (commit: string) => {
    if (!SHA.test(commit)) return false;
    return git.text(["cat-file", "-e", `${commit}^{commit}`]).then(
      () => true,
      () => false,
    );
  };
  if (location.kind === "local") {
    const dir = confineSourcePath({ dir: location.path });
    const stat = await fs.stat(dir).catch(() => null);
    if (!stat?.isDirectory()) throw new GroundworkError("bad_request", `${dir} does not exist or is not a folder.`);
    const git = gitRunner({ cwd: dir, network: null, ceiling: path.dirname(dir), signal: ctx.signal });
    // With the ceiling at the folder's parent, a folder inside some other repository is not taken for it.
    await git.text(["rev-parse", "--git-dir"]);
    return {
      location: { kind: "local", path: dir },
      git,
      stateDir,
      hasCommit: hasCommitWith(git),
      resolveTarget: () => resolveCommit({ git, rev: ref, ref }),
      check: async () => {
        await resolveCommit({ git, rev: ref, ref });
      },
    };
  }
  const network = await remoteNetwork({
    url: location.url,
    token: config.token ?? ctx.secrets.token,
    guard: ctx.guard,
  });
  const missingRef = () =>
    new GroundworkError(
      "bad_request",
      config.ref
        ? `The repository has no branch or tag ${config.ref}.`
        : "The repository has no commits on its default branch.",
    );
  const cacheDir = path.join(stateDir, "repo.git");
  // The cache is made on first use, so that check() (which may run before the source exists) writes nothing.
  let cache: Promise<GitRunner> | undefined;
  const cached = () =>
    (cache ??= (async () => {
      await fs.mkdir(cacheDir, { recursive: true });
      const runner = gitRunner({ cwd: cacheDir, network, ceiling: stateDir, signal: ctx.signal });
      if (!(await fs.stat(path.join(cacheDir, "HEAD")).catch(() => null)))
        await runner.text(["init", "--bare", "--quiet"]);
      return runner;
    })());
  const git: GitRunner = {
    text: async (args) => (await cached()).text(args),
    bytes: async (args) => (await cached()).bytes(args),
    blob: async (id) => (await cached()).blob(id),
  };
  return {
    location,
    git,
    stateDir,
    hasCommit: hasCommitWith(git),
    check: async () => {
      const probe = gitRunner({ cwd: os.tmpdir(), network, signal: ctx.signal });
      // A commit id cannot be listed: then only the repository itself is checked.
      const pattern = SHA.test(ref) ? "HEAD" : ref;
      await probe.text(["ls-remote", "--exit-code", location.url.href, pattern]).catch((error: GroundworkError) => {
        if (/exit code 2/.test(error.message)) throw missingRef();
        throw error;
      });
    },
    resolveTarget: async () => {
      // The URL is given on each fetch, never stored as a remote: an edited source fetches from
      // its new URL, and nothing of the remote (nor a token) sits in the cache's config.
      // A plain (not partial) fetch: with every object local, reading a blob never goes back to
      // the network, so only fetch and check ever connect.
      await git
        .text([
          "fetch",
          "--no-tags",
          "--quiet",
          "--no-write-fetch-head",
          location.url.href,
          `+${ref}:refs/groundwork/target`,
        ])
        .catch((error: GroundworkError) => {
          if (/couldn't find remote ref/i.test(error.message)) throw missingRef();
          throw error;
        });
      return resolveCommit({ git, rev: "refs/groundwork/target", ref });
    },
  };
}

async function resolveCommit({ git, rev, ref }: { git: GitRunner; rev: string; ref: string }): Promise<string> {
  try {
    return (await git.text(["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`])).trim();
  } catch {
    throw new GroundworkError("bad_request", `The repository has no branch, tag or commit ${ref}.`);
  }
}
