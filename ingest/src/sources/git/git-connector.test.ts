import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { normalizeAcl } from "@groundwork/access/acl";
import { GroundworkError } from "@groundwork/core/errors";
import { FileError } from "../../document-model";
import { PULL_PAGE_SIZE, isReadable, type PullPage, type SourceItem } from "../connector";
import { createNetworkGuard } from "../network-guard";
import { pullAll, testConnectorContext } from "../../testing/connector-context";
import { commitFiles, gitIn, makeGitRepo } from "../../testing/git-repo";
import { gitConfigSchema, type GitConfig } from "./config";
import { gitConnector } from "./index";
import { fileLink, remoteNetwork } from "./repo-location";

let dataDir: string;
beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "groundwork-git-data-"));
  vi.stubEnv("GROUNDWORK_DATA_DIR", dataDir);
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fs.rm(dataDir, { recursive: true, force: true });
});

const ALICE = "11111111-1111-4111-8111-111111111111";
const ctxFor = (overrides: Parameters<typeof testConnectorContext>[0] = {}) =>
  testConnectorContext({ sourceId: randomUUID(), userIds: new Map([["alice", ALICE]]), ...overrides });
const configFor = (repo: string, extra: Partial<GitConfig> = {}): GitConfig =>
  gitConfigSchema.parse({ repo, ...extra });

const itemsOf = (pages: PullPage[]) => pages.flatMap((p) => p.items);
const idsOf = (pages: PullPage[]) =>
  itemsOf(pages)
    .map((i) => i.id)
    .sort();
const deletedOf = (pages: PullPage[]) => pages.flatMap((p) => p.deleted ?? []).sort();
const item = (pages: PullPage[], id: string) => {
  const found = itemsOf(pages).find((i) => i.id === id);
  if (!found || !isReadable(found)) throw new Error(`no readable item ${id}`);
  return found;
};
const text = async (i: SourceItem) => new TextDecoder().decode(await i.read());

const baseFiles = {
  "README.md": "# Handbook\n",
  "docs/intro.md": "Intro\n",
  "docs/guide.adoc": "= Guide\n\nAsciiDoc body.\n",
  "docs/page.html": "<h1>Page</h1>",
  "notes.txt": "notes\n",
  "tool.bin": "not a document",
  ".github/workflow.md": "hidden\n",
  "team/.access.yaml": "groups: [eng]\nusers: [alice, nobody]\ntags: [Internal]\n",
  "team/plan.md": "Plan\n",
  "team/deep/spec.md": "Spec\n",
  "broken/.access.yaml": "groups: notalist\n",
  "broken/x.md": "X\n",
};

