/**
 * The document's structure as offsets into its normalized text, kept in `documents.metadata.outline`
 * so the viewer shows headings, lists, tables and pages as the parser saw them, without storing
 * the text twice. Pure and dependency-free: the web viewer imports it (`@groundwork/ingest/outline`).
 */
export type OutlineBlock =
  | { kind: "heading"; start: number; end: number; level: number; page?: number }
  /**
   * `continues`: this part goes on with the list item before it, cut by a page break; it is the same
   * item (no marker of its own), shown in the list on its own page.
   */
  | { kind: "paragraph"; start: number; end: number; list?: "bullet" | "ordered"; continues?: true; page?: number }
  /**
   * One table: `lines` holds each text line's cell lengths (the header line first when `header`),
   * the cells joined by TABLE_CELL_SEPARATOR in the text — lengths, not a split on the separator,
   * because a cell's own text may contain it.
   */
  | { kind: "table"; start: number; end: number; header: boolean; lines: number[][]; page?: number };

export const TABLE_CELL_SEPARATOR = " | ";

type PlacedBlock = {
  block:
    | { kind: "heading"; level: number; text: string; page?: number }
    | {
        kind: "paragraph";
        text: string;
        page?: number;
        list?: "bullet" | "ordered";
        pageBreaks?: { at: number; page: number }[];
      }
    | { kind: "table"; header: string[] | null; rows: string[][]; page?: number };
  start: number;
  end: number;
};

/**
 * The outline of laid-out blocks (chunk-document's `layoutBlocks`). A paragraph that runs over a
 * page break is one outline paragraph per page, so the viewer shows each part on its own page; a
 * list item's later parts stay in the list, marked as continuing it (not a new item, and not a
 * plain paragraph that would break the list at the page boundary).
 */
export function outlineOf(placed: PlacedBlock[]): OutlineBlock[] {
  return placed.flatMap(({ block, start, end }): OutlineBlock[] => {
    const page = typeof block.page === "number" ? { page: block.page } : {};
    if (block.kind === "heading") return [{ kind: "heading", start, end, level: block.level, ...page }];
    if (block.kind === "paragraph") {
      const breaks = (block.pageBreaks ?? []).filter((b) => b.at > 0 && b.at < end - start);
      const cuts = [start, ...breaks.map((b) => start + b.at), end];
      return breaks.length === 0
        ? [{ kind: "paragraph", start, end, ...(block.list ? { list: block.list } : {}), ...page }]
        : cuts.slice(1).map((to, k) => ({
            kind: "paragraph" as const,
            start: cuts[k]!,
            end: to,
            ...(block.list ? { list: block.list, ...(k > 0 ? { continues: true as const } : {}) } : {}),
            ...(k === 0 ? page : { page: breaks[k - 1]!.page }),
          }));
    }
    const lines = [...(block.header ? [block.header] : []), ...block.rows].map((cells) =>
      // A row without cells is an empty line in the text: one empty cell keeps the lengths adding up.
      cells.length ? cells.map((c) => c.length) : [0],
    );
    return [{ kind: "table", start, end, header: block.header != null, lines, ...page }];
  });
}

const isInt = (x: unknown): x is number => typeof x === "number" && Number.isInteger(x) && x >= 0;

/**
 * The stored outline when it is well formed and fits the text (in order, inside it, tables whose
 * cell lengths add up to their span); null otherwise — documents ingested before outlines were
 * kept, or a row written by something else, fall back to the viewer's reading of the plain text.
 */
export function readOutline({
  metadata,
  textLength,
}: {
  metadata: Record<string, unknown>;
  textLength: number;
}): OutlineBlock[] | null {
  const raw = metadata.outline;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  let last = 0;
  for (const b of raw as Record<string, unknown>[]) {
    if (!b || typeof b !== "object" || !isInt(b.start) || !isInt(b.end)) return null;
    if (b.start < last || b.end < b.start || b.end > textLength) return null;
    if (b.page !== undefined && !isInt(b.page)) return null;
    if (b.continues !== undefined && (b.continues !== true || b.kind !== "paragraph" || !b.list)) return null;
    if (b.kind === "heading") {
      if (!isInt(b.level) || b.level < 1) return null;
    } else if (b.kind === "table") {
      const lines = b.lines;
      if (typeof b.header !== "boolean" || !Array.isArray(lines) || lines.length === 0) return null;
      if (!lines.every((l) => Array.isArray(l) && l.length > 0 && l.every(isInt))) return null;
      const span = (lines as number[][]).reduce(
        (sum, l) => sum + l.reduce((a, c) => a + c, 0) + (l.length - 1) * TABLE_CELL_SEPARATOR.length,
        lines.length - 1,
      );
      if (span !== b.end - b.start) return null;
    } else if (b.kind !== "paragraph") return null;
    last = b.end;
  }
  return raw as OutlineBlock[];
}

/** Each cell of a table block as offsets into the text, line by line. */
export function tableCells(block: Extract<OutlineBlock, { kind: "table" }>): { start: number; end: number }[][] {
  let at = block.start;
  return block.lines.map((lengths) => {
    const cells = lengths.map((len, i) => {
      if (i > 0) at += TABLE_CELL_SEPARATOR.length;
      const cell = { start: at, end: at + len };
      at += len;
      return cell;
    });
    at += 1; // the newline between lines
    return cells;
  });
}
