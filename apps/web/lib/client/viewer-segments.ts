export type PageStart = { page: number; offset: number };
export type ViewerPart = { text: string; highlighted: boolean };
export type ViewerPage = { page: number | null; start: number; parts: ViewerPart[] };

/**
 * Page starts for a document: the parser's `pageOffsets` when present (offset of page i+1),
 * otherwise the first chunk that begins on each new page. Empty for unpaged formats.
 */
export function pageStartsFrom({
  metadata,
  spans,
  textLength,
}: {
  metadata: Record<string, unknown>;
  spans: { charStart: number; pageFrom: number | null }[];
  textLength: number;
}): PageStart[] {
  const offsets = metadata.pageOffsets;
  if (Array.isArray(offsets) && offsets.every((o) => typeof o === "number")) {
    return offsets.map((offset, i) => ({ page: i + 1, offset: Math.max(0, Math.min(textLength, offset)) }));
  }
  const starts: PageStart[] = [];
  for (const s of [...spans].sort((a, b) => a.charStart - b.charStart)) {
    if (s.pageFrom == null) continue;
    const last = starts.at(-1);
    if (!last || s.pageFrom > last.page)
      starts.push({ page: s.pageFrom, offset: Math.max(0, Math.min(textLength, s.charStart)) });
  }
  return starts;
}

/** Clamps a requested highlight to the text; null when it is empty or absent. */
export function clampRange({
  start,
  end,
  textLength,
}: {
  start: number | null;
  end: number | null;
  textLength: number;
}): { start: number; end: number } | null {
  if (start == null || end == null || !Number.isFinite(start) || !Number.isFinite(end)) return null;
  const s = Math.max(0, Math.min(textLength, Math.floor(start)));
  const e = Math.max(0, Math.min(textLength, Math.floor(end)));
  return e > s ? { start: s, end: e } : null;
}

/** Splits the normalized text into pages, each into plain and highlighted parts. */
export function buildViewerPages({
  text,
  highlight,
  pageStarts,
}: {
  text: string;
  highlight: { start: number; end: number } | null;
  pageStarts: PageStart[];
}): ViewerPage[] {
  const bounds: { page: number | null; start: number; end: number }[] = [];
  const starts = pageStarts.filter((p, i, all) => i === 0 || p.offset > all[i - 1]!.offset);
  if (starts.length === 0) bounds.push({ page: null, start: 0, end: text.length });
  else {
    if (starts[0]!.offset > 0) bounds.push({ page: null, start: 0, end: starts[0]!.offset });
    starts.forEach((p, i) => bounds.push({ page: p.page, start: p.offset, end: starts[i + 1]?.offset ?? text.length }));
  }
  return bounds.map(({ page, start, end }) => {
    const parts: ViewerPart[] = [];
    const push = (from: number, to: number, highlighted: boolean) => {
      if (to > from) parts.push({ text: text.slice(from, to), highlighted });
    };
    if (!highlight || highlight.end <= start || highlight.start >= end) push(start, end, false);
    else {
      const hs = Math.max(start, highlight.start);
      const he = Math.min(end, highlight.end);
      push(start, hs, false);
      push(hs, he, true);
      push(he, end, false);
    }
    return { page, start, parts };
  });
}
