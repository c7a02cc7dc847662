import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase, type TestTarget } from "@groundwork/db/testing";
import { documents, sources, type IngestionRun } from "@groundwork/db/schema";
import { createHashEmbedder } from "@groundwork/models/embeddings";
import { createSource, readIngestEnv, requestRun, startIngestWorker, waitForRun } from "@groundwork/ingest";
import { commitFiles, makeGitRepo, seedSqlTable, serveStaticSite } from "@groundwork/ingest/testing";

/**
 * The connectors section of `pnpm bench:ingest`: a local web site, a Git repository and SQL
 * tables synced through the real path (requestRun → pg-boss → worker → DB), first sync then a
 * small change, on each database target. What a re-sync costs is what the version tags (ETag,
 * blob id, updated column) are for, so every re-sync also reports how much it actually read.
 */

/** The web source's politeness, set to the schema's maximums: the site is on loopback. */
export const WEB_REQUESTS_PER_SECOND = 100;
export const WEB_CONCURRENCY = 32;

export type ConnectorSizes = { webPages: number; gitFiles: number; sqlRows: number };

type Timed = { run: IngestionRun; seconds: number; runSeconds: number };

export type WebFigures = {
  pages: number;
  requests_per_second: number;
  concurrency: number;
  first_sync_s: number;
  first_sync_run_s: number;
  first_pages_per_s: number;
  changed_pages: number;
  resync_s: number;
  resync_run_s: number;
  resync_bodies: number;
  resync_not_modified: number;
  resync_requests: number;
  resync_speedup: number;
  /** The least a re-sync can take at this rate: every page is still asked for (conditionally). */
  resync_rate_floor_s: number;
};

export type GitFigures = {
  files: number;
  first_sync_s: number;
  first_sync_run_s: number;
  first_files_per_s: number;
  changed_files: number;
  resync_s: number;
  resync_run_s: number;
  resync_files_seen: number;
  resync_files_read: number;
  resync_unchanged: number;
};

export type SqlFigures = {
  rows: number;
  first_sync_s: number;
  first_sync_run_s: number;
  first_rows_per_s: number;
  updated_rows: number;
  resync_s: number;
  resync_run_s: number;
  resync_rows_pulled: number;
  resync_rows_stored: number;
};

export type ConnectorFigures = {
  web: WebFigures;
  git: GitFigures;
  sql: Partial<Record<"postgres" | "mysql", SqlFigures>>;
};

const round = (n: number) => Math.round(n * 100) / 100;

/** Where the sources' fixtures live; local Git repositories must sit inside the source roots. */
function benchRoot(): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "gw-bench-connectors-")));
  process.env.GROUNDWORK_SOURCE_ROOTS = [process.env.GROUNDWORK_SOURCE_ROOTS, root].filter(Boolean).join(",");
  return root;
}

/** A Markdown file of the generated repository: a few paragraphs, enough for two or three chunks. */
const markdown = (i: number, revision: number) =>
  `# Handbook page ${i}\n\n${`Section ${i} of the handbook, revision ${revision}, covers topic ${i % 23} in some detail. `.repeat(
    20,
  )}\n\n## Notes\n\nRevision ${revision} notes for page ${i}.\n`;

async function activeDocuments({ t, source }: { t: TestDatabase; source: string }): Promise<number> {
  const rows = await t.db
    .select({ n: sql<number>`count(*)::int` })
    .from(documents)
    .innerJoin(sources, eq(sources.id, documents.sourceId))
    .where(and(eq(sources.name, source), eq(documents.status, "active")));
  return Number(rows[0]!.n);
}

