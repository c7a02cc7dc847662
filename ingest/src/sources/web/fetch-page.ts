import { createHash } from "node:crypto";
import path from "node:path";
import { GroundworkError } from "@groundwork/core/errors";
import { FILE_FORMATS, formatOf } from "../../parse/registry";
import { resolveAccess } from "../access-rules";
import type { ConnectorContext, SourceEntry, SourceItem } from "../connector";
import { RetryLaterError, type GuardedResponse } from "../network-guard";
import { extractPage } from "./extract";
import type { Site } from "./site";
import { normalizeUrl } from "./url";

/** What one fetched URL adds to the crawl. */
export type PageOutcome = {
  entry?: SourceEntry;
  deleted?: string;
  /** Same-origin links to consider for the frontier. */
  links: string[];
  /** URLs and ids now done (the fetched URL, where it redirected to, the canonical id). */
  done: string[];
};

/** What a page's stored document keeps for the next crawl (`ctx.previous(id).sourceMeta`). */
export type WebSourceMeta = {
  etag?: string;
  lastModified?: string;
  links: string[];
  title?: string;
  url: string;
  filename?: string;
  /** When the content was last received (a 200): what a sitemap <lastmod> is compared with. */
  fetchedAt?: string;
};

const ACCEPT = "text/html,application/xhtml+xml;q=0.9,application/pdf,text/markdown,text/plain;q=0.8,*/*;q=0.5";

/**
 * One URL of the crawl: a conditional GET when the store has the page, then an item (HTML as its
 * cleaned article, other parseable formats as they are), a deletion (404/410 of a known page),
 * an error entry (anything else that fails), or nothing (off-site redirect, noindex, a format
 * Groundwork does not read). Only an unreachable start URL and a Retry-After beyond what a run
 * waits for escape as exceptions.
 */