describe("git connector on a local repository", () => {
  it("first pull yields every supported file with its blob version, link and access from .access.yaml", async () => {
    const { dir, commit } = await makeGitRepo({ files: baseFiles });
    const ctx = ctxFor();
    const pages = await pullAll({ connector: gitConnector, config: configFor(dir), ctx });
    expect(idsOf(pages)).toEqual([
      "README.md",
      "broken/x.md",
      "docs/guide.adoc",
      "docs/intro.md",
      "docs/page.html",
      "notes.txt",
      "team/deep/spec.md",
      "team/plan.md",
    ]);
    expect(pages.at(-1)!.checkpoint).toEqual({ commit });

    const plan = item(pages, "team/plan.md");
    expect(plan.version).toBe(await gitIn({ dir, args: ["rev-parse", "HEAD:team/plan.md"] }));
    expect(plan.url).toBe(`git:${commit}:team/plan.md`);
    expect(plan.size).toBe(5);
    expect(await text(plan)).toBe("Plan\n");
    expect(await plan.hash()).toMatch(/^[0-9a-f]{64}$/);
    // The nearest rule up the tree governs; an unknown username grants nothing.
    const teamAccess = { acl: normalizeAcl(["eng", `user:${ALICE}`]), owner: null, tags: ["internal"] };
    expect(await plan.access()).toEqual(teamAccess);
    expect(await item(pages, "team/deep/spec.md").access()).toEqual(teamAccess);
    expect(await item(pages, "README.md").access()).toEqual({ acl: normalizeAcl(["everyone"]), owner: null, tags: [] });
    // A malformed access file fails what it governs instead of widening it.
    await expect(item(pages, "broken/x.md").access()).rejects.toBeInstanceOf(FileError);
    // AsciiDoc has no parser in the registry: it goes to the text parser.
    expect(item(pages, "docs/guide.adoc").filename).toBe("docs/guide.adoc.txt");

    expect((await gitConnector.listIds({ config: configFor(dir), ctx }))!.sort()).toEqual(idsOf(pages));
    await expect(gitConnector.check({ config: configFor(dir), ctx })).resolves.toBeUndefined();
  });

  it("a commit that changes 2 files, deletes 1 and renames 1 yields exactly those", async () => {
    const { dir, commit } = await makeGitRepo({ files: baseFiles });
    const config = configFor(dir);
    const next = await commitFiles({
      dir,
      files: { "README.md": "# Handbook v2\n", "docs/intro.md": "Intro v2\n", "notes.txt": null },
      renames: { "docs/page.html": "docs/moved/page.html" },
    });
    const pages = await pullAll({ connector: gitConnector, config, checkpoint: { commit }, ctx: ctxFor() });
    expect(idsOf(pages)).toEqual(["README.md", "docs/intro.md", "docs/moved/page.html"]);
    expect(deletedOf(pages)).toEqual(["docs/page.html", "notes.txt"]);
    expect(pages.at(-1)!.checkpoint).toEqual({ commit: next });
    expect(await text(item(pages, "docs/intro.md"))).toBe("Intro v2\n");
  });

  it("a pull when nothing changed is one empty page with the same checkpoint", async () => {
    const { dir, commit } = await makeGitRepo({ files: baseFiles });
    const pages = await pullAll({
      connector: gitConnector,
      config: configFor(dir),
      checkpoint: { commit },
      ctx: ctxFor(),
    });
    expect(pages).toEqual([{ items: [], checkpoint: { commit } }]);
  });

  it("include and exclude globs (comma-separated from the CLI) pick the files, in listings and diffs alike", async () => {
    const { dir, commit } = await makeGitRepo({ files: baseFiles });
    const config = configFor(dir, { include: "docs/**,*.txt", exclude: "*.html" } as unknown as Partial<GitConfig>);
    expect(config.include).toEqual(["docs/**", "*.txt"]);
    const ctx = ctxFor();
    const pages = await pullAll({ connector: gitConnector, config, ctx });
    expect(idsOf(pages)).toEqual(["docs/guide.adoc", "docs/intro.md", "notes.txt"]);
    expect((await gitConnector.listIds({ config, ctx }))!.sort()).toEqual(idsOf(pages));

    await commitFiles({
      dir,
      files: { "docs/intro.md": "v2\n", "docs/page.html": "<p>v2</p>", "README.md": "v2\n", "docs/old.txt": "x" },
    });
    const second = await pullAll({ connector: gitConnector, config, checkpoint: { commit }, ctx });
    expect(idsOf(second)).toEqual(["docs/intro.md", "docs/old.txt"]);
  });

  it("an .access.yaml change re-yields every file under its folder with the new access", async () => {
    const { dir, commit } = await makeGitRepo({ files: baseFiles });
    const config = configFor(dir);
    const ctx = ctxFor();
    await pullAll({ connector: gitConnector, config, ctx });
    const before = await gitConnector.accessOf!({ config, ids: ["team/plan.md"], ctx });
    expect(before.get("team/plan.md")!.acl).toEqual(normalizeAcl(["eng", `user:${ALICE}`]));

    await commitFiles({ dir, files: { "team/.access.yaml": "groups: [leads]\n" } });
    // The ACL-only pass answers for the synced commit until a pull stores the new one.
    expect((await gitConnector.accessOf!({ config, ids: ["team/plan.md"], ctx })).get("team/plan.md")).toEqual(
      before.get("team/plan.md"),
    );
    const pages = await pullAll({ connector: gitConnector, config, checkpoint: { commit }, ctx });
    expect(idsOf(pages)).toEqual(["team/deep/spec.md", "team/plan.md"]);
    const leads = { acl: normalizeAcl(["leads"]), owner: null, tags: [] };
    expect(await item(pages, "team/deep/spec.md").access()).toEqual(leads);
    const after = await gitConnector.accessOf!({ config, ids: ["team/plan.md", "README.md", "broken/x.md"], ctx });
    expect(after.get("team/plan.md")).toEqual(leads);
    expect(after.get("README.md")!.acl).toEqual(normalizeAcl(["everyone"]));
    expect(after.get("broken/x.md")).toEqual({ acl: [], owner: null, tags: [] });

    // Deleting the access file hands its folder back to the nearest rule above (the default).
    const third = await commitFiles({ dir, files: { "team/.access.yaml": null } });
    const removed = await pullAll({ connector: gitConnector, config, checkpoint: pages.at(-1)!.checkpoint, ctx });
    expect(idsOf(removed)).toEqual(["team/deep/spec.md", "team/plan.md"]);
    expect(deletedOf(removed)).toEqual([]);
    expect((await item(removed, "team/plan.md").access()).acl).toEqual(normalizeAcl(["everyone"]));
    expect(removed.at(-1)!.checkpoint).toEqual({ commit: third });
  });

  it("pages hold at most PULL_PAGE_SIZE items and a pull resumed from a mid-pull checkpoint redoes nothing", async () => {
    const files = Object.fromEntries(
      Array.from({ length: PULL_PAGE_SIZE * 2 + 10 }, (_, i) => [
        `docs/f${String(i).padStart(3, "0")}.md`,
        `file ${i}\n`,
      ]),
    );
    const { dir, commit } = await makeGitRepo({ files });
    const config = configFor(dir);
    const pages = await pullAll({ connector: gitConnector, config, ctx: ctxFor() });
    expect(pages.map((p) => p.items.length)).toEqual([PULL_PAGE_SIZE, PULL_PAGE_SIZE, 10]);
    expect(pages[0]!.checkpoint).toEqual({ commit: null, target: commit, done: PULL_PAGE_SIZE });

    // New commits after the interruption do not move a resumed pull's target.
    await commitFiles({ dir, files: { "docs/late.md": "late\n" } });
    const resumed = await pullAll({ connector: gitConnector, config, checkpoint: pages[0]!.checkpoint, ctx: ctxFor() });
    expect(resumed.map((p) => p.items.map((i) => i.id))).toEqual(pages.slice(1).map((p) => p.items.map((i) => i.id)));
    expect(resumed.at(-1)!.checkpoint).toEqual({ commit });

    // An incremental pull resumes the same way.
    const changed = Object.fromEntries(Object.keys(files).map((f) => [f, "changed\n"]));
    const next = await commitFiles({ dir, files: changed });
    const diffPages = await pullAll({ connector: gitConnector, config, checkpoint: { commit }, ctx: ctxFor() });
    expect(diffPages.map((p) => p.items.length)).toEqual([PULL_PAGE_SIZE, PULL_PAGE_SIZE, 11]);
    const late = await pullAll({
      connector: gitConnector,
      config,
      checkpoint: diffPages[1]!.checkpoint,
      ctx: ctxFor(),
    });
    expect(idsOf(late)).toEqual(idsOf(diffPages.slice(2)));
    expect(late.at(-1)!.checkpoint).toEqual({ commit: next });
  });

  it("a checkpoint commit lost to a force-push falls back to listing every file", async () => {
    const { dir, commit: first } = await makeGitRepo({ files: { "a.md": "a\n", "b.md": "b\n" } });
    const lost = await commitFiles({ dir, files: { "c.md": "c\n" } });
    await gitIn({ dir, args: ["reset", "-q", "--hard", first] });
    const head = await commitFiles({ dir, files: { "d.md": "d\n" } });
    await gitIn({ dir, args: ["reflog", "expire", "--expire=now", "--all"] });
    await gitIn({ dir, args: ["gc", "-q", "--prune=now"] });
    const ctx = ctxFor();
    const pages = await pullAll({ connector: gitConnector, config: configFor(dir), checkpoint: { commit: lost }, ctx });
    expect(idsOf(pages)).toEqual(["a.md", "b.md", "d.md"]);
    expect(pages.at(-1)!.checkpoint).toEqual({ commit: head });
    expect(ctx.logs.some((l) => l.message.includes("checkpoint commit not found"))).toBe(true);
  });

  it("a ref picks the branch; an unknown ref, a missing folder or a non-repository fail check clearly", async () => {
    const { dir } = await makeGitRepo({ files: { "a.md": "a\n" } });
    await gitIn({ dir, args: ["checkout", "-q", "-b", "draft"] });
    await commitFiles({ dir, files: { "draft.md": "d\n" } });
    await gitIn({ dir, args: ["checkout", "-q", "main"] });
    const ctx = ctxFor();
    expect(idsOf(await pullAll({ connector: gitConnector, config: configFor(dir, { ref: "draft" }), ctx }))).toEqual([
      "a.md",
      "draft.md",
    ]);
    expect(idsOf(await pullAll({ connector: gitConnector, config: configFor(dir), ctx: ctxFor() }))).toEqual(["a.md"]);
    await expect(gitConnector.check({ config: configFor(dir, { ref: "nope" }), ctx })).rejects.toThrow(
      /no branch, tag or commit nope/,
    );
    const plain = await fs.mkdtemp(path.join(os.tmpdir(), "groundwork-not-git-"));
    await expect(gitConnector.check({ config: configFor(plain), ctx })).rejects.toThrow(/Not a Git repository/i);
    await expect(gitConnector.check({ config: configFor(path.join(plain, "missing")), ctx })).rejects.toThrow(
      /does not exist/,
    );
    // A folder inside a repository is not that repository.
    await fs.mkdir(path.join(dir, "sub"));
    await expect(gitConnector.check({ config: configFor(path.join(dir, "sub")), ctx })).rejects.toThrow(
      /Not a Git repository/i,
    );
    await expect(gitConnector.check({ config: configFor("/etc"), ctx })).rejects.toThrow(/GROUNDWORK_SOURCE_ROOTS/);
  });

  it("refuses file://, ext::, ssh and relative repositories before running git", async () => {
    const ctx = ctxFor();
    for (const [repo, pattern] of [
      ["file:///etc", /file:\/\/ transport is not supported/],
      ["ext::sh -c touch% /tmp/pwned", /ext:: transport is not supported/],
      ["ssh://git@example.com/x.git", /ssh:\/\/ transport is not supported/],
      ["git@example.com:acme/x.git", /ssh \(host:path\) transport is not supported/],
      ["git://example.com/x.git", /git:\/\/ transport is not supported/],
      ["relative/repo", /relative path/],
      ["https://user:pw@example.com/x.git", /credentials/],
    ] as const) {
      const error = await gitConnector.check({ config: configFor(repo), ctx }).catch((e: unknown) => e);
      expect(error, repo).toBeInstanceOf(GroundworkError);
      expect((error as GroundworkError).code).toBe("bad_request");
      expect((error as Error).message, repo).toMatch(pattern);
    }
    expect(() => configFor("/x", { ref: "--upload-pack=touch" })).toThrow();
  });
});

