import type { Block, PageBreak } from "../../document-model";
import type { PdfLine, Segment } from "./text-lines";
import { dominant } from "./text-lines";

/** What the whole document says is "body text", so a line can be judged against it. */
export type DocStats = {
  bodySize: number;
  bodyFont: string;
  rareFonts: Set<string>;
  leading: number;
  words: Set<string>;
  headingSizes: number[];
};

const round = (n: number) => Math.round(n * 2) / 2;
const sameFlow = (a: PdfLine | undefined, b: PdfLine | undefined) =>
  !!a && !!b && a.page === b.page && a.column === b.column;
const wordCount = (t: string) => t.split(/\s+/).filter(Boolean).length;
const ENDS_SENTENCE = /[.!?:…]["'”’)\]]*$/;
const STARTS_LOWER = /^\p{Ll}/u;
const BULLET = /^(?:[•▪◦●○■□◆◇►▸‣⁃∙·]\s*|[-–—*]\s+)/;
const ORDERED = /^(?:\(?[a-z]\)|\([ivxlc]+\)|[ivxlc]+\)|\d{1,2}[.)])\s+/i;
// A doubled marker ("••", a slip or a bullet drawn twice) still separates items.
const INLINE_BULLET = /\s+[•▪◦●■‣◆►▸]+\s+/;
const DANGLING_BULLET = /\s+[•▪◦●■‣◆►▸]+$/;
const NUMBERED_HEADING =
  /^(?:(?:section|article|chapter|part|schedule|appendix|annex|clause)\s+(?:\d+(?:\.\d+)*|[IVXLC]+|[A-Z])\b[.:]?|(\d{1,2}(?:\.\d{1,3})*)\.?)(?=\s|$)/i;
// Left halves of real compounds: "self-" + "service" keeps its hyphen when nothing else in the file decides.
const COMPOUND_LEFT = new Set(
  "self non ex well cross co multi semi anti post pre full part third first long short high low one two three four year day month end user".split(
    " ",
  ),
);

export function documentStats(lines: PdfLine[]): DocStats {
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  let total = 0;
  const words = new Set<string>();
  for (const l of lines) {
    for (const s of l.segments) {
      sizes.set(round(s.size), (sizes.get(round(s.size)) ?? 0) + s.chars);
      fonts.set(s.font, (fonts.get(s.font) ?? 0) + s.chars);
      total += s.chars;
    }
    for (const w of l.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*(?!-$)/gu) ?? []) words.add(w);
  }
  const bodySize = dominant(sizes) ?? 10;
  const bodyFont = dominant(fonts) ?? "";
  const rareFonts = new Set([...fonts].filter(([f, n]) => f !== bodyFont && n < 0.25 * total).map(([f]) => f));
  const steps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    const d = a.y - b.y;
    if (
      sameFlow(a, b) &&
      round(a.size) === bodySize &&
      round(b.size) === bodySize &&
      d > 0.8 * bodySize &&
      d < 2 * bodySize
    )
      steps.push(d);
  }
  steps.sort((x, y) => x - y);
  const leading = steps.length ? steps[Math.floor(steps.length / 2)]! : 1.2 * bodySize;
  const headingSizes = [...new Set(lines.filter((l) => isLargeHeading(l, bodySize)).map((l) => round(l.size)))].sort(
    (x, y) => y - x,
  );
  return { bodySize, bodyFont, rareFonts, leading, words, headingSizes };
}

function isLargeHeading(l: PdfLine, bodySize: number): boolean {
  const words = wordCount(l.text);
  if (l.size < 1.08 * bodySize || !/\p{L}/u.test(l.text) || l.text.length > 150 || words > 20) return false;
  if (/[,;]$/.test(l.text) || BULLET.test(l.text)) return false;
  // A long sentence in a large font is a lead paragraph, not a title.
  return !(words > 10 && /[.!?]$/.test(l.text));
}

type Column = { x0: number; x1: number };

