import { extractText, getDocumentProxy } from "unpdf";
import { cleanText } from "../clean-text";
import type { Block, ParsedDocument } from "../document-model";
import { FileError } from "../document-model";

/**
 * PDF text per page (pdf.js via unpdf). Paragraphs are split on blank lines within a page so
 * every block keeps its page number for citations.
 */
export async function parsePdf({ bytes, maxPages }: { bytes: Uint8Array; maxPages: number }): Promise<ParsedDocument> {
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js detaches the buffer it is given; hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "PasswordException") throw new FileError("encrypted PDF — a password is required", { cause: error });
    throw new FileError(`corrupt PDF: ${(error as Error).message}`, { cause: error });
  }
  try {
    if (pdf.numPages > maxPages) throw new FileError(`too many pages: ${pdf.numPages} (limit ${maxPages})`);
    const info = await pdf.getMetadata().catch(() => null);
    const { text } = await extractText(pdf, { mergePages: false });
    const blocks: Block[] = [];
    text.forEach((pageText, index) => {
      for (const para of cleanText(pageText).split(/\n\s*\n/)) {
        const t = para.replace(/\s+/g, " ").trim();
        if (t) blocks.push({ kind: "paragraph", text: t, page: index + 1 });
      }
    });
    if (blocks.length === 0) throw new FileError("PDF has no extractable text (scanned? set UNSTRUCTURED_API_URL for OCR)");
    const rawTitle = (info?.info as { Title?: unknown } | undefined)?.Title;
    const title = typeof rawTitle === "string" && rawTitle.trim() ? rawTitle.trim() : undefined;
    return { blocks, meta: title ? { title } : {}, pageCount: pdf.numPages, mime: "application/pdf" };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
