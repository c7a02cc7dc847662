import { afterEach, describe, expect, it } from "vitest";
import { GroundworkError } from "@groundwork/core/errors";
import { parseHtml } from "../../parse/parse-html";
import { pullAll, testConnectorContext } from "../../testing/connector-context";
import { serveStaticSite, type StaticSite, type StaticSiteRoute } from "../../testing/static-site";
import { isReadable, PULL_PAGE_SIZE, type PullPage, type SourceItem } from "../connector";
import { describeConfig } from "../connector-config";
import { webConfigSchema } from "./config";
import { webConnector } from "./index";

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function site(options: Parameters<typeof serveStaticSite>[0]): Promise<StaticSite> {
  const s = await serveStaticSite(options);
  open.push(s);
  return s;
}

// Tests crawl a local server: no reason to be polite to it.
const config = (input: Record<string, unknown>) => webConfigSchema.parse({ requestsPerSecond: 100, ...input });

const itemsOf = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const errorsOf = (pages: PullPage[]) =>
  pages.flatMap((p) => p.items).filter((e): e is { id: string; error: string } => !isReadable(e));
const idsOf = (pages: PullPage[]) => itemsOf(pages).map((i) => i.id);

async function textOf(item: SourceItem): Promise<string> {
  const doc = parseHtml({ text: new TextDecoder().decode(await item.read()) });
  return doc.blocks.map((b) => (b.kind === "table" ? [b.header ?? [], ...b.rows].flat().join(" ") : b.text)).join("\n");
}

/** What the store would remember after storing these pages. */
const remember = (pages: PullPage[]) =>
  new Map(itemsOf(pages).map((i) => [i.id, { version: i.version ?? null, sourceMeta: i.sourceMeta ?? {} }]));