describe("git connector over HTTP", () => {
  const servers: http.Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));
  const listen = async (handler: http.RequestListener) => {
    const server = http.createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it("sends the token as a header only, and never shows it in errors or logs", async () => {
    const token = "ghp_SuperSecretToken123";
    const seen: { url: string; authorization?: string }[] = [];
    const base = await listen((req, res) => {
      seen.push({
        url: req.url ?? "",
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      });
      res.writeHead(401, { "WWW-Authenticate": 'Basic realm="git"' }).end("no");
    });
    const ctx = ctxFor({ secrets: { token } });
    const error = (await gitConnector
      .check({ config: configFor(`${base}/acme/private.git`), ctx })
      .catch((e: unknown) => e)) as GroundworkError;
    expect(error).toBeInstanceOf(GroundworkError);
    expect(error.message).toMatch(/authentication failed/i);
    const basic = Buffer.from(`x-access-token:${token}`).toString("base64");
    expect(seen.some((s) => s.authorization === `Basic ${basic}`)).toBe(true);
    for (const shown of [
      error.message,
      JSON.stringify(ctx.logs),
      JSON.stringify(error.details ?? {}),
      ...seen.map((s) => s.url),
    ]) {
      expect(shown).not.toContain(token);
      expect(shown).not.toContain(basic);
    }
  });

  it("asks the network guard before git connects", async () => {
    let requests = 0;
    const base = await listen((_req, res) => {
      requests++;
      res.writeHead(404).end();
    });
    const ctx = ctxFor({ guard: createNetworkGuard({ allowHosts: new Set() }) });
    await expect(gitConnector.check({ config: configFor(`${base}/x.git`), ctx })).rejects.toThrow(
      /GROUNDWORK_CONNECTOR_ALLOW_HOSTS/,
    );
    expect(requests).toBe(0);
  });

  it("clones a remote into the data dir's cache and pulls it incrementally", async () => {
    const { dir, commit } = await makeGitRepo({
      files: { "a.md": "a\n", "team/.access.yaml": "groups: [eng]\n", "team/b.md": "b\n" },
    });
    const bare = `${dir}-bare.git`;
    await gitIn({ dir: os.tmpdir(), args: ["clone", "-q", "--bare", dir, bare] });
    await gitIn({ dir: bare, args: ["update-server-info"] });
    // Git's "dumb" HTTP protocol: the bare repository's files served as they are.
    const base = await listen((req, res) => {
      const rel = decodeURIComponent((req.url ?? "/").split("?")[0]!).replace(/^\/repo\.git\//, "");
      fs.readFile(path.join(bare, path.normalize(rel))).then(
        (body) => res.writeHead(200).end(body),
        () => res.writeHead(404).end(),
      );
    });
    const config = configFor(`${base}/repo.git`);
    const ctx = ctxFor();
    await gitConnector.check({ config, ctx });
    const cacheDir = path.join(dataDir, "connectors", "git", ctx.sourceId, "repo.git");
    // Test connection clones nothing (it may run for a source not yet saved).
    await expect(fs.stat(cacheDir)).rejects.toThrow();
    await expect(gitConnector.check({ config: configFor(`${base}/repo.git`, { ref: "nope" }), ctx })).rejects.toThrow(
      /no branch or tag nope/,
    );
    await expect(
      pullAll({ connector: gitConnector, config: configFor(`${base}/repo.git`, { ref: "nope" }), ctx: ctxFor() }),
    ).rejects.toThrow(/no branch or tag nope/);
    const pages = await pullAll({ connector: gitConnector, config, ctx });
    expect(idsOf(pages)).toEqual(["a.md", "team/b.md"]);
    expect(pages.at(-1)!.checkpoint).toEqual({ commit });
    expect(await text(item(pages, "team/b.md"))).toBe("b\n");
    expect((await item(pages, "team/b.md").access()).acl).toEqual(normalizeAcl(["eng"]));
    await expect(fs.stat(path.join(cacheDir, "HEAD"))).resolves.toBeTruthy();

    const next = await commitFiles({ dir, files: { "a.md": "a2\n", "c.md": "c\n" } });
    await gitIn({ dir, args: ["push", "-q", bare, "main"] });
    await gitIn({ dir: bare, args: ["update-server-info"] });
    const second = await pullAll({ connector: gitConnector, config, checkpoint: { commit }, ctx });
    expect(idsOf(second)).toEqual(["a.md", "c.md"]);
    expect(second.at(-1)!.checkpoint).toEqual({ commit: next });
    expect(await text(item(second, "a.md"))).toBe("a2\n");
    expect(await gitConnector.listIds({ config, ctx })).toEqual(["a.md", "c.md", "team/b.md"]);
  });
});

