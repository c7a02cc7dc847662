import { getDocumentProxy } from "unpdf";
import type { Block, ParsedDocument } from "../document-model";
import { FileError } from "../document-model";
import { linesToBlocks } from "./pdf/lines-to-blocks";
import { orderPage } from "./pdf/reading-order";
import type { PageRows } from "./pdf/running-lines";
import { dropRunningRows } from "./pdf/running-lines";
import type { PdfLine } from "./pdf/text-lines";
import { buildRows, readItems, turnBack } from "./pdf/text-lines";

/**
 * PDF → blocks from pdf.js text items and their positions (via unpdf): lines rebuilt from
 * baselines, running headers/footers dropped, two-column pages read column by column, then
 * headings (size, weight, numbering), list items, tables and paragraphs. Every block keeps the
 * page it starts on, for citations.
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
    const pages: PageRows[] = [];
    const rotated: PageRows[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items = readItems(content.items);
      // The page box in the same turned-back coordinates as the text, for the margin test.
      const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.view;
      const ys = [
        turnBack({ x: x0, y: y0, quarterTurns: items.quarterTurns }).y,
        turnBack({ x: x1, y: y1, quarterTurns: items.quarterTurns }).y,
      ];
      const box = { page: n, height: Math.abs(ys[1]! - ys[0]!), bottom: Math.min(...ys) };
      pages.push({ ...box, rows: buildRows(items.flat) });
      rotated.push({ ...box, rows: items.rotated.map((it) => buildRows([it])[0]!) });
      page.cleanup();
    }
    const kept = dropRunningRows(pages);
    const keptRotated = dropRunningRows(rotated, { anyHeight: true });
    const lines: PdfLine[] = kept.flatMap((p, index) => [
      ...orderPage({ rows: p.rows, page: p.page }),
      // Margin notes and stamps: read after the page body rather than wedged between its lines.
      ...orderPage({ rows: keptRotated[index]!.rows, page: p.page }).map((l) => ({ ...l, column: -1 })),
    ]);
    const blocks: Block[] = linesToBlocks({ lines });
    if (blocks.length === 0)
      throw new FileError("PDF has no extractable text (scanned? set UNSTRUCTURED_API_URL for OCR)");
    const rawTitle = info?.info && "Title" in info.info ? info.info.Title : undefined;
    const title = typeof rawTitle === "string" && rawTitle.trim() ? rawTitle.trim() : undefined;
    return { blocks, meta: title ? { title } : {}, pageCount: pdf.numPages, mime: "application/pdf" };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
