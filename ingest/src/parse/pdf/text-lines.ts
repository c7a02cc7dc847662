import { cleanText } from "../../prepare/clean-text";

/** One pdf.js text run, reduced to what layout needs (PDF user space: y grows upwards). */
export type PdfItem = { str: string; x: number; y: number; width: number; size: number; font: string };

/** Items of one baseline that sit close together: a line of prose, or one table cell. */
export type Segment = {
  x0: number;
  x1: number;
  y: number;
  size: number;
  font: string;
  uniformFont: boolean;
  text: string;
  chars: number;
};

/** Segments sharing one baseline across the whole page width. */
export type Row = { y: number; segments: Segment[] };

/** A row's segments inside one column, in reading order, plus its page. */
export type PdfLine = Row & {
  page: number;
  column: number;
  x0: number;
  x1: number;
  size: number;
  font: string;
  uniformFont: boolean;
  text: string;
};

type RawItem = { str?: unknown; transform?: unknown; width?: unknown; height?: unknown; fontName?: unknown };

/**
 * pdf.js items → PdfItem. Empty runs are dropped (pdf.js emits them as end-of-line markers). A page
 * drawn sideways (most runs turned by the same quarter turn) is turned back so its lines read
 * left to right; runs at any other angle (watermarks, margin notes) are returned apart so they
 * never break a baseline.
 */
export function readItems(items: readonly unknown[]): { flat: PdfItem[]; rotated: PdfItem[]; quarterTurns: number } {
  const runs: { item: PdfItem; turns: number | null }[] = [];
  for (const raw of items as RawItem[]) {
    if (typeof raw.str !== "string" || !raw.str.trim() || !Array.isArray(raw.transform)) continue;
    const [a = 1, b = 0, c = 0, d = 1, x = 0, y = 0] = raw.transform as number[];
    const size = Math.hypot(c, d) || (typeof raw.height === "number" ? raw.height : 0) || 1;
    const angle = Math.atan2(b, a) / (Math.PI / 2);
    const turns = Math.abs(angle - Math.round(angle)) < 0.03 ? ((Math.round(angle) % 4) + 4) % 4 : null;
    runs.push({
      item: {
        str: raw.str,
        x,
        y,
        width: typeof raw.width === "number" ? raw.width : 0,
        size,
        font: typeof raw.fontName === "string" ? raw.fontName : "",
      },
      turns,
    });
  }
  const counts = new Map<number, number>();
  for (const r of runs) if (r.turns !== null) counts.set(r.turns, (counts.get(r.turns) ?? 0) + r.item.str.length);
  const quarterTurns = dominant(counts) ?? 0;
  const flat: PdfItem[] = [];
  const rotated: PdfItem[] = [];
  for (const { item, turns } of runs) {
    if (turns !== quarterTurns) rotated.push(item);
    else flat.push({ ...item, ...turnBack({ x: item.x, y: item.y, quarterTurns }) });
  }
  return { flat, rotated, quarterTurns };
}

/** Rotates a point by -quarterTurns × 90°, so text drawn at that angle becomes horizontal. */
export function turnBack({ x, y, quarterTurns }: { x: number; y: number; quarterTurns: number }): {
  x: number;
  y: number;
} {
  switch (quarterTurns) {
    case 1:
      return { x: y, y: -x };
    case 2:
      return { x: -x, y: -y };
    case 3:
      return { x: -y, y: x };
    default:
      return { x, y };
  }
}

// A gap wider than this (in font sizes) between two runs on one baseline separates cells or columns:
// word spaces are ~0.25 em, the narrowest cell padding we saw is ~0.65 em.
const SEGMENT_GAP_EM = 0.55;
// A lone bullet or list number drawn as its own run belongs to the text right of it.
const MARKER_ONLY = /^(?:[•▪◦●○■□◆◇►▸‣⁃∙·*\-–—]|\(?[a-zA-Z0-9]{1,3}[.)])$/;

