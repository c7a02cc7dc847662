import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import type { Checkpoint, ConnectorContext, PullPage, SourceEntry } from "../connector";
import { PULL_PAGE_SIZE } from "../connector";
import type { WebConfig } from "./config";
import { fetchPage, notModifiedBySitemap, type PageOutcome } from "./fetch-page";
import { readSitemaps } from "./sitemap";
import { openSite } from "./site";
import { normalizeUrl } from "./url";

/**
 * The checkpoint is the crawl itself: the URLs still to fetch and the URLs and ids already done,
 * so a resumed pull goes on with the same crawl. A finished crawl leaves only `completedAt`;
 * the next pull starts a new crawl, cheap because unchanged pages answer 304.
 */
const crawlStateSchema = z.object({
  crawlStartedAt: z.string(),
  frontier: z.array(z.object({ url: z.string(), depth: z.number().int().min(0) })),
  visited: z.array(z.string()),
  /** Pages fetched so far in this crawl, against maxPages. */
  pages: z.number().int().min(0).default(0),
});
export type CrawlState = z.output<typeof crawlStateSchema>;
type Task = { url: string; depth: number };

/** One in this many pages the sitemap vouches for is fetched anyway, to check that its lastmod tells the truth. */
const SPOT_CHECK = 20;

export async function* crawl({
  config,
  checkpoint,
  ctx,
}: {
  config: WebConfig;
  checkpoint: Checkpoint | null;
  ctx: ConnectorContext;
}): AsyncGenerator<PullPage> {
  // Ours, so that leaving early (abort, a consumer that stops) also cancels requests in flight.
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  try {
    const site = await openSite({ config, ctx, signal });
    const resumed = crawlStateSchema.safeParse(checkpoint);
    const state: CrawlState = resumed.success
      ? resumed.data
      : { crawlStartedAt: new Date().toISOString(), frontier: [], visited: [], pages: 0 };
    const visited = new Set(state.visited);
    const queue: Task[] = [...state.frontier];
    const seen = new Set([...visited, ...queue.map((t) => t.url)]);
    let pages = state.pages;
    let entries: SourceEntry[] = [];
    let deleted: string[] = [];
    // Sitemap <lastmod> per URL, trusted while spot checks agree: one skippable page in
    // SPOT_CHECK is fetched anyway, and if its content had changed although its lastmod said it
    // had not, lastmod is ignored for the rest of the crawl (every page gets a conditional GET).
    const lastmods = new Map<string, Date>();
    let lastmodTrusted = !config.ignoreSitemapLastmod;
    let skippable = 0;
    const spotChecked = new Set<string>();

    const admit = (url: string, depth: number) => {
      if (seen.has(url) || depth > config.maxDepth) return;
      if (!site.scope.sameOrigin(url) || !site.scope.pathAllowed(url)) return;
      seen.add(url);
      if (!site.robots.allowed(url)) {
        ctx.log("robots.txt disallows; skipped", { url });
        return;
      }
      queue.push({ url, depth });
    };
    const apply = (task: Task, outcome: PageOutcome) => {
      // Two URLs of one page (a canonical, a redirect) give one entry: the first one seen.
      const entryId = outcome.entry?.id;
      if (outcome.entry && !visited.has(entryId!)) entries.push(outcome.entry);
      if (outcome.deleted) deleted.push(outcome.deleted);
      for (const key of outcome.done) {
        visited.add(key);
        seen.add(key);
      }
      visited.add(task.url);
      for (const link of outcome.links) admit(link, task.depth + 1);
    };

    if (!resumed.success) {
      const start = normalizeUrl(config.url)!;
      seen.add(start);
      // The start URL is fetched for its links even when the globs leave it out of the index.
      if (site.robots.allowed(start)) {
        const outcome = await fetchPage({ site, ctx, url: start, isStart: true });
        pages++;
        if (!site.scope.pathAllowed(start) && outcome.entry) delete outcome.entry;
        apply({ url: start, depth: 0 }, outcome);
      } else ctx.log("robots.txt disallows the start URL; crawling from the sitemap", { url: start });
      const fromSitemap = await readSitemaps({ site, log: ctx.log });
      for (const [url, lastmod] of fromSitemap ?? []) {
        if (lastmod) lastmods.set(url, lastmod);
        admit(url, 0);
      }
      if (!site.robots.allowed(start) && queue.length === 0)
        throw new GroundworkError(
          "bad_request",
          `robots.txt of ${site.scope.origin} disallows ${start} for GroundworkBot and the site lists no other pages.`,
        );
    }

    const inFlight = new Map<
      string,
      { task: Task; done: Promise<{ task: Task; outcome?: PageOutcome; error?: Error }> }
    >();
    // A page the sitemap vouches for can be settled without a request.
    const vouchedFor = (task: Task): PageOutcome | null => {
      const lastmod = lastmodTrusted ? lastmods.get(task.url) : undefined;
      return lastmod ? notModifiedBySitemap({ site, ctx, url: task.url, lastmod }) : null;
    };
    let spotPending = 0;
    const startTask = (task: Task) => {
      const done = fetchPage({ site, ctx, url: task.url, isStart: false }).then(
        (outcome) => ({ task, outcome }),
        (error: unknown) => ({
          task,
          error: error instanceof Error ? error : new Error("A page fetch failed.", { cause: error }),
        }),
      );
      inFlight.set(task.url, { task, done });
    };
    const cut = (): PullPage => {
      const page: PullPage = { items: entries, checkpoint: snapshot() };
      if (deleted.length) page.deleted = deleted;
      entries = [];
      deleted = [];
      return page;
    };
    const snapshot = (): CrawlState => ({
      crawlStartedAt: state.crawlStartedAt,
      // In-flight pages are not done: a resume fetches them again.
      frontier: [...[...inFlight.values()].map((f) => f.task), ...queue],
      visited: [...visited],
      pages: pages - inFlight.size,
    });

    for (;;) {
      while (
        inFlight.size < config.concurrency &&
        queue.length &&
        pages < config.maxPages &&
        !signal.aborted &&
        entries.length < PULL_PAGE_SIZE
      ) {
        const known = vouchedFor(queue[0]!);
        // Skips wait for the spot check in flight: a lying lastmod must stop them before they run on.
        if (known && spotPending > 0) break;
        const task = queue.shift()!;
        pages++;
        if (known && skippable++ % SPOT_CHECK !== SPOT_CHECK - 1) {
          apply(task, known);
          continue;
        }
        if (known) {
          spotChecked.add(task.url);
          spotPending++;
        }
        startTask(task);
      }
      if (entries.length >= PULL_PAGE_SIZE) {
        yield cut();
        if (ctx.signal.aborted) return;
        continue;
      }
      if (inFlight.size === 0) break;
      const settled = await Promise.race([...inFlight.values()].map((f) => f.done));
      inFlight.delete(settled.task.url);
      if (settled.error !== undefined) {
        if (ctx.signal.aborted) return;
        throw settled.error;
      }
      if (spotChecked.has(settled.task.url)) {
        spotPending--;
        const entry = settled.outcome!.entry;
        const before = ctx.previous(settled.task.url)?.version;
        if (entry && !("error" in entry) && entry.version !== before) {
          lastmodTrusted = false;
          ctx.log("sitemap lastmod is not reliable on this site; every page gets a conditional GET", {
            url: settled.task.url,
          });
        }
      }
      apply(settled.task, settled.outcome!);
      // One outcome adds at most one entry, so a page is cut at exactly PULL_PAGE_SIZE.
      if (entries.length >= PULL_PAGE_SIZE) {
        yield cut();
        if (ctx.signal.aborted) return;
      }
    }
    if (ctx.signal.aborted) return;
    if (queue.length)
      ctx.log("maxPages reached; the rest of the site waits for the next crawl", { left: queue.length });
    else {
      // The crawl reached everything it could: a stored page it did not reach is no longer linked
      // (nor in the sitemap) and goes. Only here, on the last page of a completed crawl: a capped
      // or stopped crawl saw part of the site, and until this page every stored page stays searchable.
      // A page that failed this time (a 500) was visited and keeps its stored version.
      const gone = new Set(deleted);
      for (const id of ctx.storedIds()) if (!visited.has(id) && !gone.has(id)) deleted.push(id);
    }
    const last: PullPage = { items: entries, checkpoint: { completedAt: new Date().toISOString() } };
    if (deleted.length) last.deleted = deleted;
    yield last;
  } finally {
    controller.abort();
  }
}
