/**
 * The one document model every parser produces (local parsers and Unstructured alike), so
 * chunking, offsets and citations never depend on where a file came from.
 */
export type Block =
  | { kind: "heading"; level: number; text: string; page?: number }
  /** `list` marks one item of a bulleted or numbered list (its bullet glyph is not part of the text). */
  | { kind: "paragraph"; text: string; page?: number; list?: "bullet" | "ordered" }
  | { kind: "table"; header: string[] | null; rows: string[][]; page?: number };

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
