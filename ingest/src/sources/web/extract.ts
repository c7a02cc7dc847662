import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { normalizeUrl } from "./url";

export type ExtractedPage = {
  title: string | null;
  /** `<link rel=canonical>`, resolved (any origin: the caller decides whether it counts). */
  canonical: string | null;
  /** Every `<a href>` target, resolved against `<base>`, fragments dropped, deduplicated. */
  links: string[];
  /** The main content as a small HTML document (head: title; body: the article). */
  html: string;
  /** `<meta name=robots>` (or one addressed to GroundworkBot) said noindex / nofollow. */
  noindex: boolean;
  nofollow: boolean;
};

// Page chrome that repeats on every page: indexed, it would make every page match every query
// about the site's menu.
const CHROME = [
  "nav",
  "header",
  "footer",
  "aside",
  "script",
  "style",
  "noscript",
  "template",
  "[role=navigation]",
  "[role=banner]",
  "[role=contentinfo]",
  "[role=complementary]",
].join(",");

/**
 * Links come from the whole page (menus are how a crawl finds pages); the content is what
 * Readability takes for the article once the chrome is gone, so the item's text is the page's
 * own words. Output is HTML so that parse-html.ts still sees headings and tables.
 */
// The part of linkedom's DOM this module uses. linkedom types its result as the global `Window`,
// which depends on the compiling package's lib settings (with DOM in scope `document` vanishes
// from it); a structural type keeps this file the same everywhere it is type-checked.
type PageElement = {
  getAttribute(name: string): string | null;
  textContent: string | null;
  innerHTML: string;
  remove(): void;
};
type PageDocument = {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  body: PageElement | null;
};

export function extractPage({ html, url }: { html: string; url: string }): ExtractedPage {
  const { document } = parseHTML(html) as unknown as { document: PageDocument };
  const baseHref = document.querySelector("base[href]")?.getAttribute("href");
  const base = (baseHref && normalizeUrl(baseHref, url)) || url;

  const robots = [...document.querySelectorAll("meta[name]")]
    .filter((m) => /^(robots|groundworkbot)$/i.test(m.getAttribute("name") ?? ""))
    .map((m) => (m.getAttribute("content") ?? "").toLowerCase())
    .join(",");
  const noindex = /\b(noindex|none)\b/.test(robots);
  const nofollow = /\b(nofollow|none)\b/.test(robots);

  const links = new Set<string>();
  for (const a of document.querySelectorAll("a[href]")) {
    // rel=nofollow marks links the site does not vouch for (comments, sponsored): not ours to crawl.
    if (/\bnofollow\b/i.test(a.getAttribute("rel") ?? "")) continue;
    const target = normalizeUrl(a.getAttribute("href") ?? "", base);
    if (target) links.add(target);
  }

  let canonical: string | null = null;
  for (const link of document.querySelectorAll("link[rel][href]")) {
    if (!/(^|\s)canonical(\s|$)/i.test(link.getAttribute("rel") ?? "")) continue;
    canonical = normalizeUrl(link.getAttribute("href") ?? "", base);
    break;
  }

  const pageTitle = squash(document.querySelector("title")?.textContent ?? "") || null;
  for (const el of [...document.querySelectorAll(CHROME)]) el.remove();
  const bodyHtml: string = document.body?.innerHTML ?? "";
  // Readability rewrites the DOM it is given; it runs last, on what is left.
  // Only an assertion under ingest's own libs; where DOM types are in scope (the web app
  // type-checks this file too) Readability wants a full `Document`.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const content = article?.content?.trim() ? article.content : bodyHtml;
  const title = pageTitle ?? (squash(article?.title ?? "") || null);
  const heading = title && !/<h1[\s>]/i.test(content) ? `<h1>${escapeHtml(title)}</h1>\n` : "";
  return {
    title,
    canonical,
    links: [...links],
    html:
      `<!doctype html>\n<html><head><meta charset="utf-8">` +
      (title ? `<title>${escapeHtml(title)}</title>` : "") +
      `</head>\n<body>\n${heading}${content}\n</body></html>\n`,
    noindex,
    nofollow,
  };
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
