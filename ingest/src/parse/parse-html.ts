import type { AnyNode, Element } from "domhandler";
import { parseDocument } from "htmlparser2";
import { cleanText, squashSpaces } from "../prepare/clean-text";
import type { Block, DocumentMeta, ParsedDocument } from "../document-model";
import { readMeta } from "./front-matter";
import { computeVisibility } from "./hidden-html";

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "head",
  "iframe",
  "object",
  "canvas",
  "button",
  "select",
]);
const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "header",
  "footer",
  "nav",
  "aside",
  "blockquote",
  "pre",
  "li",
  "dt",
  "dd",
  "figcaption",
  "address",
  "ul",
  "ol",
  "dl",
  "form",
  "fieldset",
  "details",
  "summary",
  "body",
  "html",
]);

/**
 * Readable text of an HTML page as blocks: headings keep their level, tables keep rows and
 * header cells; scripts, styles, comments and anything a reader cannot see (hidden by
 * attributes, inline styles or <style> rules: see hidden-html.ts) never reach the index.
 */
export function parseHtml({ text, mime = "text/html" }: { text: string; mime?: string }): ParsedDocument {
  const document = parseDocument(cleanText(text), {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
  });
  const visibility = computeVisibility({ document });
  const blocks: Block[] = [];
  const meta: Record<string, unknown> = {};
  let title: string | null = null;
  let buffer = "";
  let heading: number | null = null;
  let table: { header: string[] | null; rows: string[][] } | null = null;
  let row: { cells: string[]; header: boolean } | null = null;
  let cell: string | null = null;
  // The open <ul>/<ol> elements and the open <li>s, each <li> with the kind of the list it sits
  // in: text flushed inside an item is that item (the viewer shows it as a list, as Markdown's are).
  const lists: ("bullet" | "ordered")[] = [];
  const items: ("bullet" | "ordered")[] = [];

  const flush = () => {
    // Source newlines in HTML are just whitespace.
    const t = buffer.replace(/\s+/g, " ").trim();
    buffer = "";
    if (!t) return;
    if (heading !== null) blocks.push({ kind: "heading", level: heading, text: t });
    else {
      const list = items.at(-1);
      blocks.push({ kind: "paragraph", text: t, ...(list ? { list } : {}) });
    }
  };

  const open = (el: Element) => {
    const name = el.name;
    if (name === "br") {
      if (cell !== null) cell += " ";
      else buffer += " ";
      return;
    }
    const h = /^h([1-6])$/.exec(name);
    if (h) {
      flush();
      heading = Number(h[1]);
    } else if (name === "table") {
      flush();
      table = { header: null, rows: [] };
    } else if (name === "tr" && table) {
      row = { cells: [], header: true };
    } else if ((name === "td" || name === "th") && row) {
      cell = "";
      if (name === "td") row.header = false;
    } else if (BLOCK.has(name) && cell === null) {
      flush();
    }
    // Lists inside a table cell stay the cell's text.
    if (cell !== null || table) return;
    if (name === "ul" || name === "ol") lists.push(name === "ol" ? "ordered" : "bullet");
    // An <li> outside any list (sloppy markup) is still a bullet.
    else if (name === "li") items.push(lists.at(-1) ?? "bullet");
  };

  const close = (name: string) => {
    if (/^h[1-6]$/.test(name)) {
      flush();
      heading = null;
    } else if ((name === "td" || name === "th") && row && cell !== null) {
      row.cells.push(squashSpaces(cell));
      cell = null;
    } else if (name === "tr" && table && row) {
      if (row.cells.some(Boolean)) {
        if (row.header && !table.header && table.rows.length === 0) table.header = row.cells;
        else table.rows.push(row.cells);
      }
      row = null;
    } else if (name === "table" && table) {
      if (table.header || table.rows.length) blocks.push({ kind: "table", header: table.header, rows: table.rows });
      table = null;
    } else if (BLOCK.has(name) && cell === null) {
      flush();
    }
    if (cell !== null || table) return;
    if (name === "ul" || name === "ol") lists.pop();
    else if (name === "li") items.pop();
  };

  const addText = (data: string) => {
    if (cell !== null) cell += data;
    else if (!table) buffer += data;
  };

  // Metadata is read from the whole page (head included); body text only from what is shown.
  // An explicit stack, not recursion: a page may nest elements deeper than the call stack.
  const metaStack: AnyNode[] = [...document.children].reverse();
  while (metaStack.length) {
    const node = metaStack.pop()!;
    if (node.type !== "tag") continue;
    const el = node;
    if (el.name === "svg") continue;
    if (el.name === "title" && title === null)
      title = el.children.map((c) => ("data" in c ? String(c.data) : "")).join("");
    if (el.name === "meta" && el.attribs.name && el.attribs.content)
      meta[el.attribs.name.toLowerCase()] = el.attribs.content;
    for (let i = el.children.length - 1; i >= 0; i--) metaStack.push(el.children[i]!);
  }

  const walk: ({ node: AnyNode } | { closing: string })[] = [...document.children].reverse().map((node) => ({ node }));
  while (walk.length) {
    const item = walk.pop()!;
    if ("closing" in item) {
      close(item.closing);
      continue;
    }
    const node = item.node;
    if (node.type === "text") {
      const parent = node.parent as Element | null;
      if (!parent || parent.type !== "tag" || !visibility.hiddenText(parent))
        addText((node as unknown as { data: string }).data);
      continue;
    }
    if (node.type !== "tag") continue;
    const el = node;
    if (SKIP.has(el.name) || visibility.hiddenSubtree(el)) continue;
    open(el);
    if (VOID.has(el.name)) continue;
    walk.push({ closing: el.name });
    for (let i = el.children.length - 1; i >= 0; i--) walk.push({ node: el.children[i]! });
  }
  flush();

  const docMeta: DocumentMeta = readMeta({
    title: squashSpaces(title ?? "") || undefined,
    effective_date: meta["effective-date"] ?? meta.effective_date,
    owner: meta.owner,
    tags: meta.tags ?? meta.keywords,
    supersedes: meta.supersedes,
  });
  if (!docMeta.title) {
    const h = blocks.find((b) => b.kind === "heading");
    if (h && h.kind === "heading") docMeta.title = h.text;
  }
  return { blocks, meta: docMeta, mime };
}
