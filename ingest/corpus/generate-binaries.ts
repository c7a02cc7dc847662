/**
 * Writes the PDF and DOCX files of the Quillfeather sample corpus from the text in ./binary-sources.
 *
 *   pnpm --filter @groundwork/ingest exec tsx corpus/generate-binaries.ts [--check]
 *
 * The generated files are committed, so `npm start` never needs this script. Output is byte-for-byte
 * deterministic (fixed metadata dates, frozen clock while packing DOCX) so re-running it on an unchanged
 * source produces no diff and no re-ingestion. `--check` regenerates in memory and exits 1 if any committed
 * file differs.
 */
import { readFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDict, PDFDocument, PDFName, PDFString, StandardFonts, rgb } from "pdf-lib";
import type { PDFFont, PDFPage } from "pdf-lib";
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { binaryDocuments } from "./binary-sources/index";
import type { BinaryDocument } from "./binary-sources/types";

// JSZip stores entry times in local time; pinning the zone keeps DOCX bytes identical on every machine.
// eslint-disable-next-line no-restricted-properties -- a generator program pinning its own process, not configuration
process.env.TZ = "UTC";

const CORPUS_ROOT = join(dirname(fileURLToPath(import.meta.url)), "quillfeather");
const GENERATOR_NAME = "Quillfeather corpus generator";
// Every timestamp the libraries would otherwise take from the clock.
const FIXED_TIME_MS = Date.UTC(2026, 10, 20, 9, 0, 0);

type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "bullet"; text: string }
  | { kind: "table"; header: string[]; rows: string[][] };

function parseBody({ body }: { body: string }): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let table: string[][] = [];
  const flushParagraph = () => {
    if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
    paragraph = [];
  };
  const flushTable = () => {
    const [header, ...rows] = table;
    if (header) blocks.push({ kind: "table", header, rows });
    table = [];
  };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("|")) {
      flushParagraph();
      const cells = line
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((c) => c.trim());
      if (!cells.every((c) => /^:?-{3,}:?$/.test(c))) table.push(cells);
      continue;
    }
    flushTable();
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (heading?.[1] && heading[2]) {
      flushParagraph();
      blocks.push({ kind: "heading", level: heading[1].length as 1 | 2 | 3, text: heading[2] });
    } else if (line.startsWith("- ")) {
      flushParagraph();
      blocks.push({ kind: "bullet", text: line.slice(2) });
    } else if (line === "") {
      flushParagraph();
    } else {
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushTable();
  return blocks;
}

// ---------------------------------------------------------------------------------------------- PDF

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 64;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;
const BODY_SIZE = 10.5;
const TABLE_SIZE = 9;
const HEADING_SIZES = { 1: 17, 2: 13, 3: 11.5 } as const;

function wrapText({ text, font, size, width }: { text: string; font: PDFFont; size: number; width: number }): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || current === "") {
      current = candidate;
    } else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [""];
}

