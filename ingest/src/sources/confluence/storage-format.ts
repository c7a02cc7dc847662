import type { AnyNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";

/**
 * Confluence's storage format (XHTML with `ac:` and `ri:` elements) as plain HTML our HTML parser
 * reads (https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html). Ordinary
 * XHTML (paragraphs, headings, lists, tables) passes through; macros become what a reader sees:
 *
 * - code / noformat: `<pre><code>` with the title above it (the language as a class);
 * - info, note, warning, tip, panel: an `<aside>` whose first line names the panel ("Warning: …");
 * - excerpt, expand, section/column, details and any unknown macro with a rich-text body: the body;
 * - excerpt-include / include: a line naming the page it shows (that page is indexed on its own);
 * - status: its title; links: their text (or the linked page's title); tasks: a list;
 * - macros with no readable body (toc, children, attachments, jira, anchors), images and emoticons: nothing.
 *
 * Text and attribute values stay as written (entities such as `&nbsp;` are decoded by the HTML
 * parser later); a macro's CDATA body is escaped here, since CDATA is not HTML.
 */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const PANELS: Record<string, string> = { info: "Info", note: "Note", warning: "Warning", tip: "Tip", panel: "" };
const DROPPED = new Set([
  "toc",
  "toc-zone",
  "children",
  "attachments",
  "jira",
  "anchor",
  "recently-updated",
  "contentbylabel",
  "pagetree",
  "livesearch",
  "gallery",
  "viewfile",
  "view-file",
  "profile",
]);
// Elements allowed through as HTML (lowercased names); anything else of XHTML is kept by name too.
const VOID = new Set(["br", "hr", "img", "col"]);

const isTag = (n: AnyNode): n is Element => n.type === "tag" || n.type === "script" || n.type === "style";

function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

function children(el: Element, name: string): Element[] {
  return el.children.filter((c): c is Element => isTag(c) && c.name === name);
}

function textOf(node: AnyNode): string {
  if (node.type === "text" || node.type === "cdata") {
    if (node.type === "cdata") return node.children.map((c) => ("data" in c ? String(c.data) : "")).join("");
    return String((node as { data: string }).data);
  }
  if ("children" in node) return (node.children as AnyNode[]).map(textOf).join("");
  return "";
}

function findDeep(el: Element, name: string): Element | undefined {
  for (const c of el.children) {
    if (!isTag(c)) continue;
    if (c.name === name) return c;
    const hit = findDeep(c, name);
    if (hit) return hit;
  }
  return undefined;
}

function parameters(macro: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of children(macro, "ac:parameter")) out.set(attr(p, "ac:name") ?? "", textOf(p).trim());
  return out;
}

function render(nodes: AnyNode[]): string {
  return nodes.map(renderNode).join("");
}

function renderNode(node: AnyNode): string {
  if (node.type === "text") return String((node as { data: string }).data);
  if (node.type === "cdata") return escapeHtml(textOf(node));
  if (!isTag(node)) return "";
  const el = node;
  const name = el.name.toLowerCase();
  if (name === "ac:structured-macro" || name === "ac:macro") return renderMacro(el);
  if (name === "ac:link") return renderLink(el);
  if (name === "ac:task-list") return `<ul>${render(children(el, "ac:task"))}</ul>`;
  if (name === "ac:task") return `<li>${render(children(el, "ac:task-body"))}</li>`;
  if (name === "ac:task-body") return render(el.children);
  if (name === "ac:layout" || name === "ac:layout-section" || name === "ac:layout-cell")
    return `<div>${render(el.children)}</div>`;
  if (name === "ac:rich-text-body" || name === "ac:link-body") return render(el.children);
  if (name === "ac:plain-text-body" || name === "ac:plain-text-link-body") return escapeHtml(textOf(el));
  if (name === "ac:image" || name === "ac:emoticon" || name === "ac:placeholder" || name === "ac:inline-comment-marker")
    return name === "ac:inline-comment-marker" ? render(el.children) : "";
  if (name.startsWith("ac:") || name.startsWith("ri:"))
    return render(el.children.filter((c) => !isTag(c) || !c.name.startsWith("ri:")));
  const attrs = Object.entries(el.attribs)
    .filter(([k]) => !k.includes(":") && /^[a-z][a-z0-9-]*$/i.test(k))
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, "&quot;")}"`)
    .join("");
  if (VOID.has(name)) return `<${name}${attrs}>`;
  return `<${name}${attrs}>${render(el.children)}</${name}>`;
}

