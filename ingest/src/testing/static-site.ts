import http from "node:http";
import type { AddressInfo } from "node:net";

export type StaticSiteRoute = (req: http.IncomingMessage, res: http.ServerResponse) => void;

export type StaticSite = {
  /** The home page, `http://127.0.0.1:<port>/`. */
  url: string;
  origin: string;
  /** Every page URL of the generated site (home first). */
  pageUrls: string[];
  /** Requests per path (query included), every status. */
  hits: Map<string, number>;
  /** Responses that sent a page body (200 with content), so tests can tell 304s from refetches. */
  bodiesSent(): number;
  /** The most requests the server had open at once. */
  maxInFlight(): number;
  /** Changes the content (and ETag) of k pages, spread over the site; returns their URLs. `lastmod: false` leaves their sitemap <lastmod> stale (a site whose sitemap lies). */
  change(k: number, options?: { lastmod?: boolean }): string[];
  /** Forgets the counts (hits, bodies, in-flight high-water mark). */
  resetCounts(): void;
  close(): Promise<void>;
};

/**
 * A generated site of `pages` interlinked pages for crawler tests and benchmarks: page i links
 * to 2i+1, 2i+2 (a tree, so every page is within log2(pages) hops of home), i+1 and home; each
 * page has a menu, a header and a footer around its article, an ETag honoured by If-None-Match,
 * a sitemap.xml and a robots.txt. `routes` adds or overrides paths (a redirect loop, a 500).
 */
export async function serveStaticSite({
  pages,
  sitemap = true,
  robots,
  routes = {},
  delayMs = 0,
}: {
  pages: number;
  /** false: no sitemap.xml (404) and no Sitemap line in robots.txt. */
  sitemap?: boolean;
  /** robots.txt body; default allows all (and names the sitemap). */
  robots?: string;
  routes?: Record<string, StaticSiteRoute>;
  /** Each answer waits this long (to see concurrency). */
  delayMs?: number;
}): Promise<StaticSite> {
  const versions = new Array<number>(pages).fill(1);
  // When each page last changed, as its sitemap <lastmod> says (a real site's CMS keeps this).
  const changedAt = new Array<string>(pages).fill(new Date(Date.now() - 3600_000).toISOString());
  const hits = new Map<string, number>();
  let bodies = 0;
  let inFlight = 0;
  let highWater = 0;
  const pagePath = (i: number) => (i === 0 ? "/" : `/pages/${i}`);

  const render = (i: number) => {
    const links = [2 * i + 1, 2 * i + 2, i + 1].filter((j) => j < pages && j !== i);
    return `<!doctype html>
<html><head><meta charset="utf-8"><title>Page ${i}</title></head>
<body>
<header><p>SITE-HEADER banner text</p></header>
<nav><a href="/">Home</a> <a href="/pages/1">First</a> SITE-MENU</nav>
<main><article>
<h1>Page ${i}</h1>
<p>This is page number ${i} of the generated site, revision ${versions[i]}. It talks about topic ${i % 17}
and has enough prose for a reader view to consider it the main content of the page, which is the point.</p>
<h2>Facts</h2>
<table><tr><th>Key</th><th>Value</th></tr><tr><td>page</td><td>${i}</td></tr><tr><td>revision</td><td>${versions[i]}</td></tr></table>
<p>Related: ${links.map((j) => `<a href="${pagePath(j)}">page ${j}</a>`).join(", ")}.</p>
</article></main>
<aside>SITE-SIDEBAR</aside>
<footer><p>SITE-FOOTER copyright</p></footer>
</body></html>
`;
  };

  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    inFlight++;
    highWater = Math.max(highWater, inFlight);
    res.on("close", () => inFlight--);
    const origin = `http://${req.headers.host}`;
    const answer = () => {
      const route = routes[path];
      if (route) return route(req, res);
      if (path === "/robots.txt") {
        res.setHeader("content-type", "text/plain");
        return res.end(robots ?? `User-agent: *\nAllow: /\n${sitemap ? `Sitemap: ${origin}/sitemap.xml\n` : ""}`);
      }
      if (path === "/sitemap.xml" && sitemap) {
        res.setHeader("content-type", "application/xml");
        const locs = Array.from(
          { length: pages },
          (_, i) => `<url><loc>${origin}${pagePath(i)}</loc><lastmod>${changedAt[i]}</lastmod></url>`,
        );
        return res.end(
          `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.join("")}</urlset>`,
        );
      }
      const match = /^\/(?:pages\/(\d+))?$/.exec(path);
      const i = match ? Number(match[1] ?? 0) : -1;
      if (i < 0 || i >= pages) {
        res.statusCode = 404;
        return res.end("not found");
      }
      const etag = `"p${i}-r${versions[i]}"`;
      res.setHeader("etag", etag);
      if (req.headers["if-none-match"] === etag) {
        res.statusCode = 304;
        return res.end();
      }
      bodies++;
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(render(i));
    };
    if (delayMs) setTimeout(answer, delayMs);
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    origin,
    pageUrls: Array.from({ length: pages }, (_, i) => `${origin}${pagePath(i)}`),
    hits,
    bodiesSent: () => bodies,
    maxInFlight: () => highWater,
    change(k, { lastmod = true } = {}) {
      const step = Math.max(1, Math.floor(pages / Math.max(1, k)));
      const changed = new Set<number>();
      for (let n = 0, i = 0; n < Math.min(k, pages); n++, i = (i + step) % pages) {
        while (changed.has(i)) i = (i + 1) % pages;
        versions[i]!++;
        if (lastmod) changedAt[i] = new Date().toISOString();
        changed.add(i);
      }
      return [...changed].map((i) => `${origin}${pagePath(i)}`);
    },
    resetCounts() {
      hits.clear();
      bodies = 0;
      highWater = inFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