const html =
  (body: string, head = ""): StaticSiteRoute =>
  (_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><html><head><title>T</title>${head}</head><body><main><p>${body}</p></main></body></html>`);
  };

describe("web connector", () => {
  it("accepts comma-separated globs from the CLI and applies the defaults", () => {
    const parsed = webConfigSchema.parse({ url: "https://example.com/", include: "/docs/**, /guides/**" });
    expect(parsed).toMatchObject({ include: ["/docs/**", "/guides/**"], maxPages: 1000, maxDepth: 10, concurrency: 4 });
    expect(() => webConfigSchema.parse({ url: "ftp://example.com/" })).toThrow();
    const fields = new Map(describeConfig(webConnector).map((f) => [f.name, f]));
    expect(fields.get("maxPages")).toMatchObject({ flag: "--max-pages", default: 1000 });
    expect(fields.get("include")).toMatchObject({ flag: "--include", type: "list" });
    expect(fields.get("authHeader")).toMatchObject({ flag: "--auth-header", secret: true });
    expect(fields.get("url")).toMatchObject({ required: true, secret: false });
  });

  it("crawls every page once, drops menus, header, footer and sidebar, keeps headings and tables", async () => {
    const s = await site({ pages: 20, sitemap: false });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    expect(new Set(idsOf(pages))).toEqual(new Set(s.pageUrls));
    expect(idsOf(pages)).toHaveLength(20);
    const page3 = itemsOf(pages).find((i) => i.id === `${s.origin}/pages/3`)!;
    expect(page3).toMatchObject({
      filename: "3.html",
      title: "Page 3",
      url: `${s.origin}/pages/3`,
      version: '"p3-r1"',
    });
    const text = await textOf(page3);
    expect(text).toContain("This is page number 3");
    expect(text).toContain("revision 1");
    for (const chrome of ["SITE-MENU", "SITE-HEADER", "SITE-FOOTER", "SITE-SIDEBAR"])
      expect(text).not.toContain(chrome);
    const doc = parseHtml({ text: new TextDecoder().decode(await page3.read()) });
    expect(doc.blocks).toContainEqual({ kind: "heading", level: 2, text: "Facts" });
    expect(doc.blocks.find((b) => b.kind === "table")).toMatchObject({ header: ["Key", "Value"] });
    expect(doc.meta.title).toBe("Page 3");
    expect(await page3.access()).toMatchObject({ acl: ["group:everyone"] });
    expect(pages.at(-1)!.checkpoint).toHaveProperty("completedAt");
    expect([...s.hits.values()].every((n) => n === 1)).toBe(true);
  });

  it("respects robots.txt Disallow for GroundworkBot", async () => {
    const s = await site({
      pages: 10,
      sitemap: false,
      robots: "User-agent: SomeoneElse\nDisallow: /\n\nUser-agent: GroundworkBot\nDisallow: /pages/2\n",
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    // /pages/2 is disallowed; /pages/5 and /pages/6 are only linked from it, /pages/3 also from 1.
    expect(s.hits.get("/pages/2")).toBeUndefined();
    expect(idsOf(pages)).not.toContain(`${s.origin}/pages/2`);
    expect(idsOf(pages)).toContain(`${s.origin}/pages/3`);
  });

  it("seeds the crawl from the sitemap (pages no link reaches) and lists its URLs as ids", async () => {
    const orphan: StaticSiteRoute = html("An orphan page nobody links to.");
    const sitemapXml: StaticSiteRoute = (req, res) => {
      res.setHeader("content-type", "application/xml");
      const o = `http://${req.headers.host}`;
      res.end(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` +
          `<url><loc>${o}/</loc></url><url><loc>${o}/orphan?a=1&amp;b=2</loc></url><url><loc>https://elsewhere.example/x</loc></url></urlset>`,
      );
    };
    const index: StaticSiteRoute = (req, res) => {
      res.setHeader("content-type", "application/xml");
      res.end(
        `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://${req.headers.host}/sm-1.xml</loc></sitemap></sitemapindex>`,
      );
    };
    const s = await site({
      pages: 3,
      sitemap: false,
      robots: "User-agent: *\nAllow: /\n",
      routes: { "/sitemap.xml": index, "/sm-1.xml": sitemapXml, "/orphan?a=1&b=2": orphan },
    });
    const ctx = testConnectorContext();
    const pages = await pullAll({ connector: webConnector, config: config({ url: s.url, maxDepth: 0 }), ctx });
    // maxDepth 0: only the start page and the sitemap's seeds.
    expect(idsOf(pages).sort()).toEqual([`${s.origin}/`, `${s.origin}/orphan?a=1&b=2`]);
    expect(await webConnector.listIds({ config: config({ url: s.url }), ctx })).toEqual([
      `${s.origin}/`,
      `${s.origin}/orphan?a=1&b=2`,
    ]);
    const none = await site({ pages: 2, sitemap: false });
    expect(await webConnector.listIds({ config: config({ url: none.url }), ctx })).toBeNull();
  });

  it("makes two URLs of one page one document through rel=canonical", async () => {
    const canonical = (o: string) => `<link rel="canonical" href="${o}/article">`;
    const page: StaticSiteRoute = (req, res) =>
      html(
        `The article. <a href="/article?utm=1">again</a> <a href="/article#part">part</a>`,
        canonical(`http://${req.headers.host}`),
      )(req, res);
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(`<a href="/article?ref=home">read</a> <a href="/article">read</a>`),
        "/article": page,
        "/article?ref=home": page,
        "/article?utm=1": page,
      },
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    expect(idsOf(pages).filter((id) => id.includes("article"))).toEqual([`${s.origin}/article`]);
    expect(s.hits.has("/article#part")).toBe(false);
  });

  it("applies include and exclude globs to URL paths (excluded pages are not fetched)", async () => {
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(`<a href="/docs/a">a</a> <a href="/docs/private/b">b</a> <a href="/blog/c">c</a>`),
        "/docs/a": html("Doc A <a href='/docs/private/d'>d</a>"),
        "/docs/private/b": html("secret"),
        "/docs/private/d": html("secret"),
        "/blog/c": html("blog"),
      },
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url, include: "/docs/**", exclude: "/docs/private/**" }),
      ctx: testConnectorContext(),
    });
    // The start URL is fetched for its links but, outside the globs, is not an item.
    expect(idsOf(pages)).toEqual([`${s.origin}/docs/a`]);
    expect([...s.hits.keys()].filter((p) => p !== "/robots.txt" && p !== "/sitemap.xml").sort()).toEqual([
      "/",
      "/docs/a",
    ]);
  });

  it("stops at maxPages and at maxDepth", async () => {
    const s = await site({ pages: 50, sitemap: false });
    const limited = await pullAll({
      connector: webConnector,
      config: config({ url: s.url, maxPages: 7 }),
      ctx: testConnectorContext(),
    });
    expect(idsOf(limited)).toHaveLength(7);
    expect([...s.hits.keys()].filter((p) => p.startsWith("/pages") || p === "/")).toHaveLength(7);
    const shallow = await pullAll({
      connector: webConnector,
      config: config({ url: s.url, maxDepth: 1 }),
      ctx: testConnectorContext(),
    });
    // Home links to 1, 2 (its children) and 1 (next): depth 1 is three pages with home.
    expect(idsOf(shallow).sort()).toEqual([s.url, `${s.origin}/pages/1`, `${s.origin}/pages/2`]);
  });

  it("sends conditional GETs: an unchanged site answers 304 and sends no page bodies", async () => {
    const s = await site({ pages: 30 });
    const first = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    expect(s.bodiesSent()).toBe(30);
    const previous = remember(first);
    s.resetCounts();
    const second = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext({ previous }),
    });
    expect(s.bodiesSent()).toBe(0);
    // The links kept in sourceMeta still lead the crawl everywhere.
    expect(new Set(idsOf(second))).toEqual(new Set(s.pageUrls));
    for (const item of itemsOf(second)) expect(item.version).toBe(previous.get(item.id)!.version);
    s.resetCounts();
    const changed = s.change(3);
    const third = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext({ previous }),
    });
    expect(s.bodiesSent()).toBe(3);
    const moved = itemsOf(third).filter((i) => i.version !== previous.get(i.id)!.version);
    expect(moved.map((i) => i.id).sort()).toEqual([...changed].sort());
    // A 304 item can still be read if the run loop ever needs it (a fresh fetch).
    const same = itemsOf(third).find((i) => !changed.includes(i.id))!;
    expect(await textOf(same)).toContain("This is page number");
  });

  it("skips pages the sitemap's lastmod vouches for, spot-checks them, and stops trusting a lastmod that lies", async () => {
    const s = await site({ pages: 200 });
    const cfg = config({ url: s.url, concurrency: 8, requestsPerSecond: 100 });
    const previous = remember(await pullAll({ connector: webConnector, config: cfg, ctx: testConnectorContext() }));
    const pageRequests = () => [...s.hits.entries()].filter(([p]) => /^\/(pages\/\d+)?$/.test(p)).length;
    s.resetCounts();
    const changed = s.change(5);
    const second = await pullAll({ connector: webConnector, config: cfg, ctx: testConnectorContext({ previous }) });
    expect(new Set(idsOf(second))).toEqual(new Set(s.pageUrls));
    const moved = itemsOf(second).filter((i) => i.version !== previous.get(i.id)!.version);
    expect(moved.map((i) => i.id).sort()).toEqual([...changed].sort());
    // The start page (always fetched for its links), the 5 changed pages, and one in 20 of the rest.
    expect(pageRequests()).toBeLessThanOrEqual(1 + 5 + Math.ceil(200 / 20));
    expect(s.bodiesSent()).toBe(5);

    // Now the site changes pages without touching their lastmod: the spot check that lands on
    // one of them ends the trust, and every later page is asked with a conditional GET.
    const after = remember(second);
    for (const [id, v] of previous) if (!after.has(id)) after.set(id, v);
    s.resetCounts();
    const liars = s.change(100, { lastmod: false });
    const third = await pullAll({
      connector: webConnector,
      config: cfg,
      ctx: testConnectorContext({ previous: after }),
    });
    const found = itemsOf(third)
      .filter((i) => i.version !== after.get(i.id)!.version)
      .map((i) => i.id);
    expect(found.length).toBeGreaterThan(liars.length / 2);
    expect(pageRequests()).toBeGreaterThan(100);
    // Off by setting: every page is asked.
    s.resetCounts();
    await pullAll({
      connector: webConnector,
      config: config({ url: s.url, concurrency: 8, requestsPerSecond: 100, ignoreSitemapLastmod: true }),
      ctx: testConnectorContext({ previous: remember(third) }),
    });
    expect(pageRequests()).toBe(200);
  });

  it("reports a known page that answers 404 or 410 as deleted, an unknown one not at all", async () => {
    const gone: StaticSiteRoute = (_req, res) => {
      res.statusCode = 410;
      res.end();
    };
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(`<a href="/old">old</a> <a href="/gone">gone</a> <a href="/never">never</a>`),
        "/gone": gone,
      },
    });
    const previous = new Map([
      [`${s.origin}/old`, { version: '"x"', sourceMeta: { etag: '"x"', links: [] } }],
      [`${s.origin}/gone`, { version: '"y"', sourceMeta: {} }],
    ]);
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext({ previous }),
    });
    expect(pages.flatMap((p) => p.deleted ?? []).sort()).toEqual([`${s.origin}/gone`, `${s.origin}/old`]);
    expect(errorsOf(pages)).toEqual([]);
  });

  it("prunes stored pages a completed crawl no longer reaches, never after a capped or stopped crawl", async () => {
    // No sitemap: the links are all a crawl goes by. /orphan still answers 200, nothing links to it.
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(`<a href="/kept">kept</a> <a href="/flaky">flaky</a>`),
        "/kept": html(`<a href="/deeper">deeper</a>`),
        "/deeper": html("Deeper page."),
        "/orphan": html("No longer linked."),
        "/flaky": (_req, res) => {
          res.statusCode = 500;
          res.end();
        },
      },
    });
    const stored = [s.url, `${s.origin}/kept`, `${s.origin}/deeper`, `${s.origin}/orphan`, `${s.origin}/flaky`];
    const previous = new Map(stored.map((id) => [id, { version: null, sourceMeta: {} }]));
    const ctx = () => testConnectorContext({ previous });
    const full = await pullAll({ connector: webConnector, config: config({ url: s.url }), ctx: ctx() });
    // A page that failed this time (500) keeps its stored version; only the unlinked one goes.
    expect(full.flatMap((p) => p.deleted ?? [])).toEqual([`${s.origin}/orphan`]);
    expect(full.slice(0, -1).every((p) => !p.deleted)).toBe(true);
    // maxPages cut the crawl short: what it did not reach may still be linked.
    const capped = await pullAll({ connector: webConnector, config: config({ url: s.url, maxPages: 2 }), ctx: ctx() });
    expect(capped.flatMap((p) => p.deleted ?? [])).toEqual([]);
    // A stopped crawl (more than a page of pages): what it yielded carries no deletion.
    const big = await site({ pages: PULL_PAGE_SIZE + 10, sitemap: false, routes: { "/orphan": html("Unlinked.") } });
    const controller = new AbortController();
    const stopped: PullPage[] = [];
    for await (const page of webConnector.pull({
      config: config({ url: big.url }),
      checkpoint: null,
      ctx: testConnectorContext({
        previous: new Map([[`${big.origin}/orphan`, { version: null, sourceMeta: {} }]]),
        signal: controller.signal,
      }),
    })) {
      stopped.push(page);
      controller.abort();
    }
    expect(stopped).toHaveLength(1);
    expect(stopped[0]!.checkpoint).toHaveProperty("frontier");
    expect(stopped.flatMap((p) => p.deleted ?? [])).toEqual([]);
  });

  it("turns a redirect loop, a 500, a huge page and a redirect to the metadata address into error entries", async () => {
    const loop: StaticSiteRoute = (_req, res) => {
      res.writeHead(302, { location: "/loop" });
      res.end();
    };
    const fail: StaticSiteRoute = (_req, res) => {
      res.statusCode = 500;
      res.end("boom");
    };
    const huge: StaticSiteRoute = (_req, res) => {
      res.writeHead(200, { "content-type": "text/html", "content-length": String(25 * 1024 * 1024) });
      res.end();
    };
    const metadata: StaticSiteRoute = (_req, res) => {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end();
    };
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(
          `<a href="/loop">l</a> <a href="/fail">f</a> <a href="/huge">h</a> <a href="/meta">m</a> <a href="/ok">ok</a>`,
        ),
        "/loop": loop,
        "/fail": fail,
        "/huge": huge,
        "/meta": metadata,
        "/ok": html("Fine."),
      },
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    const errors = new Map(errorsOf(pages).map((e) => [e.id.slice(s.origin.length), e.error]));
    expect(errors.get("/loop")).toMatch(/too many redirects/i);
    expect(errors.get("/fail")).toMatch(/500/);
    expect(errors.get("/huge")).toMatch(/too large/);
    expect(errors.get("/meta")).toMatch(/169\.254\.169\.254.*not a public address/);
    expect(idsOf(pages).sort()).toEqual([s.url, `${s.origin}/ok`]);
  });

  it("refuses a start URL at the metadata address and throws bad_request when the start URL is unreachable", async () => {
    const ctx = testConnectorContext();
    await expect(
      pullAll({ connector: webConnector, config: config({ url: "http://169.254.169.254/" }), ctx }),
    ).rejects.toThrow(/not a public address/);
    const s = await site({ pages: 1, routes: { "/": (_req, res) => res.writeHead(503).end() } });
    const failure = pullAll({ connector: webConnector, config: config({ url: s.url }), ctx });
    await expect(failure).rejects.toBeInstanceOf(GroundworkError);
    await expect(failure).rejects.toThrow(/start URL.*503/);
    const closed = await site({ pages: 1 });
    await closed.close();
    await expect(webConnector.check({ config: config({ url: closed.url }), ctx })).rejects.toThrow(/Cannot/);
    const ok = await site({ pages: 1 });
    await expect(webConnector.check({ config: config({ url: ok.url }), ctx })).resolves.toBeUndefined();
    const blocked = await site({ pages: 1, robots: "User-agent: *\nDisallow: /\n" });
    await expect(webConnector.check({ config: config({ url: blocked.url }), ctx })).rejects.toThrow(/disallows/);
  });

  it("does not follow a link to another origin", async () => {
    const other = await site({ pages: 2 });
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: { "/": html(`<a href="${other.url}pages/1">elsewhere</a> <a href="/ok">ok</a>`), "/ok": html("ok") },
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    expect(other.hits.size).toBe(0);
    expect(idsOf(pages)).toEqual([s.url, `${s.origin}/ok`]);
  });

  it("cuts pages of PULL_PAGE_SIZE and resumes from a mid-crawl checkpoint without refetching", async () => {
    const s = await site({ pages: 150 });
    const ctx = testConnectorContext();
    const cfg = config({ url: s.url, concurrency: 3 });
    const iterator = webConnector.pull({ config: cfg, checkpoint: null, ctx })[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as PullPage;
    await iterator.return?.(undefined);
    expect(first.items).toHaveLength(PULL_PAGE_SIZE);
    expect(first.checkpoint).toMatchObject({ crawlStartedAt: expect.any(String) });
    const done = new Set(first.items.map((i) => new URL(i.id).pathname));
    // The checkpoint survives JSON, as it does in the database.
    const checkpoint = JSON.parse(JSON.stringify(first.checkpoint)) as Record<string, unknown>;
    s.resetCounts();
    const rest = await pullAll({ connector: webConnector, config: cfg, checkpoint, ctx });
    const restIds = rest.flatMap((p) => p.items.map((i) => i.id));
    expect(restIds).toHaveLength(150 - PULL_PAGE_SIZE);
    expect(new Set([...first.items.map((i) => i.id), ...restIds])).toEqual(new Set(s.pageUrls));
    for (const path of done) expect(s.hits.get(path)).toBeUndefined();
    expect(rest.every((p) => p.items.length <= PULL_PAGE_SIZE)).toBe(true);
    expect(rest.at(-1)!.checkpoint).toEqual({ completedAt: expect.any(String) });
  });

  it("keeps at most `concurrency` requests in flight and stops between pages when aborted", async () => {
    const s = await site({ pages: 140, delayMs: 15 });
    const controller = new AbortController();
    const ctx = testConnectorContext({ signal: controller.signal });
    const seen: PullPage[] = [];
    for await (const page of webConnector.pull({
      config: config({ url: s.url, concurrency: 2 }),
      checkpoint: null,
      ctx,
    })) {
      seen.push(page);
      controller.abort();
    }
    expect(seen).toHaveLength(1);
    expect(s.maxInFlight()).toBeLessThanOrEqual(2);
    expect(s.maxInFlight()).toBe(2);
  });

  it("paces requests to requestsPerSecond", async () => {
    const s = await site({ pages: 6, sitemap: false, robots: "User-agent: *\nAllow: /\n" });
    const started = Date.now();
    await pullAll({
      connector: webConnector,
      config: config({ url: s.url, requestsPerSecond: 20 }),
      ctx: testConnectorContext(),
    });
    // robots.txt, sitemap.xml and 6 pages at 50 ms apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual(7 * 50 - 10);
  });

  it("obeys a robots.txt Crawl-delay slower than requestsPerSecond", async () => {
    const s = await site({ pages: 4, sitemap: false, robots: "User-agent: *\nCrawl-delay: 0.1\n" });
    const started = Date.now();
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url }),
      ctx: testConnectorContext(),
    });
    expect(idsOf(pages)).toHaveLength(4);
    // After robots.txt: sitemap.xml and four pages, 100 ms apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 100 - 10);
  });

  it("does not carry the auth header through a redirect to another origin", async () => {
    const other = await site({ pages: 1 });
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(`<a href="/away">away</a>`),
        "/away": (_req, res) => res.writeHead(302, { location: other.url }).end(),
      },
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url, authHeader: "Bearer t0ken" }),
      ctx: testConnectorContext(),
    });
    expect(errorsOf(pages)).toEqual([
      { id: `${s.origin}/away`, error: expect.stringMatching(/redirects are not followed/) },
    ]);
    expect(other.hits.size).toBe(0);
  });

  it("sends the auth header to the site and indexes plain text, Markdown and PDF by content type", async () => {
    const seenAuth: (string | undefined)[] = [];
    const typed =
      (type: string, body: string): StaticSiteRoute =>
      (req, res) => {
        seenAuth.push(req.headers.authorization);
        res.setHeader("content-type", type);
        res.end(body);
      };
    const s = await site({
      pages: 1,
      sitemap: false,
      routes: {
        "/": html(
          `<a href="/notes">n</a> <a href="/readme.md">r</a> <a href="/report">p</a> <a href="/logo.png">i</a> <a href="/feed.xml">f</a>`,
        ),
        "/notes": typed("text/plain; charset=utf-8", "plain notes"),
        "/readme.md": typed("text/markdown", "# Readme"),
        "/report": typed("application/pdf", "%PDF-1.4 fake"),
        "/logo.png": typed("image/png", "png"),
        "/feed.xml": typed("application/xml", "<rss/>"),
      },
    });
    const pages = await pullAll({
      connector: webConnector,
      config: config({ url: s.url, authHeader: "Bearer t0ken" }),
      ctx: testConnectorContext(),
    });
    const byPath = new Map(itemsOf(pages).map((i) => [new URL(i.id).pathname, i]));
    expect(byPath.get("/notes")?.filename).toBe("notes.txt");
    expect(byPath.get("/readme.md")?.filename).toBe("readme.md");
    expect(byPath.get("/report")?.filename).toBe("report.pdf");
    expect(byPath.has("/logo.png")).toBe(false);
    expect(byPath.has("/feed.xml")).toBe(false);
    expect(new TextDecoder().decode(await byPath.get("/notes")!.read())).toBe("plain notes");
    expect(seenAuth.every((a) => a === "Bearer t0ken")).toBe(true);
  });
});
