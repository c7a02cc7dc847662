/**
 * Tables in chunk text. Ingestion writes every table row as one line with cells joined by
 * " | " (markdown pipes are kept as written) and repeats the header row at the top of each
 * chunk of a long table, so the first line of a run of row lines is its header.
 */
export type TableLine = { text: string; start: number; end: number };
export type TableBlock = { header: TableLine; rows: TableLine[] };

const SEPARATOR = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;

function isRowLine(line: string): boolean {
  const t = line.trim();
  return t.includes(" | ") || (t.startsWith("|") && t.endsWith("|") && t.length > 2);
}

export function isSeparatorLine(line: string): boolean {
  return SEPARATOR.test(line.trim());
}

export function tableBlocks(text: string): TableBlock[] {
  const blocks: TableBlock[] = [];
  let current: TableLine[] = [];
  const close = () => {
    if (current.length >= 2) blocks.push({ header: current[0]!, rows: current.slice(1) });
    current = [];
  };
  let at = 0;
  for (const raw of text.split("\n")) {
    const lineStart = at;
    at += raw.length + 1;
    if (isSeparatorLine(raw) && current.length > 0) continue;
    if (!isRowLine(raw)) {
      close();
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    current.push({ text: trimmed, start: lineStart + lead, end: lineStart + lead + trimmed.length });
  }
  close();
  return blocks;
}

/** Cells of a row line, outer markdown pipes dropped. */
export function tableCells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());
}

/** A markdown table quoting the header and the given rows cell by cell; `cite` goes in the last cell of each row. */
export function markdownTable({ header, rows, cite }: { header: string; rows: string[]; cite: string }): string {
  const head = tableCells(header);
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "/")).join(" | ")} |`;
  return [
    line(head),
    line(head.map(() => "---")),
    ...rows.map((r) => {
      const cells = tableCells(r);
      cells[cells.length - 1] = `${cells[cells.length - 1] ?? ""} ${cite}`.trim();
      return line(cells);
    }),
  ].join("\n");
}