async function timedRun({ t, source }: { t: TestDatabase; source: string }): Promise<Timed> {
  const started = performance.now();
  const { runId } = await requestRun({ db: t.db, source, trigger: "cli" });
  const run = await waitForRun({ db: t.db, runId, timeoutMs: 3600_000 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== "succeeded") throw new Error(`${source} run ${run.status}: ${run.error}`);
  // As in the ingest section: the run's own duration leaves out the queue pickup and our polling.
  const runSeconds =
    run.startedAt && run.finishedAt ? (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000 : seconds;
  return { run, seconds, runSeconds };
}

async function benchWeb({
  t,
  pages,
  log,
}: {
  t: TestDatabase;
  pages: number;
  log: (line: string) => void;
}): Promise<WebFigures> {
  const site = await serveStaticSite({ pages });
  try {
    await createSource({
      db: t.db,
      name: "bench-web",
      kind: "web",
      config: {
        url: site.url,
        maxPages: pages + 10,
        // The generated site is a binary tree of links, but the sitemap seeds every page at depth 0.
        maxDepth: 64,
        concurrency: WEB_CONCURRENCY,
        requestsPerSecond: WEB_REQUESTS_PER_SECOND,
      },
      defaultAcl: [],
    });
    log(`  web: first sync of ${pages} pages…`);
    const first = await timedRun({ t, source: "bench-web" });
    const stored = await activeDocuments({ t, source: "bench-web" });
    if (stored !== pages) throw new Error(`web first sync stored ${stored} of ${pages} pages`);
    const changed = Math.max(1, Math.round(pages / 100));
    site.change(changed);
    site.resetCounts();
    log(`  web: re-sync after ${changed} changed pages…`);
    const resync = await timedRun({ t, source: "bench-web" });
    const requests = [...site.hits.entries()]
      .filter(([p]) => p === "/" || p.startsWith("/pages/"))
      .reduce((sum, [, n]) => sum + n, 0);
    const bodies = site.bodiesSent();
    return {
      pages,
      requests_per_second: WEB_REQUESTS_PER_SECOND,
      concurrency: WEB_CONCURRENCY,
      first_sync_s: round(first.seconds),
      first_sync_run_s: round(first.runSeconds),
      first_pages_per_s: round(pages / first.seconds),
      changed_pages: changed,
      resync_s: round(resync.seconds),
      resync_run_s: round(resync.runSeconds),
      resync_bodies: bodies,
      resync_not_modified: requests - bodies,
      resync_requests: requests,
      resync_speedup: round(first.runSeconds / resync.runSeconds),
      resync_rate_floor_s: round(pages / WEB_REQUESTS_PER_SECOND),
    };
  } finally {
    await site.close();
  }
}

async function benchGit({
  t,
  root,
  files,
  log,
}: {
  t: TestDatabase;
  root: string;
  files: number;
  log: (line: string) => void;
}): Promise<GitFigures> {
  // Folders of 100, as a handbook repository would have, so the tree is not one flat directory.
  const rel = (i: number) => `docs/section-${String(Math.floor(i / 100)).padStart(3, "0")}/page-${i}.md`;
  const { dir } = await makeGitRepo({
    parent: root,
    files: Object.fromEntries(Array.from({ length: files }, (_, i) => [rel(i), markdown(i, 1)])),
  });
  await createSource({ db: t.db, name: "bench-git", kind: "git", config: { repo: dir }, defaultAcl: [] });
  log(`  git: first sync of ${files} Markdown files…`);
  const first = await timedRun({ t, source: "bench-git" });
  if (first.run.counts.added !== files) throw new Error(`git first sync saw ${JSON.stringify(first.run.counts)}`);
  const changed = Math.min(10, files);
  const step = Math.max(1, Math.floor(files / changed));
  await commitFiles({
    dir,
    files: Object.fromEntries(Array.from({ length: changed }, (_, k) => [rel(k * step), markdown(k * step, 2)])),
    message: "Edit ten pages",
  });
  log(`  git: re-sync after a ${changed}-file commit…`);
  const resync = await timedRun({ t, source: "bench-git" });
  const c = resync.run.counts;
  return {
    files,
    first_sync_s: round(first.seconds),
    first_sync_run_s: round(first.runSeconds),
    first_files_per_s: round(files / first.seconds),
    changed_files: changed,
    resync_s: round(resync.seconds),
    resync_run_s: round(resync.runSeconds),
    resync_files_seen: c.seen,
    // Items a version tag (the blob id) did not skip are the ones whose content was read.
    resync_files_read: c.added + c.updated,
    resync_unchanged: c.unchanged,
  };
}

async function benchSql({
  t,
  dialect,
  rows,
  log,
}: {
  t: TestDatabase;
  dialect: "postgres" | "mysql";
  rows: number;
  log: (line: string) => void;
}): Promise<SqlFigures | null> {
  log(`  sql/${dialect}: seeding ${rows} rows…`);
  let table: Awaited<ReturnType<typeof seedSqlTable>>;
  try {
    table = await seedSqlTable({ dialect, rows, prefix: "gw_bench" });
  } catch (error) {
    // A benchmark reports what it could measure: a dialect whose server is not up is skipped.
    log(`  sql/${dialect}: skipped (${(error as Error).message})`);
    return null;
  }
  try {
    const name = `bench-sql-${dialect}`;
    await createSource({ db: t.db, name, kind: "sql", config: table.config(), defaultAcl: [] });
    log(`  sql/${dialect}: first sync of ${rows} rows…`);
    const first = await timedRun({ t, source: name });
    if (first.run.counts.added !== rows) throw new Error(`sql first sync saw ${JSON.stringify(first.run.counts)}`);
    const updated = Math.max(1, Math.round(rows / 100));
    const step = Math.max(1, Math.floor(rows / updated));
    await table.touch({ ids: Array.from({ length: updated }, (_, k) => 1 + k * step) });
    log(`  sql/${dialect}: re-sync after ${updated} updated rows…`);
    const resync = await timedRun({ t, source: name });
    return {
      rows,
      first_sync_s: round(first.seconds),
      first_sync_run_s: round(first.runSeconds),
      first_rows_per_s: round(rows / first.seconds),
      updated_rows: updated,
      resync_s: round(resync.seconds),
      resync_run_s: round(resync.runSeconds),
      // The updated column's checkpoint: the query asks only for rows changed since the last sync.
      resync_rows_pulled: resync.run.counts.seen,
      resync_rows_stored: resync.run.counts.added + resync.run.counts.updated,
    };
  } finally {
    await table.drop();
  }
}

export async function benchConnectors({
  target,
  sizes,
  log,
}: {
  target: TestTarget;
  sizes: ConnectorSizes;
  log: (line: string) => void;
}): Promise<ConnectorFigures> {
  // The fixtures (site, SQL servers) are on loopback, which the network guard refuses unless allowed.
  const allow = new Set(
    [...(process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS ?? "").split(","), "127.0.0.1", "localhost"]
      .map((h) => h.trim())
      .filter(Boolean),
  );
  process.env.GROUNDWORK_CONNECTOR_ALLOW_HOSTS = [...allow].join(",");
  const root = benchRoot();
  const t = await createTestDatabase({ target });
  const worker = await startIngestWorker({
    handle: t,
    embedder: createHashEmbedder(),
    env: readIngestEnv({}),
    pollingIntervalSeconds: 0.5,
    batchSize: 64,
    log: () => undefined,
  });
  try {
    log(`[${target}] connectors`);
    // Each part's figures as soon as they are measured: a full-size run is long, and a part that
    // fails later must not take the earlier parts' figures with it.
    const web = await benchWeb({ t, pages: sizes.webPages, log });
    log(`  web: ${JSON.stringify(web)}`);
    const git = await benchGit({ t, root, files: sizes.gitFiles, log });
    log(`  git: ${JSON.stringify(git)}`);
    const sqlFigures: ConnectorFigures["sql"] = {};
    for (const dialect of ["postgres", "mysql"] as const) {
      const figures = await benchSql({ t, dialect, rows: sizes.sqlRows, log });
      if (figures) sqlFigures[dialect] = figures;
      if (figures) log(`  sql/${dialect}: ${JSON.stringify(figures)}`);
    }
    return { web, git, sql: sqlFigures };
  } finally {
    await worker.stop();
    await t.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

type Row<F> = [string, string, (f: F) => string];

/** The connectors table: targets beside the measured figures, one column per database target. */
export function connectorsTable({
  results,
  sizes,
}: {
  results: Partial<Record<TestTarget, ConnectorFigures>>;
  sizes: ConnectorSizes;
}): string {
  const webRows: Row<WebFigures>[] = [
    ["web first sync", "no target", (w) => `${w.first_pages_per_s} pages/s (${w.first_sync_s} s)`],
    [
      `web re-sync, ${Math.max(1, Math.round(sizes.webPages / 100))} pages changed`,
      "—",
      (w) => `${w.resync_s} s (run ${w.resync_run_s} s)`,
    ],
    ["web re-sync speed-up (run durations)", "≥ 10× faster", (w) => `${w.resync_speedup}×`],
    ["web re-sync: bodies / 304s", "bodies = changed pages", (w) => `${w.resync_bodies} / ${w.resync_not_modified}`],
    ["web re-sync floor if every page were asked", "—", (w) => `${w.resync_rate_floor_s} s`],
  ];
  const gitRows: Row<GitFigures>[] = [
    ["git first sync", "no target", (g) => `${g.first_files_per_s} files/s (${g.first_sync_s} s)`],
    ["git 10-file commit re-sync", "no target", (g) => `${g.resync_s} s (run ${g.resync_run_s} s)`],
    [
      "git re-sync: files read / seen",
      "read = changed files",
      (g) => `${g.resync_files_read} / ${g.resync_files_seen}`,
    ],
  ];
  const sqlRows = (dialect: "postgres" | "mysql"): Row<ConnectorFigures>[] => {
    const of = (f: ConnectorFigures, fmt: (s: SqlFigures) => string) =>
      f.sql[dialect] ? fmt(f.sql[dialect]) : "skipped";
    return [
      [
        `sql/${dialect} first sync`,
        "no target",
        (f) => of(f, (s) => `${s.first_rows_per_s} rows/s (${s.first_sync_s} s)`),
      ],
      [
        `sql/${dialect} 1 % updated re-sync`,
        "no target",
        (f) => of(f, (s) => `${s.resync_s} s (run ${s.resync_run_s} s)`),
      ],
      [
        `sql/${dialect} re-sync: rows pulled`,
        "= updated rows",
        (f) => of(f, (s) => `${s.resync_rows_pulled} of ${s.rows}`),
      ],
    ];
  };
  const all: Row<ConnectorFigures>[] = [
    ...webRows.map(([l, g, fmt]): Row<ConnectorFigures> => [l, g, (f) => fmt(f.web)]),
    ...gitRows.map(([l, g, fmt]): Row<ConnectorFigures> => [l, g, (f) => fmt(f.git)]),
    ...sqlRows("postgres"),
    ...sqlRows("mysql"),
  ];
  const cell = (target: TestTarget, fmt: (f: ConnectorFigures) => string) =>
    results[target] ? fmt(results[target]) : "skipped";
  return [
    `connectors benchmark: web ${sizes.webPages} pages, git ${sizes.gitFiles} files, sql ${sizes.sqlRows} rows; ` +
      `the web source runs at requestsPerSecond ${WEB_REQUESTS_PER_SECOND} and concurrency ${WEB_CONCURRENCY} ` +
      `(the config's maximums, set so politeness is not what is measured on a loopback site). A re-sync asks ` +
      `only for pages whose sitemap lastmod moved, plus one in 20 of the rest as a spot check; with ` +
      `--ignore-sitemap-lastmod every page gets a conditional GET and the floor is pages / ${WEB_REQUESTS_PER_SECOND} s`,
    `| metric | target | server | embedded |`,
    `|---|---|---|---|`,
    ...all.map(([label, goal, fmt]) => `| ${label} | ${goal} | ${cell("server", fmt)} | ${cell("embedded", fmt)} |`),
  ].join("\n");
}
