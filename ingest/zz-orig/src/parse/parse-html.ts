import { Parser } from "htmlparser2";
import { cleanText, squashSpaces } from "../clean-text";
import type { Block, DocumentMeta, ParsedDocument } from "../document-model";
import { readMeta } from "./front-matter";

const SKIP = new Set(["script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas", "button", "select"]);
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
const BLOCK = new Set([
  "p", "div", "section", "article", "main", "header", "footer", "nav", "aside", "blockquote", "pre", "li", "dt", "dd",
  "figcaption", "address", "ul", "ol", "dl", "form", "fieldset", "details", "summary", "body", "html",
]);

function isHidden(attrs: Record<string, string>): boolean {
  if ("hidden" in attrs) return true;
  if (attrs["aria-hidden"] === "true") return true;
  const style = (attrs.style ?? "").replace(/\s+/g, "").toLowerCase();
  return /display:none|visibility:hidden|font-size:0(?![.\d])|opacity:0(?![.\d])/.test(style);
}

/**
 * Readable text of an HTML page as blocks: headings keep their level, tables keep rows and
 * header cells; scripts, styles, comments and hidden elements never reach the index.
 */
export function parseHtml({ text, mime = "text/html" }: { text: string; mime?: string }): ParsedDocument {
  const blocks: Block[] = [];
  const meta: Record<string, unknown> = {};
  let title = "";
  let inTitle = false;
  let skipDepth = 0;
  const stack: string[] = [];
  let buffer = "";
  let heading: number | null = null;
  let table: { header: string[] | null; rows: string[][] } | null = null;
  let row: { cells: string[]; header: boolean } | null = null;
  let cell: string | null = null;

  const flush = () => {
    // Source newlines in HTML are just whitespace.
    const t = buffer.replace(/\s+/g, " ").trim();
    buffer = "";
    if (!t) return;
    if (heading !== null) blocks.push({ kind: "heading", level: heading, text: t });
    else blocks.push({ kind: "paragraph", text: t });
  };

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (!VOID.has(name)) stack.push(name);
        if (name === "title" && skipDepth <= 1) inTitle = true;
        if (name === "meta" && attrs.name && attrs.content) meta[attrs.name.toLowerCase()] = attrs.content;
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth++;
          return;
        }
        if (SKIP.has(name) || isHidden(attrs)) {
          // head is skipped for body text, but title/meta inside it are still read above.
          if (!VOID.has(name)) skipDepth = 1;
          return;
        }
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
      },
      ontext(data) {
        if (inTitle) title += data;
        if (skipDepth > 0) return;
        if (cell !== null) cell += data;
        else if (!table) buffer += data;
      },
      onclosetag(name, implied) {
        if (!VOID.has(name)) {
          // Tolerate sloppy markup: pop back to the matching open tag.
          const at = stack.lastIndexOf(name);
          if (at >= 0) stack.length = at;
        }
        if (name === "title") inTitle = false;
        if (skipDepth > 0) {
          if (!VOID.has(name)) skipDepth--;
          return;
        }
        void implied;
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
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(cleanText(text));
  parser.end();
  flush();

  const docMeta: DocumentMeta = readMeta({
    title: squashSpaces(title) || undefined,
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