function renderLink(el: Element): string {
  const body = children(el, "ac:plain-text-link-body")[0] ?? children(el, "ac:link-body")[0];
  if (body) return renderNode(body);
  const page = el.children.find((c): c is Element => isTag(c) && c.name === "ri:page");
  if (page) return escapeHtml(attr(page, "ri:content-title") ?? "");
  const attachment = el.children.find((c): c is Element => isTag(c) && c.name === "ri:attachment");
  if (attachment) return escapeHtml(attr(attachment, "ri:filename") ?? "");
  // A user mention names an account id, not a person: nothing a reader would search for.
  return "";
}

function renderMacro(el: Element): string {
  const name = (attr(el, "ac:name") ?? "").toLowerCase();
  const params = parameters(el);
  const rich = children(el, "ac:rich-text-body")[0];
  const plain = children(el, "ac:plain-text-body")[0];
  if (DROPPED.has(name)) return "";
  if (name === "code" || name === "noformat") {
    const title = params.get("title");
    const language = params.get("language");
    const code = plain ? escapeHtml(textOf(plain)) : rich ? render(rich.children) : "";
    return `${title ? `<p>${escapeHtml(title)}</p>` : ""}<pre><code${language ? ` class="language-${escapeHtml(language)}"` : ""}>${code}</code></pre>`;
  }
  if (name in PANELS) {
    const title = params.get("title");
    const label = [PANELS[name], title].filter(Boolean).join(": ");
    return `<aside>${label ? `<p><strong>${escapeHtml(label)}</strong></p>` : ""}${rich ? render(rich.children) : ""}</aside>`;
  }
  if (name === "excerpt-include" || name === "include") {
    const page = findDeep(el, "ri:page");
    const title = page ? attr(page, "ri:content-title") : params.get("") || undefined;
    return title ? `<p>(${name === "include" ? "Included" : "Excerpt included"} from “${escapeHtml(title)}”.)</p>` : "";
  }
  if (name === "status") return params.get("title") ? `<span>${escapeHtml(params.get("title")!)}</span>` : "";
  if (name === "expand") {
    const title = params.get("title");
    return `<div>${title ? `<p>${escapeHtml(title)}</p>` : ""}${rich ? render(rich.children) : ""}</div>`;
  }
  // excerpt, section, column, details, and macros we do not know: what they show is their body.
  if (rich) return `<div>${render(rich.children)}</div>`;
  if (plain) return `<pre>${escapeHtml(textOf(plain))}</pre>`;
  return "";
}

/** The storage-format body as HTML (a fragment). */
export function storageToHtml(storage: string): string {
  const document = parseDocument(storage, {
    xmlMode: true,
    decodeEntities: false,
    recognizeCDATA: true,
    recognizeSelfClosing: true,
  });
  return render(document.children);
}

/** A whole page as one HTML document for the HTML parser: title, where it sits, its body. */
export function pageHtml({
  title,
  trail,
  storage,
}: {
  title: string;
  /** Space name, then ancestors' titles. */
  trail: string[];
  storage: string;
}): string {
  return [
    "<!doctype html>",
    `<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><article>`,
    trail.length ? `<p>${trail.map(escapeHtml).join(" › ")}</p>` : "",
    `<h1>${escapeHtml(title)}</h1>`,
    storageToHtml(storage),
    "</article></main></body></html>",
  ].join("\n");
}