async function renderPdf({ doc }: { doc: BinaryDocument }): Promise<Uint8Array> {
  // updateMetadata: false stops pdf-lib stamping its own producer and the current time.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const fixedDate = new Date(FIXED_TIME_MS);
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.owner);
  pdf.setSubject(doc.subject);
  pdf.setKeywords(doc.keywords);
  pdf.setCreator(GENERATOR_NAME);
  pdf.setProducer(GENERATOR_NAME);
  pdf.setLanguage("en");
  pdf.setCreationDate(new Date(`${doc.effectiveDate}T09:00:00Z`));
  pdf.setModificationDate(fixedDate);
  // pdf-lib has no setter for custom Info keys; the Info dictionary is reachable through the trailer.
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of("EffectiveDate"), PDFString.of(doc.effectiveDate));
  info.set(PDFName.of("Owner"), PDFString.of(doc.owner));

  let page: PDFPage = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  let y = PAGE_HEIGHT - MARGIN;
  const ensureSpace = (needed: number) => {
    if (y - needed < MARGIN + 20) {
      page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
      y = PAGE_HEIGHT - MARGIN;
    }
  };
  const drawLines = ({
    lines,
    font,
    size,
    x = MARGIN,
    gap = 4,
  }: {
    lines: string[];
    font: PDFFont;
    size: number;
    x?: number;
    gap?: number;
  }) => {
    const leading = size * 1.35;
    for (const line of lines) {
      ensureSpace(leading);
      y -= leading;
      page.drawText(line, { x, y, size, font, color: rgb(0.1, 0.1, 0.12) });
    }
    y -= gap;
  };

  drawLines({
    lines: [`Effective date: ${doc.effectiveDate}`, `Owner: ${doc.owner}`],
    font: regular,
    size: 8.5,
    gap: 10,
  });

  for (const block of parseBody({ body: doc.body })) {
    if (block.kind === "heading") {
      const size = HEADING_SIZES[block.level];
      const lines = wrapText({ text: block.text, font: bold, size, width: CONTENT_WIDTH });
      // Keep a heading together with at least three lines of what follows it.
      ensureSpace(lines.length * size * 1.35 + BODY_SIZE * 4 + 8);
      y -= block.level === 1 ? 4 : 8;
      drawLines({ lines, font: bold, size, gap: 6 });
    } else if (block.kind === "paragraph") {
      drawLines({
        lines: wrapText({ text: block.text, font: regular, size: BODY_SIZE, width: CONTENT_WIDTH }),
        font: regular,
        size: BODY_SIZE,
      });
    } else if (block.kind === "bullet") {
      const lines = wrapText({ text: block.text, font: regular, size: BODY_SIZE, width: CONTENT_WIDTH - 16 });
      ensureSpace(BODY_SIZE * 1.35);
      page.drawText("-", { x: MARGIN + 4, y: y - BODY_SIZE * 1.35, size: BODY_SIZE, font: regular });
      drawLines({ lines, font: regular, size: BODY_SIZE, x: MARGIN + 16, gap: 2 });
    } else {
      y = drawPdfTable({ pdf, page: () => page, setPage: (p) => (page = p), y, block, regular, bold });
      y -= 8;
    }
  }

  const pages = pdf.getPages();
  pages.forEach((p, i) => {
    const footer = `Quillfeather Labs - ${doc.title} - Page ${i + 1} of ${pages.length}`;
    p.drawText(footer, { x: MARGIN, y: MARGIN / 2, size: 7.5, font: regular, color: rgb(0.4, 0.4, 0.45) });
  });
  return pdf.save({ useObjectStreams: false });
}

function drawPdfTable({
  pdf,
  page,
  setPage,
  y: startY,
  block,
  regular,
  bold,
}: {
  pdf: PDFDocument;
  page: () => PDFPage;
  setPage: (p: PDFPage) => void;
  y: number;
  block: Extract<Block, { kind: "table" }>;
  regular: PDFFont;
  bold: PDFFont;
}): number {
  const columns = block.header.length;
  // Column widths follow the longest cell of each column, with a floor so short columns stay readable.
  const weights = block.header.map((h, c) =>
    Math.max(6, Math.min(60, Math.max(h.length, ...block.rows.map((r) => (r[c] ?? "").length)))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * CONTENT_WIDTH);
  const pad = 3;
  const leading = TABLE_SIZE * 1.3;
  let y = startY;
  const drawRow = (cells: string[], font: PDFFont) => {
    const wrapped = Array.from({ length: columns }, (_, c) =>
      wrapText({ text: cells[c] ?? "", font, size: TABLE_SIZE, width: (widths[c] ?? 0) - 2 * pad }),
    );
    const height = Math.max(...wrapped.map((l) => l.length)) * leading + 2 * pad;
    if (y - height < MARGIN + 20) {
      setPage(pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]));
      y = PAGE_HEIGHT - MARGIN;
      // A table that continues on a new page repeats its header row.
      if (font === regular) drawRow(block.header, bold);
    }
    let x = MARGIN;
    wrapped.forEach((lines, c) => {
      const w = widths[c] ?? 0;
      page().drawRectangle({ x, y: y - height, width: w, height, borderColor: rgb(0.6, 0.6, 0.65), borderWidth: 0.5 });
      lines.forEach((line, i) => {
        page().drawText(line, { x: x + pad, y: y - pad - (i + 1) * leading + 2, size: TABLE_SIZE, font });
      });
      x += w;
    });
    y -= height;
  };
  drawRow(block.header, bold);
  for (const row of block.rows) drawRow(row, regular);
  return y;
}

