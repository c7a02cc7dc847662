import { cleanText, squashSpaces } from "../prepare/clean-text";
import type { Block, ParsedDocument } from "../document-model";
import { splitFrontMatter } from "./front-matter";

/** Inline markdown → readable text: links keep their label, emphasis and code marks go. */
export function stripInline(text: string): string {
  return squashSpaces(
    text
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "")
      .replace(/(\*\*|__)(.+?)\1/g, "$2")
      .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, "$1$2")
      .replace(/`([^`]+)`/g, "$1")
      .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1"),
  );
}

function tableCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((c) => stripInline(c));
}

const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

export function parseMarkdown({ text }: { text: string }): ParsedDocument {
  const { meta, body } = splitFrontMatter(cleanText(text));
  // HTML comments are invisible in rendered markdown, so they must not be searchable either.
  const lines = body.replace(/<!--[\s\S]*?-->/g, "").split("\n");
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  // The list kind of the item being collected (its continuation lines join it), so the viewer shows a list.
  let list: "bullet" | "ordered" | undefined;
  const flush = () => {
    const t = stripInline(paragraph.join(" "));
    if (t) blocks.push({ kind: "paragraph", text: t, ...(list ? { list } : {}) });
    paragraph = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^\s*(```|~~~)/.exec(line);
    if (fence) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence[1]!); i++) code.push(lines[i]!);
      const t = code.join("\n").trim();
      if (t) blocks.push({ kind: "paragraph", text: t });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const t = stripInline(heading[2] ?? "");
      if (t) blocks.push({ kind: "heading", level: heading[1]!.length, text: t });
      continue;
    }
    const next = lines[i + 1];
    if (line.includes("|") && next !== undefined && TABLE_SEPARATOR.test(next)) {
      flush();
      const header = tableCells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.includes("|") && lines[i]!.trim(); i++)
        rows.push(tableCells(lines[i]!));
      i--;
      blocks.push({ kind: "table", header, rows });
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (/^\s*(=+|-{3,})\s*$/.test(line)) {
      // Setext underline: the paragraph collected so far is a heading.
      if (paragraph.length) {
        const t = stripInline(paragraph.join(" "));
        paragraph = [];
        if (t) blocks.push({ kind: "heading", level: line.trim().startsWith("=") ? 1 : 2, text: t });
      }
      continue;
    }
    const item = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      list = /\d/.test(item[1]!) ? "ordered" : "bullet";
      paragraph.push(item[2] ?? "");
      continue;
    }
    const quote = /^\s*>\s?(.*)$/.exec(line);
    paragraph.push(quote ? (quote[1] ?? "") : line);
  }
  flush();
  if (!meta.title) {
    const first = blocks.find((b) => b.kind === "heading");
    if (first && first.kind === "heading") meta.title = first.text;
  }
  return { blocks, meta, mime: "text/markdown" };
}
