import type { PdfLine, Row, Segment } from "./text-lines";
import { toLine } from "./text-lines";

type Gutter = { from: number; to: number };

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : 0;
};

/**
 * A vertical empty band between two clusters of narrow prose lines. Table cells also leave empty
 * bands, so both sides must look like running text (long segments, a fair share of the page's
 * characters each); a title centred across the gutter may cross it.
 */
export function findGutter(rows: Row[]): Gutter | null {
  const all = rows.flatMap((r) => r.segments);
  if (all.length < 8) return null;
  const left = Math.min(...all.map((s) => s.x0));
  const right = Math.max(...all.map((s) => s.x1));
  const width = right - left;
  if (width < 100) return null;
  const narrow = all.filter((s) => s.x1 - s.x0 < 0.55 * width);
  const totalChars = all.reduce((n, s) => n + s.chars, 0);
  if (narrow.reduce((n, s) => n + s.chars, 0) < 0.4 * totalChars) return null;
  const bins = new Array<number>(Math.ceil(width) + 1).fill(0);
  for (const s of narrow)
    for (let x = Math.floor(s.x0 - left); x <= Math.ceil(s.x1 - left) && x < bins.length; x++) bins[Math.max(0, x)]!++;
  const allowance = Math.floor(0.05 * narrow.length);
  let best: Gutter | null = null;
  let runStart = -1;
  const lo = Math.floor(0.25 * width);
  const hi = Math.ceil(0.75 * width);
  for (let x = lo; x <= hi + 1; x++) {
    const empty = x <= hi && bins[x]! <= allowance;
    if (empty && runStart < 0) runStart = x;
    if (!empty && runStart >= 0) {
      if (!best || x - runStart > best.to - best.from) best = { from: runStart + left, to: x + left };
      runStart = -1;
    }
  }
  if (!best || best.to - best.from < 8) return null;
  const gutter = best;
  // A column's lines are the only text on their side of the gutter in their row; cells of a table
  // set above or beside the columns share their side with other cells and are no column evidence.
  const isNarrow = new Set(narrow);
  const sides: Segment[][] = [[], []];
  for (const row of rows) {
    const leftOf = row.segments.filter((s) => isNarrow.has(s) && s.x1 <= gutter.from + 1);
    const rightOf = row.segments.filter((s) => isNarrow.has(s) && s.x0 >= gutter.to - 1);
    if (leftOf.length === 1) sides[0]!.push(leftOf[0]!);
    if (rightOf.length === 1) sides[1]!.push(rightOf[0]!);
  }
  const narrowChars = narrow.reduce((n, s) => n + s.chars, 0);
  for (const side of sides) {
    if (side.length < 4) return null;
    // Measured against the narrow (columned) text only: full-width paragraphs above the columns, or
    // a short second column beside a long first one, must not hide the gutter. A column still has
    // to hold a real share of the columned text, so a few stray lines are not a column.
    if (side.reduce((n, s) => n + s.chars, 0) < 0.1 * narrowChars) return null;
    if (median(side.map((s) => s.chars)) < 20) return null;
  }
  return gutter;
}

/**
 * Rows of one page → lines in reading order. On a two-column page, each run of rows between
 * full-width rows (title, a spanning table) is read left column first, then right; full-width rows
 * keep their place by height.
 */
export function orderPage({ rows, page }: { rows: Row[]; page: number }): PdfLine[] {
  const gutter = findGutter(rows);
  if (!gutter) return rows.map((r) => toLine({ page, column: 0, y: r.y, segments: r.segments }));
  const spans = (s: Segment) => s.x0 < gutter.from - 1 && s.x1 > gutter.to + 1;
  const out: PdfLine[] = [];
  let band: { left: PdfLine[]; right: PdfLine[] } = { left: [], right: [] };
  const closeBand = () => {
    out.push(...band.left, ...band.right);
    band = { left: [], right: [] };
  };
  for (const row of rows) {
    if (row.segments.some(spans)) {
      closeBand();
      out.push(toLine({ page, column: 0, y: row.y, segments: row.segments }));
      continue;
    }
    const left = row.segments.filter((s) => (s.x0 + s.x1) / 2 < gutter.from);
    const right = row.segments.filter((s) => (s.x0 + s.x1) / 2 >= gutter.from);
    // A row groups baselines within half a line, so a column's line can join a row of the other
    // column drawn a few points higher; each column keeps its own baseline, or its line spacing
    // would look uneven and split its paragraphs.
    if (left.length) band.left.push(toLine({ page, column: 1, y: left[0]!.y, segments: left }));
    if (right.length) band.right.push(toLine({ page, column: 2, y: right[0]!.y, segments: right }));
  }
  closeBand();
  return out;
}