export async function fetchPage({
  site,
  ctx,
  url,
  isStart,
}: {
  site: Site;
  ctx: ConnectorContext;
  url: string;
  isStart: boolean;
}): Promise<PageOutcome> {
  const previous = ctx.previous(url);
  const meta = previous?.sourceMeta as Partial<WebSourceMeta> | undefined;
  const headers: Record<string, string> = { accept: ACCEPT };
  if (previous?.version) {
    if (typeof meta?.etag === "string") headers["if-none-match"] = meta.etag;
    if (typeof meta?.lastModified === "string") headers["if-modified-since"] = meta.lastModified;
  }
  let response: GuardedResponse;
  try {
    response = await site.get(url, { headers });
  } catch (error) {
    if (error instanceof RetryLaterError || ctx.signal.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    if (isStart)
      throw new GroundworkError("bad_request", `The start URL ${url} cannot be fetched: ${reason}`, { cause: error });
    return { entry: { id: url, error: reason }, links: [], done: [url] };
  }

  const finalUrl = normalizeUrl(response.url) ?? url;
  const done = finalUrl === url ? [url] : [url, finalUrl];
  if (!site.scope.sameOrigin(finalUrl)) {
    ctx.log("page redirects off the site; skipped", { url, to: finalUrl });
    return { links: [], done };
  }
  const { status } = response;
  if (status === 304 && previous) {
    const links = Array.isArray(meta?.links) ? meta.links.filter((l): l is string => typeof l === "string") : [];
    return { entry: unchangedItem({ site, ctx, url, previous }), links, done };
  }
  if (status === 404 || status === 410) {
    if (isStart) throw new GroundworkError("bad_request", `The start URL ${url} answered ${status}.`);
    return { ...(previous ? { deleted: url } : {}), links: [], done };
  }
  if (status < 200 || status >= 300) {
    const reason = `${url} answered HTTP ${status}.`;
    if (isStart) throw new GroundworkError("bad_request", `The start URL cannot be fetched: ${reason}`);
    return { entry: { id: url, error: reason }, links: [], done };
  }
  try {
    return changedPage({ site, ctx, finalUrl, response, done });
  } catch (error) {
    return { entry: { id: url, error: `Cannot read ${url}: ${(error as Error).message}` }, links: [], done };
  }
}

/**
 * A page the sitemap says has not changed since it was last fetched: the stored version stands
 * and its stored links feed the crawl, without a request. null when the store has no fetch time
 * to compare with (the page is fetched as usual).
 */
export function notModifiedBySitemap({
  site,
  ctx,
  url,
  lastmod,
}: {
  site: Site;
  ctx: ConnectorContext;
  url: string;
  lastmod: Date;
}): PageOutcome | null {
  const previous = ctx.previous(url);
  const meta = previous?.sourceMeta as Partial<WebSourceMeta> | undefined;
  const fetchedAt = typeof meta?.fetchedAt === "string" ? Date.parse(meta.fetchedAt) : NaN;
  if (!previous?.version || !Number.isFinite(fetchedAt) || lastmod.getTime() > fetchedAt) return null;
  const links = Array.isArray(meta?.links) ? meta.links.filter((l): l is string => typeof l === "string") : [];
  return { entry: unchangedItem({ site, ctx, url, previous }), links, done: [url] };
}

function changedPage({
  site,
  ctx,
  finalUrl,
  response,
  done,
}: {
  site: Site;
  ctx: ConnectorContext;
  finalUrl: string;
  response: GuardedResponse;
  done: string[];
}): PageOutcome {
  const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
  const mime = contentType.split(";")[0]!.trim();
  const etag = response.headers.get("etag") ?? undefined;
  const lastModified = response.headers.get("last-modified") ?? undefined;
  const modified = lastModified ? new Date(lastModified) : null;
  const modifiedAt = modified && !Number.isNaN(modified.getTime()) ? modified : null;
  const pathname = new URL(finalUrl).pathname;

  const isHtml = mime === "text/html" || mime === "application/xhtml+xml" || (!mime && /\.html?$/i.test(pathname));
  if (isHtml) {
    const page = extractPage({ html: decodeBody(response.body, contentType), url: finalUrl });
    const links = page.nofollow ? [] : page.links.filter((l) => site.scope.sameOrigin(l));
    if (page.noindex) {
      ctx.log("page asks not to be indexed; links followed, page skipped", { url: finalUrl });
      return { links, done };
    }
    const id = page.canonical && site.scope.sameOrigin(page.canonical) ? page.canonical : finalUrl;
    const bytes = new TextEncoder().encode(page.html);
    const sourceMeta: WebSourceMeta = {
      ...(etag ? { etag } : {}),
      ...(lastModified ? { lastModified } : {}),
      links,
      ...(page.title ? { title: page.title } : {}),
      url: finalUrl,
      filename: htmlFilename(pathname),
      fetchedAt: new Date().toISOString(),
    };
    const item = contentItem({ ctx, id, url: finalUrl, bytes, etag, lastModified, modifiedAt, sourceMeta });
    return {
      entry: { ...item, filename: htmlFilename(pathname), ...(page.title ? { title: page.title } : {}) },
      links,
      done: [...done, id],
    };
  }

  // Other formats Groundwork parses keep their bytes; the filename's extension picks the parser.
  const format = formatFor({ mime, pathname });
  if (!format) {
    ctx.log("not a format Groundwork reads; skipped", { url: finalUrl, contentType });
    return { links: [], done };
  }
  const base = path.posix.basename(pathname) || "index";
  const filename = format.extensions.some((e) => base.toLowerCase().endsWith(e))
    ? base
    : `${base}${format.extensions[0]}`;
  const sourceMeta: WebSourceMeta = {
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
    links: [],
    url: finalUrl,
    filename,
    fetchedAt: new Date().toISOString(),
  };
  const item = contentItem({
    ctx,
    id: finalUrl,
    url: finalUrl,
    bytes: response.body,
    etag,
    lastModified,
    modifiedAt,
    sourceMeta,
  });
  return { entry: { ...item, filename }, links: [], done: [...done, finalUrl] };
}

function contentItem({
  ctx,
  id,
  url,
  bytes,
  etag,
  lastModified,
  modifiedAt,
  sourceMeta,
}: {
  ctx: ConnectorContext;
  id: string;
  url: string;
  bytes: Uint8Array;
  etag: string | undefined;
  lastModified: string | undefined;
  modifiedAt: Date | null;
  sourceMeta: WebSourceMeta;
}): SourceItem {
  const hash = sha256(bytes);
  return {
    id,
    url,
    size: bytes.byteLength,
    modifiedAt,
    version: etag ?? lastModified ?? `sha256:${hash}`,
    sourceMeta,
    hash: () => Promise.resolve(hash),
    read: () => Promise.resolve(bytes),
    access: () => Promise.resolve(defaultAccess(ctx)),
  };
}

/**
 * A 304: the stored version stands. Its content is not needed (same version, same access), but
 * should the run loop read it anyway (an access change, a re-parse) it gets the page afresh.
 */
function unchangedItem({
  site,
  ctx,
  url,
  previous,
}: {
  site: Site;
  ctx: ConnectorContext;
  url: string;
  previous: { version: string | null; sourceMeta: Record<string, unknown> };
}): SourceItem {
  const meta = previous.sourceMeta as Partial<WebSourceMeta>;
  let fresh: Promise<SourceItem> | null = null;
  const refetch = () =>
    (fresh ??= (async () => {
      // The crawl's own signal is spent once the pull ends; a late read lives on the run's.
      const response = await site.get(url, { headers: { accept: ACCEPT }, signal: ctx.signal });
      if (response.status !== 200) throw new Error(`${url} answered HTTP ${response.status}.`);
      const outcome = changedPage({ site, ctx, finalUrl: normalizeUrl(response.url) ?? url, response, done: [] });
      if (!outcome.entry || "error" in outcome.entry) throw new Error(`${url} no longer has content to index.`);
      return outcome.entry;
    })());
  const pathname = new URL(url).pathname;
  return {
    id: url,
    filename: typeof meta.filename === "string" ? meta.filename : htmlFilename(pathname),
    ...(typeof meta.title === "string" ? { title: meta.title } : {}),
    url: typeof meta.url === "string" ? meta.url : url,
    size: -1,
    modifiedAt: null,
    version: previous.version,
    sourceMeta: previous.sourceMeta,
    hash: async () => (await refetch()).hash(),
    read: async () => (await refetch()).read(),
    access: () => Promise.resolve(defaultAccess(ctx)),
  };
}

// Images (logos, icons) and XML (feeds, sitemaps) are parseable but are a site's plumbing, not its documents.
const CRAWLED_FORMATS = FILE_FORMATS.filter((f) => f.parser !== "html" && !/^(image\/|application\/xml)/.test(f.mime));

/** The format by content type; the URL's extension wins when the type is generic (Markdown served as text/plain). */
function formatFor({ mime, pathname }: { mime: string; pathname: string }) {
  const byType = CRAWLED_FORMATS.find((f) => f.mime === mime);
  const byExtension = formatOf(pathname);
  const generic = !mime || mime === "text/plain" || mime === "application/octet-stream";
  if (byExtension && CRAWLED_FORMATS.includes(byExtension) && (generic || !byType)) return byExtension;
  return byType;
}

const defaultAccess = (ctx: ConnectorContext) =>
  resolveAccess({ rule: null, defaultAcl: ctx.defaultAcl, userIds: ctx.userIds });

/** `/docs/setup` → `setup.html`, `/` → `index.html`: the parser goes by the extension. */
function htmlFilename(pathname: string): string {
  const base = path.posix.basename(pathname).replace(/\.[a-z0-9]+$/i, "");
  return `${base || "index"}.html`;
}

function decodeBody(body: Uint8Array, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder().decode(body);
  }
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
