import type { Row } from "./text-lines";

export type PageRows = { page: number; height: number; bottom: number; rows: Row[] };

const rowText = (r: Row) => r.segments.map((s) => s.text).join(" ");
/** Digits normalised, so "Page 3 of 12" and "Page 4 of 12" are one running line. */
export const runningKey = (text: string) => text.toLowerCase().replace(/\d+/g, "#").replace(/\s+/g, " ").trim();

/**
 * Drops running headers and footers: a row whose text (digits normalised) sits at about the same
 * height on at least half the pages (both pages of a two-page file), inside the top or bottom
 * fifth of the page — body text repeating at one height is left alone.
 */
export function dropRunningRows(pages: PageRows[], { anyHeight = false }: { anyHeight?: boolean } = {}): PageRows[] {
  if (pages.length < 2) return pages;
  const needed = pages.length >= 3 ? Math.max(2, Math.ceil(0.5 * pages.length)) : 2;
  // Rotated text (a diagonal "DRAFT" watermark) repeats mid-page, so it is checked at any height.
  const inMargin = (p: PageRows, y: number) =>
    anyHeight || y - p.bottom < 0.2 * p.height || y - p.bottom > 0.8 * p.height;
  const byKey = new Map<string, { page: number; y: number }[]>();
  for (const p of pages) {
    for (const r of p.rows) {
      if (!inMargin(p, r.y)) continue;
      const key = runningKey(rowText(r));
      if (!key) continue;
      const list = byKey.get(key) ?? [];
      list.push({ page: p.page, y: r.y });
      byKey.set(key, list);
    }
  }
  const running = new Map<string, number[]>();
  for (const [key, hits] of byKey) {
    // Heights that recur: for each candidate height, the pages with this text within 4 pt of it.
    const heights: number[] = [];
    for (const h of hits) {
      const pagesThere = new Set(hits.filter((o) => Math.abs(o.y - h.y) <= 4).map((o) => o.page));
      if (pagesThere.size >= needed) heights.push(h.y);
    }
    if (heights.length) running.set(key, heights);
  }
  if (running.size === 0) return pages;
  return pages.map((p) => ({
    ...p,
    rows: p.rows.filter((r) => {
      const heights = running.get(runningKey(rowText(r)));
      return !(heights && inMargin(p, r.y) && heights.some((y) => Math.abs(y - r.y) <= 4));
    }),
  }));
}
