import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { FileError } from "../../document-model";
import { readIngestEnv } from "../../env";
import { nearestRule, resolveAccess, type AccessRule, type ResolvedAccess } from "../access-rules";
import {
  PULL_PAGE_SIZE,
  type Checkpoint,
  type Connector,
  type ConnectorContext,
  type PullPage,
  type SourceEntry,
} from "../connector";
import { gitConfigSchema, type GitConfig } from "./config";
import { openRepo, type OpenRepo } from "./open-repo";
import { accessFileDir, accessRulesOf, listTree, pathFilter, type TreeEntry } from "./repo-tree";
import { displayUrl, fileLink } from "./repo-location";

/**
 * Checkpoints: `{ commit }` once a pull is complete (the commit synced); mid-pull
 * `{ commit, target, done }` — the pull from `commit` (null: a full listing) to `target` of
 * which the first `done` operations are stored. A resumed pull keeps that target, so its
 * operation list is the same and nothing committed is redone.
 */
type GitCheckpoint = { commit: string | null; target?: string; done?: number };

/** One unit of a pull: a path to yield or one to report deleted. Pages cut this list. */
type Op = { path: string; deleted: boolean };

const SYNCED_FILE = "synced-commit";

function readCheckpoint(checkpoint: Checkpoint | null): GitCheckpoint | null {
  if (!checkpoint) return null;
  const commit = typeof checkpoint.commit === "string" ? checkpoint.commit : null;
  const target = typeof checkpoint.target === "string" ? checkpoint.target : undefined;
  const done = typeof checkpoint.done === "number" && checkpoint.done >= 0 ? checkpoint.done : undefined;
  return { commit, ...(target ? { target, done: done ?? 0 } : {}) };
}

const filterFor = (config: GitConfig) =>
  pathFilter({
    include: config.include,
    exclude: config.exclude,
    unstructured: readIngestEnv().unstructured !== null,
  });

/** The documents at a commit: regular files (and refused symlinks) that pass the filter. */
function documentsOf({ entries, config }: { entries: TreeEntry[]; config: GitConfig }) {
  const accept = filterFor(config);
  const docs = new Map<string, { entry: TreeEntry; filename?: string }>();
  for (const entry of entries) {
    if (entry.type !== "blob") continue; // submodules (commit entries) have no content here
    const verdict = accept(entry.path);
    if (verdict) docs.set(entry.path, { entry, ...verdict });
  }
  return docs;
}

function accessFor({
  rules,
  relPath,
  ctx,
}: {
  rules: Map<string, AccessRule | Error>;
  relPath: string;
  ctx: ConnectorContext;
}): ResolvedAccess {
  const rule = nearestRule(rules, relPath);
  // A broken access file must not silently widen access: the files under it fail.
  if (rule instanceof Error) throw new FileError(rule.message);
  return resolveAccess({ rule, defaultAcl: ctx.defaultAcl, userIds: ctx.userIds });
}

function itemOf({
  repo,
  commit,
  doc,
  rules,
  ctx,
}: {
  repo: OpenRepo;
  commit: string;
  doc: { entry: TreeEntry; filename?: string };
  rules: Map<string, AccessRule | Error>;
  ctx: ConnectorContext;
}): SourceEntry {
  const { entry } = doc;
  // A link's target is a path on whoever checks it out; as in folders, links are not documents.
  if (entry.mode === "120000")
    return { id: entry.path, error: "symbolic link refused (links may point outside the source)" };
  const read = async () => new Uint8Array(await repo.git.blob(entry.object));
  return {
    id: entry.path,
    ...(doc.filename ? { filename: doc.filename } : {}),
    url: fileLink({ location: repo.location, commit, path: entry.path }),
    size: entry.size,
    // A file's own last change would cost a history walk per file; the blob id says enough.
    modifiedAt: null,
    version: entry.object,
    sourceMeta: { commit },
    hash: async () =>
      createHash("sha256")
        .update(await read())
        .digest("hex"),
    read,
    access: async () => accessFor({ rules, relPath: entry.path, ctx }),
  };
}

/** `diff-tree --name-status -z` between two commits, renames as delete + add. */
async function changedPaths({ repo, from, to }: { repo: OpenRepo; from: string; to: string }) {
  const out = await repo.git.text(["diff-tree", "-r", "-z", "--no-renames", "--name-status", from, to]);
  const fields = out.split("\0");
  const changes: { status: string; path: string }[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const status = fields[i]!;
    if (status) changes.push({ status: status[0]!, path: fields[i + 1]! });
  }
  return changes;
}

