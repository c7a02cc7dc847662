/**
 * Source of one generated PDF in an evaluation corpus.
 *
 * `body` uses a small line-based markup, richer than binary-sources/ because these PDFs imitate long real
 * company documents rather than short sample files:
 *   "# " / "## " / "### "   headings (kept with the lines that follow them)
 *   "- "                     bullet, one per line, drawn with "•"
 *   "•• a • b • c"           several bullets run together on one line (wrapped as one paragraph)
 *   "1. " ... "12. "          numbered procedure step (the number is kept as written)
 *   "| a | b |"              table row; first row is the header; a "|---|" row is skipped
 *   "=Term= text"            definition: the term in bold, then its meaning on the same line
 *   "@ Job Title"            a role line (bold, body size), normally followed by "- " duties
 *   "> "                     a note, in italics and indented
 *   "[[columns]]" / "[[/columns]]"   the blocks in between are set in two columns
 *   "[[pagebreak]]"          start a new page
 *   "[[contents]]"           a contents page (level 1 and 2 headings with their page numbers) on its own page
 *   blank line = paragraph break (lines of one paragraph are joined with a space)
 * Inside words, "~" marks where the word may be hyphenated at the end of a line; it is never printed.
 */
export interface EvalDocument {
  /** File name inside the corpus folder, ending in .pdf. */
  file: string;
  title: string;
  /** Department and contact, written into the PDF Author field. */
  owner: string;
  subject: string;
  keywords: string[];
  /** e.g. "Version 4.2" — printed in every footer. */
  version: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
  body: string;
}

export interface EvalCorpus {
  /** Folder name under ingest/corpus/evalsets/. */
  name: string;
  company: string;
  documents: EvalDocument[];
}
