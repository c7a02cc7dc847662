import { PDFDocument, StandardFonts } from "pdf-lib";
import type { PDFFont, PDFPage } from "pdf-lib";

export type PdfLineOptions = { text: string; font?: PDFFont; size?: number; x?: number; after?: number };

export type PdfWriter = {
  regular: PDFFont;
  bold: PDFFont;
  pages: PDFPage[];
  /** The current page (the last one added). */
  page: () => PDFPage;
  /** The baseline the next line is drawn on; set it to leave a gap or to draw elsewhere. */
  y: number;
  newPage: () => PDFPage;
  /** Draws one line at the cursor (x 50, size 10 by default) and moves the cursor down by `after` (14). */
  line: (options: PdfLineOptions) => void;
  /** Draws text at a fixed position on the current page without moving the cursor. */
  draw: (options: { text: string; x: number; y: number; font?: PDFFont; size?: number }) => void;
  /** A running header above and "Page n of N" below the text on every page, as a company PDF repeats them. */
  runningLines: (options: { header: string }) => void;
  save: () => Promise<Uint8Array>;
};

/**
 * Lays text out on Letter pages the way our PDF parser tests need it: lines drawn one under the
 * other from a cursor, with their own font, size, indent and gap after, so a test states the layout
 * (hanging indents, page breaks, loose gaps) line by line. Shared so each test file does not carry
 * its own copy of the page bookkeeping.
 */
export async function createPdfWriter({ top = 730 }: { top?: number } = {}): Promise<PdfWriter> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const pages: PDFPage[] = [];
  const writer: PdfWriter = {
    regular,
    bold,
    pages,
    y: top,
    page: () => {
      const page = pages.at(-1);
      if (!page) throw new Error("call newPage() before drawing");
      return page;
    },
    newPage: () => {
      const page = pdf.addPage([612, 792]);
      pages.push(page);
      writer.y = top;
      return page;
    },
    line: ({ text, font = regular, size = 10, x = 50, after = 14 }) => {
      writer.page().drawText(text, { x, y: writer.y, size, font });
      writer.y -= after;
    },
    draw: ({ text, x, y, font = regular, size = 10 }) => writer.page().drawText(text, { x, y, size, font }),
    runningLines: ({ header }) =>
      pages.forEach((p, i) => {
        p.drawText(header, { x: 50, y: 765, size: 8, font: regular });
        p.drawText(`Page ${i + 1} of ${pages.length}`, { x: 500, y: 30, size: 8, font: regular });
      }),
    save: () => pdf.save(),
  };
  return writer;
}