// --------------------------------------------------------------------------------------------- DOCX

const HEADING_LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function docxTable({ block }: { block: Extract<Block, { kind: "table" }> }): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: "999999" };
  const cell = (text: string, header: boolean) =>
    new TableCell({
      children: [new Paragraph({ children: [new TextRun({ text, bold: header })] })],
      borders: { top: border, bottom: border, left: border, right: border },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: block.header.map((h) => cell(h, true)) }),
      ...block.rows.map((r) => new TableRow({ children: block.header.map((_, c) => cell(r[c] ?? "", false)) })),
    ],
  });
}

async function renderDocx({ doc }: { doc: BinaryDocument }): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      children: [
        new TextRun({ text: `Effective date: ${doc.effectiveDate} | Owner: ${doc.owner}`, size: 18, color: "555555" }),
      ],
    }),
  ];
  for (const block of parseBody({ body: doc.body })) {
    if (block.kind === "heading")
      children.push(new Paragraph({ text: block.text, heading: HEADING_LEVELS[block.level] }));
    else if (block.kind === "paragraph") children.push(new Paragraph({ text: block.text, spacing: { after: 120 } }));
    else if (block.kind === "bullet") children.push(new Paragraph({ text: block.text, bullet: { level: 0 } }));
    else {
      children.push(docxTable({ block }));
      children.push(new Paragraph({ text: "" }));
    }
  }
  // Built inside the frozen clock too: docx reads the time for core.xml when the Document is constructed.
  return withFrozenClock(() => {
    const document = new Document({
      title: doc.title,
      subject: doc.subject,
      creator: doc.owner,
      lastModifiedBy: GENERATOR_NAME,
      keywords: doc.keywords.join(", "),
      description: `${doc.title} (effective ${doc.effectiveDate})`,
      revision: 1,
      customProperties: [
        { name: "effective_date", value: doc.effectiveDate },
        { name: "owner", value: doc.owner },
      ],
      sections: [
        {
          footers: {
            default: new Footer({
              children: [
                new Paragraph({
                  alignment: AlignmentType.CENTER,
                  children: [
                    new TextRun({ children: [`Quillfeather Labs - ${doc.title} - Page `, PageNumber.CURRENT] }),
                  ],
                }),
              ],
            }),
          },
          children,
        },
      ],
    });
    return Packer.toBuffer(document);
  });
}

/**
 * docx writes the current time into docProps/core.xml and JSZip into every zip entry header; freezing the
 * clock while building and packing is the only way to get identical bytes on every run.
 */
async function withFrozenClock<T>(fn: () => Promise<T>): Promise<T> {
  const RealDate = globalThis.Date;
  class FrozenDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(FIXED_TIME_MS);
      else super(...(args as [string | number | Date]));
    }
    static override now(): number {
      return FIXED_TIME_MS;
    }
  }
  globalThis.Date = FrozenDate as DateConstructor;
  try {
    return await fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

// --------------------------------------------------------------------------------------------- main

async function main({ check }: { check: boolean }): Promise<void> {
  const paths = new Set<string>();
  let differing = 0;
  for (const doc of binaryDocuments) {
    if (paths.has(doc.path)) throw new Error(`duplicate path ${doc.path}`);
    paths.add(doc.path);
    const bytes = doc.path.endsWith(".pdf")
      ? await renderPdf({ doc })
      : doc.path.endsWith(".docx")
        ? await renderDocx({ doc })
        : null;
    if (!bytes) throw new Error(`${doc.path}: only .pdf and .docx are generated`);
    const target = join(CORPUS_ROOT, doc.path);
    if (check) {
      const existing = await readFile(target).catch(() => null);
      if (!existing || !Buffer.from(bytes).equals(existing)) {
        differing += 1;
        console.log(`differs: ${doc.path}`);
      }
      continue;
    }
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
    console.log(`wrote ${doc.path} (${bytes.length} bytes)`);
  }
  if (check) {
    console.log(differing === 0 ? `all ${paths.size} generated files are up to date` : `${differing} file(s) differ`);
    if (differing > 0) process.exitCode = 1;
  }
}

await main({ check: process.argv.includes("--check") });
