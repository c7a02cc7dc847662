import type { Block, ParsedDocument } from "../document-model";
import { pageAt } from "../document-model";
import { outlineOf, TABLE_CELL_SEPARATOR, type OutlineBlock } from "./document-outline";
import { SentenceTextSplitter } from "./sentence-text-splitter";

export type ChunkDraft = {
  ordinal: number;
  text: string;
  headings: string[];
  pageFrom: number | null;
  pageTo: number | null;
  /** Offsets into the normalized text, so a viewer highlights exactly this passage. */
  charStart: number;
  charEnd: number;
};

/** `outline`: the blocks' kinds and offsets, kept with the document for the viewer. */
export type ChunkedDocument = { normalizedText: string; chunks: ChunkDraft[]; outline: OutlineBlock[] };

export const CHUNK_TARGET = 1000;
export const CHUNK_OVERLAP = 150;

const tableLine = (cells: string[]) => cells.join(TABLE_CELL_SEPARATOR);

type Placed = {
  block: Block;
  start: number;
  end: number;
  rows?: { start: number; end: number; text: string }[];
  headerLine?: string;
};

/** Blocks → one normalized text (blank line between blocks, one line per table row) with offsets. */
export function layoutBlocks(blocks: Block[]): { text: string; placed: Placed[] } {
  let text = "";
  const placed: Placed[] = [];
  for (const block of blocks) {
    if (text) text += "\n\n";
    const start = text.length;
    if (block.kind === "table") {
      const rows: Placed["rows"] = [];
      const headerLine = block.header ? tableLine(block.header) : undefined;
      if (headerLine) text += headerLine;
      for (const r of block.rows) {
        if (text.length > start) text += "\n";
        const line = tableLine(r);
        rows.push({ start: text.length, end: text.length + line.length, text: line });
        text += line;
      }
      placed.push({ block, start, end: text.length, rows, ...(headerLine ? { headerLine } : {}) });
    } else {
      text += block.text;
      placed.push({ block, start, end: text.length });
    }
  }
  return { text, placed };
}

// Over-long paragraphs go through LangChain's merge (see SentenceTextSplitter for why sentences are its splits).
const splitter = new SentenceTextSplitter({ chunkSize: CHUNK_TARGET, chunkOverlap: CHUNK_OVERLAP });

/**
 * Structure first: a heading closes the running chunk, blocks of one section are packed up to
 * ~1,000 characters (a short section stays whole with its heading), an oversized paragraph is
 * packed from whole sentences with sentence overlap by LangChain's merge, and a table is split
 * only between rows with its header repeated in every piece.
 */
export async function chunkDocument(doc: Pick<ParsedDocument, "blocks">): Promise<ChunkedDocument> {
  const { text: normalizedText, placed } = layoutBlocks(doc.blocks);
  const chunks: ChunkDraft[] = [];
  const trail: { level: number; text: string }[] = [];
  let current: Placed[] = [];

  /** The pages of the text from `from` to `to` in these blocks (a paragraph may run over a page break). */
  const pages = (items: Placed[], from: number, to: number) => {
    const ps: (number | undefined)[] = [];
    for (const { block, start, end } of items) {
      if (end <= from || start >= to) continue;
      if (block.kind !== "paragraph") ps.push(block.page);
      else ps.push(pageAt(block, Math.max(from, start) - start), pageAt(block, Math.min(to, end) - 1 - start));
    }
    const known = ps.filter((p): p is number => typeof p === "number");
    return known.length
      ? { pageFrom: Math.min(...known), pageTo: Math.max(...known) }
      : { pageFrom: null, pageTo: null };
  };
  const push = (c: Omit<ChunkDraft, "ordinal" | "headings">) => {
    if (!c.text.trim()) return;
    chunks.push({ ...c, ordinal: chunks.length, headings: trail.map((t) => t.text) });
  };
  const flush = () => {
    if (current.length === 0) return;
    const start = current[0]!.start;
    const end = current[current.length - 1]!.end;
    push({
      text: normalizedText.slice(start, end),
      charStart: start,
      charEnd: end,
      ...pages(current, start, end),
    });
    current = [];
  };

  for (const p of placed) {
    const block = p.block;
    if (block.kind === "heading") {
      // A heading right after another heading stays with it, so no chunk is a bare title.
      if (current.some((c) => c.block.kind !== "heading")) flush();
      while (trail.length && trail[trail.length - 1]!.level >= block.level) trail.pop();
      // An empty section's heading is not dropped: it leads into the next section's first chunk.
      trail.push({ level: block.level, text: block.text });
      current.push(p);
      continue;
    }
    const size = p.end - p.start;
    if (current.length && p.end - current[0]!.start > CHUNK_TARGET) {
      // Keep the section's heading line(s) attached to their first body block.
      const headingsOnly = current.every((c) => c.block.kind === "heading");
      if (headingsOnly && size <= CHUNK_TARGET) {
        current.push(p);
        flush();
        continue;
      }
      if (!headingsOnly) flush();
    }
    if (size <= CHUNK_TARGET) {
      current.push(p);
      continue;
    }
    // Section headings waiting for body text lead into the first piece of the big block.
    const lead = current.length ? current[0]!.start : null;
    current = [];
    if (block.kind === "table") {
      splitTable(p, normalizedText, push, lead);
    } else {
      (await splitter.splitSpans(block.text)).forEach((piece, index) => {
        const start = index === 0 && lead !== null ? lead : p.start + piece.start;
        const end = p.start + piece.end;
        const own = pages([p], p.start + piece.start, end);
        push({ text: normalizedText.slice(start, end), charStart: start, charEnd: end, ...own });
      });
    }
  }
  flush();
  return { normalizedText, chunks, outline: outlineOf(placed) };
}

function splitTable(
  p: Placed,
  normalizedText: string,
  push: (c: Omit<ChunkDraft, "ordinal" | "headings">) => void,
  lead: number | null,
) {
  const rows = p.rows ?? [];
  const header = p.headerLine;
  const pageProps = p.block.page ? { pageFrom: p.block.page, pageTo: p.block.page } : { pageFrom: null, pageTo: null };
  let group: NonNullable<Placed["rows"]> = [];
  const emit = (first: boolean) => {
    if (!group.length) return;
    // The first piece starts at the header line itself; later ones repeat it above their rows.
    const start = first ? (lead ?? p.start) : group[0]!.start;
    const end = group[group.length - 1]!.end;
    const body = normalizedText.slice(group[0]!.start, end);
    push({
      text: first || !header ? normalizedText.slice(start, end) : `${header}\n${body}`,
      charStart: start,
      charEnd: end,
      ...pageProps,
    });
    group = [];
  };
  let first = true;
  let length = header ? header.length : 0;
  for (const row of rows) {
    if (group.length && length + row.text.length + 1 > CHUNK_TARGET) {
      emit(first);
      first = false;
      length = header ? header.length : 0;
    }
    group.push(row);
    length += row.text.length + 1;
  }
  emit(first);
}