/** Items → rows (one baseline each, top of the page first) → segments (split at wide gaps). */
export function buildRows(items: PdfItem[]): Row[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: PdfItem[][] = [];
  let baseline = Number.NaN;
  for (const item of sorted) {
    const last = groups[groups.length - 1];
    // Superscripts and small baseline jitter stay on their line; the next line is ~1.2 em below.
    if (last && Math.abs(item.y - baseline) <= 0.45 * Math.min(item.size, last[0]!.size)) last.push(item);
    else {
      groups.push([item]);
      baseline = item.y;
    }
  }
  return groups.map((group) => {
    group.sort((p, q) => p.x - q.x);
    const parts: PdfItem[][] = [];
    for (const item of group) {
      const part = parts[parts.length - 1];
      const prev = part?.[part.length - 1];
      // Fake bold: the same run drawn twice a fraction of a point apart.
      if (prev && prev.str === item.str && Math.abs(prev.x - item.x) < 0.3 * item.size) continue;
      const gap = prev ? item.x - (prev.x + prev.width) : 0;
      const size = Math.max(prev?.size ?? 0, item.size);
      // A marker-only run followed closely by text is a bullet, not a cell (a "-" cell in a table sits further away).
      const marker =
        part !== undefined &&
        gap < 3 * size &&
        MARKER_ONLY.test(
          part
            .map((p) => p.str)
            .join("")
            .trim(),
        );
      if (part && prev && (gap <= SEGMENT_GAP_EM * size || marker)) part.push(item);
      else parts.push([item]);
    }
    return { y: group[0]!.y, segments: parts.map(toSegment) };
  });
}

function toSegment(items: PdfItem[]): Segment {
  let text = "";
  let prev: PdfItem | undefined;
  const chars = new Map<string, number>();
  const sizes = new Map<number, number>();
  for (const item of items) {
    if (prev) {
      const gap = item.x - (prev.x + prev.width);
      const spaced = /\s$/.test(text) || /^\s/.test(item.str);
      if (!spaced && gap > 0.15 * Math.min(prev.size, item.size)) text += " ";
    }
    text += item.str;
    const n = item.str.trim().length;
    chars.set(item.font, (chars.get(item.font) ?? 0) + n);
    const size = Math.round(item.size * 2) / 2;
    sizes.set(size, (sizes.get(size) ?? 0) + n);
    prev = item;
  }
  const last = items[items.length - 1]!;
  // A soft hyphen at the end of a line is a hyphenation point; keep it visible until lines are joined.
  const cleaned = cleanText(text.replace(/\u00AD\s*$/, "-"))
    .replace(/\s+/g, " ")
    .trim();
  return {
    x0: items[0]!.x,
    x1: last.x + last.width,
    y: items[0]!.y,
    size: dominant(sizes) ?? items[0]!.size,
    font: dominant(chars) ?? "",
    uniformFont: chars.size === 1,
    text: cleaned,
    chars: cleaned.length,
  };
}

export function dominant<K>(counts: Map<K, number>): K | undefined {
  let best: K | undefined;
  let max = -1;
  for (const [k, n] of counts) {
    if (n > max) {
      best = k;
      max = n;
    }
  }
  return best;
}

/** Segments of one row and column → a line (text joined with spaces, font and size by character count). */
export function toLine({
  page,
  column,
  y,
  segments,
}: {
  page: number;
  column: number;
  y: number;
  segments: Segment[];
}): PdfLine {
  const sizes = new Map<number, number>();
  const fonts = new Map<string, number>();
  for (const s of segments) {
    sizes.set(s.size, (sizes.get(s.size) ?? 0) + s.chars);
    fonts.set(s.font, (fonts.get(s.font) ?? 0) + s.chars);
  }
  return {
    page,
    column,
    y,
    segments,
    x0: Math.min(...segments.map((s) => s.x0)),
    x1: Math.max(...segments.map((s) => s.x1)),
    size: dominant(sizes) ?? segments[0]!.size,
    font: dominant(fonts) ?? "",
    uniformFont: fonts.size === 1 && segments.every((s) => s.uniformFont),
    text: segments.map((s) => s.text).join(" "),
  };
}
