/**
 * A deliberately small markdown parser for answers: paragraphs, headings, lists, block quotes,
 * code fences, tables; inline bold, italic, code, links and `[n]` citation markers. It produces
 * a tree of plain data that React renders as elements, so raw HTML in an answer stays text.
 */
import { isSafeLocalPath } from "@groundwork/auth/safe-url";

export type Inline =
  | { t: "text"; v: string }
  | { t: "strong"; c: Inline[] }
  | { t: "em"; c: Inline[] }
  | { t: "code"; v: string }
  | { t: "link"; href: string; c: Inline[] }
  | { t: "cite"; n: number };

export type Block =
  | { t: "p"; c: Inline[] }
  | { t: "h"; level: number; c: Inline[] }
  | { t: "ul" | "ol"; items: Inline[][] }
  | { t: "quote"; c: Inline[] }
  | { t: "pre"; v: string }
  | { t: "table"; head: Inline[][]; rows: Inline[][][] };

/**
 * Only links inside the app (viewer deep links and the like) become anchors. The server
 * sanitizer applies the same path rules (and may keep allowlisted https links, which render as
 * text here); this is the second wall, for text that reached the client some other way (stored
 * history, a sanitizer bug). `/\evil.example` or `/%09/evil.example` look local, but a browser
 * resolves them off-site.
 */
export function safeHref(href: string): string | null {
  return isSafeLocalPath(href) ? href : null;
}

const INLINE =
  /(\*\*([^*]+)\*\*|__([^_]+)__|\*([^*\s][^*]*)\*|_([^_\s][^_]*)_|`([^`]+)`|\[(\d{1,3})\]|\[([^\]]+)\]\(([^)\s]+)\))/;

export function parseInline(src: string): Inline[] {
  const out: Inline[] = [];
  let rest = src;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) {
      out.push({ t: "text", v: rest });
      break;
    }
    if (m.index > 0) out.push({ t: "text", v: rest.slice(0, m.index) });
    if (m[2] ?? m[3]) out.push({ t: "strong", c: parseInline((m[2] ?? m[3])!) });
    else if (m[4] ?? m[5]) out.push({ t: "em", c: parseInline((m[4] ?? m[5])!) });
    else if (m[6] != null) out.push({ t: "code", v: m[6] });
    else if (m[7] != null) out.push({ t: "cite", n: Number(m[7]) });
    else if (m[8] != null && m[9] != null) {
      const href = safeHref(m[9]);
      out.push(href ? { t: "link", href, c: parseInline(m[8]) } : { t: "text", v: m[8] });
    }
    rest = rest.slice(m.index + m[0].length);
  }
  return out;
}

const splitRow = (line: string) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => parseInline(c.trim()));

export function parseMarkdown(src: string): Block[] {
  const lines = src.replace(/\r\n?/g, "\n").split("\n");
  const blocks: Block[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) blocks.push({ t: "p", c: parseInline(para.join(" ")) });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      flush();
      const body: string[] = [];
      while (++i < lines.length && !/^\s*```/.test(lines[i]!)) body.push(lines[i]!);
      blocks.push({ t: "pre", v: body.join("\n") });
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      blocks.push({ t: "h", level: heading[1]!.length, c: parseInline(heading[2]!) });
      continue;
    }
    if (/^\s*[-*+]\s+/.test(line) || /^\s*\d+[.)]\s+/.test(line)) {
      flush();
      const ordered = /^\s*\d+[.)]\s+/.test(line);
      const re = ordered ? /^\s*\d+[.)]\s+/ : /^\s*[-*+]\s+/;
      const items: Inline[][] = [];
      while (i < lines.length && re.test(lines[i]!)) {
        items.push(parseInline(lines[i]!.replace(re, "")));
        i++;
      }
      i--;
      blocks.push({ t: ordered ? "ol" : "ul", items });
      continue;
    }
    if (/^\s*>/.test(line)) {
      flush();
      const body: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) body.push(lines[i++]!.replace(/^\s*>\s?/, ""));
      i--;
      blocks.push({ t: "quote", c: parseInline(body.join(" ")) });
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1] ?? "")) {
      flush();
      const head = splitRow(line);
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]!)) rows.push(splitRow(lines[i++]!));
      i--;
      blocks.push({ t: "table", head, rows });
      continue;
    }
    if (!line.trim()) flush();
    else para.push(line.trim());
  }
  flush();
  return blocks;
}
