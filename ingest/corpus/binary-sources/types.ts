/**
 * Source of one generated PDF or DOCX in the Quillfeather sample corpus.
 *
 * `body` uses a deliberately tiny markup so the same text renders to both formats:
 *   "# " heading 1, "## " heading 2, "### " heading 3, "- " bullet,
 *   "| a | b |" table rows (first row is the header; a "|---|" row is skipped),
 *   blank line = paragraph break (lines of one paragraph are joined with a space).
 */
export interface BinaryDocument {
  /** Path relative to ingest/corpus/quillfeather, ending in .pdf or .docx. */
  path: string;
  title: string;
  owner: string;
  /** YYYY-MM-DD; also written into the document metadata. */
  effectiveDate: string;
  subject: string;
  keywords: string[];
  body: string;
}
