import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { sources } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { readIngestEnv } from "../env";
import { PULL_PAGE_SIZE } from "../sources/connector";
import { createSource } from "../sources/manage-sources";
import { serveStaticSite, type StaticSite } from "../testing/static-site";
import { executeRun } from "./execute-run";
import { getRun, requestRun } from "./runs";

const targets = await availableTargets();
const PAGES = 300;
// The site and the worker are on loopback, which the network guard refuses unless allowed.
const ALLOW_HOSTS = [process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS, "127.0.0.1", "localhost"].filter(Boolean).join(",");

describe.each(targets)("a web sync killed with SIGKILL mid-crawl on %s", (target) => {
  let t: TestDatabase | undefined;
  let child: ChildProcess | undefined;
  let site: StaticSite | undefined;
  const previousAllow = process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS;

  afterAll(async () => {
    child?.kill("SIGKILL");
    await site?.close();
    await t?.dispose();
    if (previousAllow === undefined) delete process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS;
    else process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS = previousAllow;
  });

  it("resumes after the last committed page: no committed page fetched again, none stored twice, none unsearchable", async () => {
    process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS = ALLOW_HOSTS;
    // A small delay per answer, so the crawl is still going when the first page commits.
    site = await serveStaticSite({ pages: PAGES, delayMs: 15 });
    t = await createTestDatabase({ target });
    const db = t.db;
    await createSource({
      db,
      name: "killed-web",
      kind: "web",
      config: { url: site.url, maxPages: PAGES + 10, maxDepth: 64, concurrency: 4, requestsPerSecond: 100 },
      defaultAcl: ["everyone"],
    });
    const checkpointOf = async () =>
      (await db.select({ c: sources.checkpoint }).from(sources).where(eq(sources.name, "killed-web")))[0]!.c;
    expect(await checkpointOf()).toBeNull();

    // The worker child of worker-crash.integration.test.ts: it stores slowly (80 ms a file), so
    // the kill lands between two committed pages of the crawl.
    const where = t.owner
      ? { args: [], env: { ...process.env, DATABASE_URL: "", GROUNDWORK_DATA_DIR: t.owner.dataDir } }
      : { args: [t.url], env: process.env };
    const proc = spawn(
      process.execPath,
      ["--import", "tsx", path.join(import.meta.dirname, "..", "testing", "worker-child.ts"), ...where.args],
      {
        cwd: path.join(import.meta.dirname, "..", ".."),
        env: { ...where.env, GROUNDWORK_CONNECTOR_ALLOW_HOSTS: ALLOW_HOSTS },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    child = proc;
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      proc.on("exit", (code) => reject(new Error(`worker exited early (${code})`)));
    });
    const { runId } = await requestRun({ db, source: "killed-web", trigger: "cli" });
    // The crawl's checkpoint lists the URLs done so far; it is stored with a page's last batch.
    let progressed = false;
    for (let i = 0; i < 1200 && !progressed; i++) {
      const checkpoint = await checkpointOf();
      progressed = Array.isArray(checkpoint?.visited) && checkpoint.visited.length > 0;
      if (!progressed) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(progressed).toBe(true);
    proc.kill("SIGKILL");
    await new Promise((resolve) => proc.once("exit", resolve));
    expect((await getRun({ db, runId })).status).toBe("running");

    // What the killed run committed: its documents and the checkpoint that came with them agree.
    const searchable = async () =>
      (
        await db.execute<{ path: string }>(sql`
          select d.path from documents d
          join sources s on s.id = d.source_id and s.name = 'killed-web'
          where d.status = 'active'
            and exists (select 1 from chunks c where c.document_id = d.id
                        and c.tsv @@ plainto_tsquery('english', 'generated site'))`)
      ).rows.map((r) => r.path);
    const committed = await searchable();
    const checkpoint = (await checkpointOf()) as { visited: string[] };
    expect(committed.length).toBeGreaterThan(0);
    expect(committed.length).toBeLessThan(PAGES);
    expect(new Set(checkpoint.visited)).toEqual(new Set(committed));
    const left = PAGES - committed.length;

    site.resetCounts();
    // The dead run holds the source until its heartbeat is stale.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const next = await requestRun({ db, source: "killed-web", trigger: "cli", staleAfterMs: 1000 });
    expect((await getRun({ db, runId })).status).toBe("failed");
    // Watched all through the resumed run: no committed page ever stops being searchable.
    let watching = true;
    let fewestSearchable = committed.length;
    const watcher = (async () => {
      while (watching) {
        const now = new Set(await searchable());
        fewestSearchable = Math.min(fewestSearchable, committed.filter((p) => now.has(p)).length);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    try {
      await executeRun({ db, runId: next.runId, embedder: createHashEmbedder(), env: readIngestEnv({}) });
    } finally {
      watching = false;
      await watcher;
    }
    expect(fewestSearchable).toBe(committed.length);
    const done = await getRun({ db, runId: next.runId });
    expect(done.status).toBe("succeeded");

    // The resumed crawl fetched only pages not yet committed, at most one page of entries beyond.
    expect(site.bodiesSent()).toBeLessThanOrEqual(left + PULL_PAGE_SIZE);
    expect(site.bodiesSent()).toBeGreaterThanOrEqual(left);
    const pathOf = (url: string) => new URL(url).pathname;
    expect(committed.filter((url) => (site!.hits.get(pathOf(url)) ?? 0) > 0)).toEqual([]);
    expect(done.counts).toMatchObject({ seen: left, added: left, updated: 0, unchanged: 0, deleted: 0, failed: 0 });

    // Every page stored exactly once, none missing.
    const active = await db.execute<{ path: string; n: number }>(sql`
      select d.path, count(*)::int as n from documents d
      join sources s on s.id = d.source_id and s.name = 'killed-web'
      where d.status = 'active' group by d.path`);
    expect(active.rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(new Set(active.rows.map((r) => r.path))).toEqual(new Set(site.pageUrls));
    expect(new Set(await searchable())).toEqual(new Set(site.pageUrls));
  }, 120_000);
});