/** What a pull from `from` (null: everything) to `to` does, in a stable order. */
async function planOps({
  repo,
  config,
  from,
  to,
  docs,
}: {
  repo: OpenRepo;
  config: GitConfig;
  from: string | null;
  to: string;
  docs: Map<string, { entry: TreeEntry }>;
}): Promise<Op[]> {
  if (!from) return [...docs.keys()].sort().map((p) => ({ path: p, deleted: false }));
  const accept = filterFor(config);
  const yielded = new Set<string>();
  const deleted = new Set<string>();
  const accessDirs: string[] = [];
  for (const change of await changedPaths({ repo, from, to })) {
    const dir = accessFileDir(change.path);
    if (dir !== null) accessDirs.push(dir);
    if (change.status === "D") {
      if (accept(change.path)) deleted.add(change.path);
    } else if (docs.has(change.path)) yielded.add(change.path);
  }
  // An access file changed: every document it (now or before) governs has new access.
  for (const dir of accessDirs) for (const p of docs.keys()) if (dir === "" || p.startsWith(`${dir}/`)) yielded.add(p);
  return [
    ...[...deleted].sort().map((p) => ({ path: p, deleted: true })),
    ...[...yielded].sort().map((p) => ({ path: p, deleted: false })),
  ];
}

async function* pull({
  config,
  checkpoint,
  ctx,
}: {
  config: GitConfig;
  checkpoint: Checkpoint | null;
  ctx: ConnectorContext;
}): AsyncIterable<PullPage> {
  const repo = await openRepo({ config, ctx });
  const state = readCheckpoint(checkpoint);
  let to = state?.target;
  let done = state?.done ?? 0;
  if (to && !(await repo.hasCommit(to))) {
    // The cache was wiped under a paused pull: start over towards the current commit.
    to = undefined;
    done = 0;
  }
  to ??= await repo.resolveTarget();
  let from = state?.commit ?? null;
  if (from && !(await repo.hasCommit(from))) {
    // Force-pushed away and collected (or a new cache): no diff base, so list everything.
    ctx.log("git: checkpoint commit not found, listing every file", { commit: from });
    from = null;
    done = 0;
  }
  if (from === to) {
    await markSynced({ repo, commit: to });
    yield { items: [], checkpoint: { commit: to } };
    return;
  }
  const entries = await listTree({ git: repo.git, commit: to });
  const docs = documentsOf({ entries, config });
  const rules = await accessRulesOf({ git: repo.git, entries });
  const ops = await planOps({ repo, config, from, to, docs });
  ctx.log("git: pull", {
    repo: repo.location.kind === "remote" ? displayUrl(repo.location.url) : repo.location.path,
    from,
    to,
    operations: ops.length,
    resumedAt: done,
  });
  if (done >= ops.length) {
    yield { items: [], checkpoint: { commit: to } };
    await markSynced({ repo, commit: to });
    return;
  }
  for (let start = done; start < ops.length; start += PULL_PAGE_SIZE) {
    if (ctx.signal.aborted) return;
    const page = ops.slice(start, start + PULL_PAGE_SIZE);
    const end = start + page.length;
    const items = page
      .filter((op) => !op.deleted)
      .map((op) => itemOf({ repo, commit: to, doc: docs.get(op.path)!, rules, ctx }));
    const deleted = page.filter((op) => op.deleted).map((op) => op.path);
    yield {
      items,
      ...(deleted.length ? { deleted } : {}),
      checkpoint: end >= ops.length ? { commit: to } : { commit: from, target: to, done: end },
    };
  }
  // Reached only when the run asks for more after storing the last page: `to` is now synced.
  await markSynced({ repo, commit: to });
}

/** Remembers the commit the last complete pull stored, for the ACL-only pass (it is given no checkpoint). */
async function markSynced({ repo, commit }: { repo: OpenRepo; commit: string }): Promise<void> {
  await fs.mkdir(repo.stateDir, { recursive: true });
  await fs.writeFile(path.join(repo.stateDir, SYNCED_FILE), `${commit}\n`);
}

async function syncedCommit(repo: OpenRepo): Promise<string> {
  const marked = (await fs.readFile(path.join(repo.stateDir, SYNCED_FILE), "utf8").catch(() => "")).trim();
  if (marked && (await repo.hasCommit(marked))) return marked;
  return repo.resolveTarget();
}

export const gitConnector: Connector<GitConfig> = {
  kind: "git",
  label: "Git repository",
  configSchema: gitConfigSchema,
  async check({ config, ctx }) {
    await (await openRepo({ config, ctx })).check();
  },
  pull,
  async listIds({ config, ctx }) {
    const repo = await openRepo({ config, ctx });
    const commit = await repo.resolveTarget();
    const docs = documentsOf({ entries: await listTree({ git: repo.git, commit }), config });
    return [...docs.entries()].filter(([, d]) => d.entry.mode !== "120000").map(([id]) => id);
  },
  async accessOf({ config, ids, ctx }) {
    const repo = await openRepo({ config, ctx });
    const commit = await syncedCommit(repo);
    const rules = await accessRulesOf({ git: repo.git, entries: await listTree({ git: repo.git, commit }) });
    const out = new Map<string, ResolvedAccess>();
    for (const id of ids) {
      try {
        out.set(id, accessFor({ rules, relPath: id, ctx }));
      } catch (error) {
        if (!(error instanceof FileError)) throw error;
        // Fail closed: under a malformed access file nobody but admins keeps access.
        out.set(id, { acl: [], owner: null, tags: [] });
      }
    }
    return out;
  },
};