describe("remoteNetwork", () => {
  const answers = (...lists: string[][]) => {
    let call = 0;
    return async () => (lists[Math.min(call++, lists.length - 1)] ?? []).map((address) => ({ address, family: 4 }));
  };

  it("pins the addresses the guard approved, so git cannot be rebound to a private one", async () => {
    const lookup = answers(["93.184.216.34"]);
    const guard = createNetworkGuard({ allowHosts: new Set(), lookup });
    const network = await remoteNetwork({
      url: new URL("https://git.example.com/a.git"),
      token: "tok_12345",
      guard,
      lookup,
    });
    expect(network.config).toContainEqual(["http.curloptResolve", "git.example.com:443:93.184.216.34"]);
    expect(network.config.find(([k]) => k === "http.extraHeader")![1]).toBe(
      `Authorization: Basic ${Buffer.from("x-access-token:tok_12345").toString("base64")}`,
    );
    expect(network.secrets).toContain("tok_12345");
  });

  it("refuses a host whose second answer is private", async () => {
    const lookup = answers(["93.184.216.34"], ["10.0.0.7"]);
    const guard = createNetworkGuard({ allowHosts: new Set(), lookup });
    await expect(
      remoteNetwork({ url: new URL("https://git.example.com/a.git"), token: undefined, guard, lookup }),
    ).rejects.toThrow(/10\.0\.0\.7.*not a public address/);
  });
});

describe("fileLink", () => {
  const commit = "a".repeat(40);
  it("links a forge's file page at the commit, else names the blob as git:<commit>:<path>", () => {
    const remote = (href: string) => ({ kind: "remote" as const, url: new URL(href) });
    expect(fileLink({ location: remote("https://github.com/acme/handbook.git"), commit, path: "docs/a b.md" })).toBe(
      `https://github.com/acme/handbook/blob/${commit}/docs/a%20b.md`,
    );
    expect(fileLink({ location: remote("https://git.example.org/g/p/"), commit, path: "x.md" })).toBe(
      `git:${commit}:x.md`,
    );
    expect(fileLink({ location: remote("https://gitlab.acme.io/g/p"), commit, path: "x.md" })).toBe(
      `https://gitlab.acme.io/g/p/blob/${commit}/x.md`,
    );
    expect(fileLink({ location: { kind: "local", path: "/srv/repo" }, commit, path: "x.md" })).toBe(
      `git:${commit}:x.md`,
    );
  });
});
