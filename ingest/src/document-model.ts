/**
 * The one document model every parser produces (local parsers and Unstructured alike), so
 * chunking, offsets and citations never depend on where a file came from.
 */
export type Block =
  | { kind: "heading"; level: number; text: string; page?: number }
  /**
   * `list` marks one item of a bulleted or numbered list (its bullet glyph is not part of the text).
   * `pageBreaks`: a paragraph that runs on over a page break starts on `page`; each break gives the
   * offset into `text` where a later page's text begins, so every character range keeps its page.
   */
  | { kind: "paragraph"; text: string; page?: number; list?: "bullet" | "ordered"; pageBreaks?: PageBreak[] }
  | { kind: "table"; header: string[] | null; rows: string[][]; page?: number };

/** In a paragraph's text, from offset `at` on the text is on page `page`. */
export type PageBreak = { at: number; page: number };

/** The page of the character at `offset` of a block's text (its start page before any break). */
export function pageAt(block: { page?: number; pageBreaks?: PageBreak[] }, offset: number): number | undefined {
  let page = block.page;
  for (const b of block.pageBreaks ?? []) if (b.at <= offset) page = b.page;
  return page;
}

export type DocumentMeta = {
  title?: string;
  effectiveDate?: string;
  owner?: string;
  tags?: string[];
  supersedes?: string;
};

export type ParsedDocument = {
  blocks: Block[];
  meta: DocumentMeta;
  pageCount?: number;
  mime: string;
};

/**
 * A per-file failure: the message is shown in run reports, the run continues. A class of its
 * own, not a GroundworkError code, because callers branch on "this file is bad" versus "the run
 * broke" with instanceof (zip-budget rethrows it, the parse worker flags it across the thread
 * boundary, run reports show its message verbatim) — a GroundworkError from a dependency (the
 * database, a model) that surfaces during one file must not pass as the file's own fault.
 */
export class FileError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "FileError";
  }
}
