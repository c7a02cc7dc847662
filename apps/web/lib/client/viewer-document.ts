import { TABLE_CELL_SEPARATOR, tableCells, type OutlineBlock } from "@groundwork/ingest/outline";

/** 0 plain, 1 inside the cited passage (its chunk), 2 the cited sentence(s) themselves. */
export type Emphasis = 0 | 1 | 2;
export type Run = { text: string; emphasis: Emphasis };
export type ViewBlock =
  | { kind: "heading"; level: number; runs: Run[]; start: number }
  | { kind: "paragraph"; runs: Run[]; start: number }
  /**
   * `continues`: the first item goes on with the last item of the page before (one item cut by the
   * page break); `number` is then that item's number in the list, so an ordered list counts on.
   */
  | { kind: "list"; ordered: boolean; items: Run[][]; start: number; continues?: { number: number } }
  | { kind: "table"; header: Run[][] | null; rows: Run[][][]; start: number };
export type ViewPage = { page: number | null; blocks: ViewBlock[] };
type Range = { start: number; end: number };

/** Clamps a requested highlight to the text; null when it is empty or absent. */
export function clampRange({
  start,
  end,
  textLength,
}: {
  start: number | null;
  end: number | null;
  textLength: number;
}): Range | null {
  if (start == null || end == null || !Number.isFinite(start) || !Number.isFinite(end)) return null;
  const s = Math.max(0, Math.min(textLength, Math.floor(start)));
  const e = Math.max(0, Math.min(textLength, Math.floor(end)));
  return e > s ? { start: s, end: e } : null;
}

/**
 * The outline of a document stored before outlines were kept, read back from its plain text:
 * blank-line separated blocks; a block that is one of its chunk's section headings is that
 * heading (level from its place in the breadcrumb); a block of two or more lines that all carry
 * the same number of cell separators is a table with its first line as the header; pages from the
 * chunk each block starts in. Lists cannot be told from paragraphs in the text, so they stay paragraphs.
 */
export function inferOutline({
  text,
  spans,
}: {
  text: string;
  spans: { charStart: number; charEnd: number; pageFrom: number | null; headings: string[] }[];
}): OutlineBlock[] {
  const out: OutlineBlock[] = [];
  const sorted = [...spans].sort((a, b) => a.charStart - b.charStart);
  const re = /\n{2,}/g;
  let from = 0;
  const blocks: Range[] = [];
  for (const m of text.matchAll(re)) {
    blocks.push({ start: from, end: m.index });
    from = m.index + m[0].length;
  }
  blocks.push({ start: from, end: text.length });
  for (const { start, end } of blocks) {
    const body = text.slice(start, end);
    if (!body.trim()) continue;
    const span = sorted.findLast((s) => s.charStart <= start) ?? sorted.find((s) => s.charEnd > start);
    const page = span?.pageFrom != null ? { page: span.pageFrom } : {};
    const level = span ? span.headings.indexOf(body.trim()) : -1;
    if (level >= 0 && !body.includes("\n")) {
      out.push({ kind: "heading", start, end, level: level + 1, ...page });
      continue;
    }
    const lines = body.split("\n");
    const counts = lines.map((l) => l.split(TABLE_CELL_SEPARATOR).length);
    if (lines.length >= 2 && counts[0]! >= 2 && counts.every((c) => c === counts[0])) {
      const cellLengths = lines.map((l) => l.split(TABLE_CELL_SEPARATOR).map((c) => c.length));
      out.push({ kind: "table", start, end, header: true, lines: cellLengths, ...page });
      continue;
    }
    out.push({ kind: "paragraph", start, end, ...page });
  }
  return out;
}

/** The text between two offsets cut where the passage and the cited range begin and end. */
export function runsOf({
  text,
  start,
  end,
  passage,
  cited,
}: {
  text: string;
  start: number;
  end: number;
  passage: Range | null;
  cited: Range | null;
}): Run[] {
  const cuts = new Set([start, end]);
  for (const r of [passage, cited]) if (r) for (const x of [r.start, r.end]) if (x > start && x < end) cuts.add(x);
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i]!, points[i + 1]!];
    const inside = (r: Range | null) => r != null && r.start <= a && r.end >= b;
    const emphasis: Emphasis = inside(cited) ? 2 : inside(passage) ? 1 : 0;
    const last = runs.at(-1);
    if (last && last.emphasis === emphasis) last.text += text.slice(a, b);
    else runs.push({ text: text.slice(a, b), emphasis });
  }
  return runs.length ? runs : [{ text: "", emphasis: 0 }];
}

/**
 * The document as pages of headings, paragraphs, lists and tables with the passage and the cited
 * sentence(s) marked. Blocks without a page number stay on the page before them (a document
 * without pages is one page with `page: null`).
 */
export function buildViewerDocument({
  text,
  outline,
  passage,
  cited,
}: {
  text: string;
  outline: OutlineBlock[];
  /** The cited chunk's span; shown softly around the cited sentence(s). */
  passage: Range | null;
  /** What the citation points at exactly; when absent the passage itself is the cited range. */
  cited: Range | null;
}): ViewPage[] {
  const exact = cited ?? passage;
  const context = passage && exact && (passage.start !== exact.start || passage.end !== exact.end) ? passage : null;
  const runs = (r: Range) => runsOf({ text, start: r.start, end: r.end, passage: context, cited: exact });
  const pages: ViewPage[] = [];
  let page: ViewPage | undefined;
  // The list block last built, whichever page it is on: a continued item finds its number there.
  let list: Extract<ViewBlock, { kind: "list" }> | undefined;
  for (const b of outline) {
    const number = b.page ?? page?.page ?? null;
    if (!page || number !== page.page) {
      page = { page: number, blocks: [] };
      pages.push(page);
    }
    const blocks = page.blocks;
    if (b.kind !== "paragraph" || !b.list) list = undefined;
    if (b.kind === "heading") blocks.push({ kind: "heading", level: b.level, runs: runs(b), start: b.start });
    else if (b.kind === "table") {
      const lines = tableCells(b).map((line) => line.map(runs));
      blocks.push({
        kind: "table",
        header: b.header ? lines[0]! : null,
        rows: b.header ? lines.slice(1) : lines,
        start: b.start,
      });
    } else if (b.list) {
      const ordered = b.list === "ordered";
      const last = blocks.at(-1);
      if (last?.kind === "list" && last.ordered === ordered) {
        if (b.continues) last.items.at(-1)!.push(...runs(b));
        else last.items.push(runs(b));
      } else {
        // The cut item is the last one of the list on the page before.
        const before = list?.ordered === ordered ? list : undefined;
        const number = before ? (before.continues?.number ?? 1) + before.items.length - 1 : 1;
        list = { kind: "list", ordered, items: [runs(b)], start: b.start };
        if (b.continues) list.continues = { number };
        blocks.push(list);
      }
    } else blocks.push({ kind: "paragraph", runs: runs(b), start: b.start });
  }
  return pages.length ? pages : [{ page: null, blocks: [] }];
}

/** The page holding the first marked (cited) text, or null when nothing is marked or the document has no pages. */
export function markedPage(pages: ViewPage[]): number | null {
  const marked = (runs: Run[]) => runs.some((r) => r.emphasis === 2);
  const hit = pages.find((p) =>
    p.blocks.some((b) =>
      b.kind === "table"
        ? [...(b.header ? [b.header] : []), ...b.rows].some((line) => line.some(marked))
        : b.kind === "list"
          ? b.items.some(marked)
          : marked(b.runs),
    ),
  );
  return hit?.page ?? null;
}
