import { gunzipSync } from "node:zlib";
import { XMLParser } from "fast-xml-parser";
import type { Site } from "./site";
import { normalizeUrl } from "./url";

// Bounds from the sitemaps protocol (50,000 URLs, 50 MB per file), and a cap on how many files an
// index may send us after.
const MAX_SITEMAP_FILES = 100;
const MAX_SITEMAP_BYTES = 50 * 1024 * 1024;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // DOCTYPE entities are how XML bombs expand; a sitemap has no use for them.
  processEntities: false,
  isArray: (name) => name === "url" || name === "sitemap",
});

/**
 * The page URLs a site's sitemaps list (robots.txt `Sitemap:` lines, else /sitemap.xml), indexes
 * followed; same-origin only, each with its `<lastmod>` when it has a valid one. null when the
 * site has no readable sitemap.
 */
export async function readSitemaps({
  site,
  log,
}: {
  site: Site;
  log: (m: string, f?: Record<string, unknown>) => void;
}) {
  const declared = site.robots.sitemaps
    .map((s) => normalizeUrl(s))
    .filter((s): s is string => s !== null && site.scope.sameOrigin(s));
  const queue = declared.length ? declared : [`${site.scope.origin}/sitemap.xml`];
  const seenFiles = new Set(queue);
  const urls = new Map<string, Date | null>();
  let found = false;
  for (let fetched = 0; queue.length && fetched < MAX_SITEMAP_FILES; fetched++) {
    const file = queue.shift()!;
    let doc: Record<string, unknown>;
    try {
      const response = await site.get(file, { maxBytes: MAX_SITEMAP_BYTES });
      if (response.status !== 200) {
        if (declared.length) log("sitemap not readable", { url: file, status: response.status });
        continue;
      }
      doc = parser.parse(decode(response.body)) as Record<string, unknown>;
    } catch (error) {
      log("sitemap not readable", { url: file, error: (error as Error).message });
      continue;
    }
    const urlset = doc.urlset as { url?: { loc?: unknown; lastmod?: unknown }[] } | undefined;
    const index = doc.sitemapindex as { sitemap?: { loc?: unknown }[] } | undefined;
    if (urlset) {
      found = true;
      for (const entry of urlset.url ?? []) {
        const loc = locOf(entry);
        if (loc && site.scope.sameOrigin(loc)) urls.set(loc, lastmodOf(entry));
      }
    } else if (index) {
      found = true;
      for (const entry of index.sitemap ?? []) {
        const loc = locOf(entry);
        if (loc && site.scope.sameOrigin(loc) && !seenFiles.has(loc)) {
          seenFiles.add(loc);
          queue.push(loc);
        }
      }
    }
  }
  return found ? urls : null;
}

// A .xml.gz sitemap arrives as gzip bytes (not Content-Encoding, which undici already undoes).
function decode(body: Uint8Array): string {
  const bytes = body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body, { maxOutputLength: MAX_SITEMAP_BYTES }) : body;
  return new TextDecoder().decode(bytes);
}

/** A W3C datetime (`2026-11-30`, `2026-11-30T10:00:00+00:00`); anything else, or a date in the future, counts as none. */
function lastmodOf(entry: { lastmod?: unknown }): Date | null {
  if (typeof entry.lastmod !== "string") return null;
  const at = Date.parse(entry.lastmod.trim());
  return Number.isFinite(at) && at <= Date.now() + 86_400_000 ? new Date(at) : null;
}

function locOf(entry: { loc?: unknown } | undefined): string | null {
  if (typeof entry?.loc !== "string") return null;
  return normalizeUrl(decodeXmlEntities(entry.loc.trim()));
}

// Entities are left unexpanded by the parser (see above), so the predefined ones and character
// references, which sitemaps must use for `&` in query strings, are decoded here.
function decodeXmlEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] !== "#") return named[ref.toLowerCase()] ?? whole;
    const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