/** Document lines (reading order, every page) → blocks: tables, headings, list items, paragraphs. */
export function linesToBlocks({ lines }: { lines: PdfLine[] }): Block[] {
  const tables = findTables(lines);
  const inTable = new Set<number>();
  for (const [start, t] of tables) for (let k = start; k <= t.last; k++) inTable.add(k);
  // Body size and font come from running text only: a table-heavy file must not make its tables "the body".
  const stats = documentStats(lines.filter((_, k) => !inTable.has(k)));
  const extents = new Map<string, Column>();
  for (const l of lines) {
    const key = `${l.page}:${l.column}`;
    const e = extents.get(key);
    extents.set(key, e ? { x0: Math.min(e.x0, l.x0), x1: Math.max(e.x1, l.x1) } : { x0: l.x0, x1: l.x1 });
  }
  const extent = (l: PdfLine) => extents.get(`${l.page}:${l.column}`)!;
  const leadingFor = (l: PdfLine) => stats.leading * (l.size / stats.bodySize);

  /** Does `cur` start a new paragraph after `prev`? (Lists tolerate the hanging indent of their items.) */
  const breaksAfter = (prev: PdfLine | undefined, cur: PdfLine, inItem = false): boolean => {
    if (!prev || prev.page !== cur.page) return true;
    const gap = prev.y - cur.y;
    // Back up the page: the flow moved to the next column; a sentence may run on into it.
    if (prev.column !== cur.column || gap <= 0) return ENDS_SENTENCE.test(prev.text) || !STARTS_LOWER.test(cur.text);
    if (Math.abs(prev.size - cur.size) > 0.6) return true;
    // A wide gap is a paragraph break, unless the text plainly runs on: a line ending mid-sentence
    // followed by one starting in lower case (a loose layout, or a list broken mid-item).
    const runsOn = !ENDS_SENTENCE.test(prev.text) && STARTS_LOWER.test(cur.text) && gap < 2 * leadingFor(cur);
    if (gap > leadingFor(cur) * 1.15 + 0.5 && !runsOn) return true;
    const col = extent(cur);
    if (!inItem && cur.x0 > col.x0 + 0.8 * cur.size && prev.x0 <= col.x0 + 0.5 * cur.size) return true;
    if (/[.!?…]["'”’)\]]*$/.test(prev.text) && prev.x1 < col.x1 - Math.max(0.12 * (col.x1 - col.x0), 3 * cur.size))
      return true;
    return ENDS_SENTENCE.test(prev.text) && /^\d+(?:\.\d+)+\s/.test(cur.text);
  };

  /**
   * Does `cur`, the first body line of a page, carry on the paragraph `prev` left unfinished at the
   * foot of the page before? Only when `prev` does not end a sentence, and `cur` either starts in
   * lower case or is set like `prev` (font and size) with `prev` running to its column's right
   * edge — a line wrapped because it was full, not a short label.
   */
  const continuesOverPage = (prev: PdfLine, cur: PdfLine): boolean => {
    if (cur.page !== prev.page + 1 || prev.column < 0 || cur.column < 0) return false;
    if (ENDS_SENTENCE.test(prev.text)) return false;
    if (Math.abs(prev.size - cur.size) > 0.6) return false;
    if (STARTS_LOWER.test(cur.text)) return true;
    const col = extent(prev);
    const full = prev.x1 >= col.x1 - Math.max(0.12 * (col.x1 - col.x0), 3 * prev.size);
    return full && prev.font === cur.font && /^[\p{L}\d]/u.test(cur.text);
  };
  /** Line `i` is the first of its page, the line before it the last of the page before. */
  const pageTurn = (i: number): boolean => !!lines[i - 1] && lines[i - 1]!.page !== lines[i]!.page;

  const levels = lines.map((l, i) => (inTable.has(i) ? null : headingLevel({ lines, i, stats, breaksAfter })));

  const blocks: Block[] = [];
  let para: { lines: PdfLine[]; text: string; list?: "bullet" | "ordered"; breaks: PageBreak[] } | null = null;
  // A run of inline bullets broken by a paragraph gap leaves its marker at the end ("… picking •"):
  // the paragraph after it is the next item.
  let dangling = false;
  const flush = () => {
    if (para) {
      const marker = DANGLING_BULLET.exec(para.text);
      const text = marker ? para.text.slice(0, marker.index) : para.text;
      blocks.push(
        ...paragraphBlocks({
          text,
          page: para.lines[0]!.page,
          breaks: para.breaks.filter((b) => b.at < text.length),
          ...(para.list ? { list: para.list } : {}),
        }),
      );
      dangling = !!marker;
    } else dangling = false;
    para = null;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const table = tables.get(i);
    if (table) {
      flush();
      blocks.push({ kind: "table", header: table.header, rows: table.rows, page: line.page });
      dangling = false;
      i = table.last;
      continue;
    }
    const level = levels[i];
    if (level != null) {
      flush();
      const prev = blocks[blocks.length - 1];
      const prevLine = lines[i - 1];
      // A title wrapped over two lines is one heading.
      const continues =
        prev?.kind === "heading" &&
        prev.level === level &&
        levels[i - 1] === level &&
        sameFlow(prevLine, line) &&
        prevLine!.y - line.y < 2 * line.size &&
        prev.text.length + line.text.length < 200;
      if (continues) prev.text = `${prev.text} ${line.text}`;
      else blocks.push({ kind: "heading", level, text: line.text, page: line.page });
      dangling = false;
      continue;
    }
    const prev = lines[i - 1];
    const bullet = BULLET.exec(line.text);
    if (bullet || ORDERED.test(line.text)) {
      flush();
      para = {
        lines: [line],
        text: bullet ? line.text.slice(bullet[0].length) : line.text,
        list: bullet ? "bullet" : "ordered",
        breaks: [],
      };
      continue;
    }
    const active = para;
    const last = active?.lines[active.lines.length - 1];
    const overPage = !!active && last === prev && pageTurn(i) && continuesOverPage(prev!, line);
    const joins =
      active &&
      last === prev &&
      (overPage || !breaksAfter(prev, line, !!active.list)) &&
      (!active.list || line.x0 > active.lines[0]!.x0 + 0.3 * line.size || !ENDS_SENTENCE.test(prev!.text));
    if (active && joins) {
      active.lines.push(line);
      active.text = joinLines({ before: active.text, after: line.text, words: stats.words });
      // The joined text ends with this line's text whatever the join did to the hyphen before it.
      if (line.page !== prev!.page) active.breaks.push({ at: active.text.length - line.text.length, page: line.page });
    } else {
      flush();
      para = { lines: [line], text: line.text, breaks: [], ...(dangling ? { list: "bullet" as const } : {}) };
    }
  }
  flush();
  return blocks;
}

function headingLevel({
  lines,
  i,
  stats,
  breaksAfter,
}: {
  lines: PdfLine[];
  i: number;
  stats: DocStats;
  breaksAfter: (prev: PdfLine | undefined, cur: PdfLine) => boolean;
}): number | null {
  const line = lines[i]!;
  const text = line.text;
  if (isLargeHeading(line, stats.bodySize)) return Math.min(6, stats.headingSizes.indexOf(round(line.size)) + 1);
  if (line.size < 0.9 * stats.bodySize || !/\p{L}/u.test(text) || text.length > 80 || wordCount(text) > 12) return null;
  const prev = sameFlow(lines[i - 1], line) ? lines[i - 1] : undefined;
  const next = sameFlow(line, lines[i + 1]) ? lines[i + 1] : undefined;
  // Standing alone: what came before ended, and what follows starts afresh.
  const prevEnded = !prev || ENDS_SENTENCE.test(prev.text) || breaksAfter(prev, line);
  const nextStarts = !next || breaksAfter(line, next) || /^[\p{Lu}\d•"“(]/u.test(next.text);
  if (!prevEnded || !nextStarts || /[,;]$/.test(text)) return null;
  const base = stats.headingSizes.length;
  const numbered = NUMBERED_HEADING.exec(text);
  if (numbered) {
    const rest = text.slice(numbered[0].length).trim();
    const neighbourNumbered = [prev, next].some(
      (l) => l && NUMBERED_HEADING.test(l.text) && round(l.size) === round(line.size) && l.font === line.font,
    );
    // "1. Passport" / "2. Visa" in a row is a list; "3.2 Refunds" alone is a section.
    if (!neighbourNumbered && (rest === "" || (/^\p{Lu}/u.test(rest) && !/[.:]$/.test(rest)))) {
      // "3." at body size is a top-level section beside the sized headings, "3.2" one below it.
      const depth = numbered[1] ? numbered[1].split(".").filter(Boolean).length : 1;
      return Math.min(6, base === 0 ? depth : base + depth - 1);
    }
  }
  if (BULLET.test(text) || /[.]$/.test(text)) return null;
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 4 && !/\p{Ll}/u.test(letters) && text.length <= 60 && wordCount(text) <= 8)
    return Math.min(6, base + 1);
  if (line.uniformFont && stats.rareFonts.has(line.font) && !/:$/.test(text)) return Math.min(6, base + 1);
  return null;
}

/** Joins two lines of one paragraph, undoing end-of-line hyphenation where the word is really one word. */
export function joinLines({ before, after, words }: { before: string; after: string; words: Set<string> }): string {
  const hyphen = /(\p{L}+)[-‐]$/u.exec(before);
  if (!hyphen) return `${before} ${after}`;
  const right = /^\p{L}+/u.exec(after)?.[0];
  // "COVID-" + "19", "Anglo-" + "Saxon": the hyphen is part of the name.
  if (!right || !STARTS_LOWER.test(right)) return before + after;
  const left = hyphen[1]!;
  const joined = `${left}${right}`.toLowerCase();
  const keep = words.has(joined)
    ? false
    : words.has(`${left}-${right}`.toLowerCase()) || COMPOUND_LEFT.has(left.toLowerCase());
  return keep ? before + after : before.slice(0, -1) + after;
}

/**
 * A paragraph's text → blocks, splitting runs of inline bullets ("• a • b • c") into list items.
 * Each block starts on the page of its first character and keeps the page breaks inside it.
 */
function paragraphBlocks({
  text,
  page,
  breaks,
  list,
}: {
  text: string;
  page: number;
  breaks: PageBreak[];
  list?: "bullet" | "ordered";
}): Block[] {
  const parts: { start: number; end: number }[] = [];
  const marker = new RegExp(INLINE_BULLET.source, "g");
  let from = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    parts.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  parts.push({ start: from, end: text.length });
  const out: Block[] = [];
  parts.forEach(({ start, end }, index) => {
    const raw = text.slice(start, end);
    const t = raw.trim();
    if (!t) return;
    const at = start + (raw.length - raw.trimStart().length);
    const pageOf = (offset: number) => breaks.filter((b) => b.at <= offset).pop()?.page ?? page;
    const inside = breaks
      .filter((b) => b.at > at && b.at < at + t.length)
      .map((b) => ({ at: b.at - at, page: b.page }));
    // The text before the first inline bullet is the list's lead-in, unless the line itself began with a bullet.
    const item = parts.length > 1 && (index > 0 || list === "bullet");
    out.push({
      kind: "paragraph",
      text: t,
      page: pageOf(at),
      ...(item ? { list: "bullet" as const } : list ? { list } : {}),
      ...(inside.length ? { pageBreaks: inside } : {}),
    });
  });
  return out;
}

type Table = { last: number; header: string[] | null; rows: string[][] };

/**
 * Runs of lines whose segments fall into ≥ 2 consistent x-columns over ≥ 3 rows. A line without
 * a first-column cell continues the row above (a wrapped cell).
 */
function findTables(lines: PdfLine[]): Map<number, Table> {
  const found = new Map<number, Table>();
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i]!;
    if (start.segments.length < 2) continue;
    const cols: Column[] = start.segments.map((s) => ({ x0: s.x0, x1: s.x1 }));
    const run: { line: PdfLine; mapped: Column[] }[] = [{ line: start, mapped: [...cols] }];
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      const prev = run[run.length - 1]!.line;
      // A table is set in one size; a heading or body line in another ends it.
      if (
        !sameFlow(prev, line) ||
        Math.abs(line.size - start.size) > 1 ||
        prev.y - line.y <= 0 ||
        prev.y - line.y > 2.5 * line.size
      )
        break;
      const mapped = mapToColumns(line.segments, cols);
      if (!mapped) break;
      run.push({ line, mapped });
    }
    // Cell padding makes the step between rows longer than the leading inside a wrapped cell; when
    // the steps show both, the short ones are continuation lines whatever columns they fill.
    const steps = run.slice(1).map((r, k) => run[k]!.line.y - r.line.y);
    const shortest = Math.min(...steps);
    const longest = Math.max(...steps);
    const split = shortest < 0.8 * longest ? (shortest + longest) / 2 : null;
    const first = cols.reduce((a, b) => (b.x0 < a.x0 ? b : a));
    const rows: Map<Column, string>[] = [];
    let full = 0;
    let used = 0;
    for (const [k, { line, mapped }] of run.entries()) {
      const step = k > 0 ? steps[k - 1]! : Infinity;
      const newRow = k === 0 || (split !== null ? step > split : line.segments.length >= 2 && mapped.includes(first));
      if (newRow) {
        rows.push(new Map(line.segments.map((s, c) => [mapped[c]!, s.text])));
        if (line.segments.length >= 2) full++;
      } else if (split !== null || !mapped.includes(first) || step < 1.6 * line.size) {
        const row = rows[rows.length - 1]!;
        line.segments.forEach((s, c) =>
          row.set(mapped[c]!, row.has(mapped[c]!) ? `${row.get(mapped[c]!)} ${s.text}` : s.text),
        );
      } else break;
      used = k;
    }
    if (full < 3) continue;
    const ordered = [...cols].sort((a, b) => a.x0 - b.x0);
    const grid = rows.map((r) => ordered.map((c) => r.get(c) ?? ""));
    const last = i + used;
    found.set(i, { last, header: grid[0]!, rows: grid.slice(1) });
    i = last;
  }
  return found;
}

/** Each segment → the one column it overlaps (a new column if it overlaps none), or null if the line does not fit. */
function mapToColumns(segments: Segment[], cols: Column[]): Column[] | null {
  const out: Column[] = [];
  for (const s of segments) {
    const hits = cols.filter((c) => s.x0 < c.x1 + 2 && s.x1 > c.x0 - 2);
    if (hits.length > 1) return null;
    let col = hits[0];
    if (!col) {
      if (segments.length < 2) return null;
      col = { x0: s.x0, x1: s.x1 };
      cols.push(col);
    }
    if (out.includes(col)) return null;
    out.push(col);
  }
  for (const [k, s] of segments.entries()) {
    const c = out[k]!;
    c.x0 = Math.min(c.x0, s.x0);
    c.x1 = Math.max(c.x1, s.x1);
  }
  const sorted = [...cols].sort((a, b) => a.x0 - b.x0);
  for (let k = 1; k < sorted.length; k++) if (sorted[k]!.x0 < sorted[k - 1]!.x1) return null;
  return out;
}
