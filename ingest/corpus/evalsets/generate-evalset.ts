/**
 * Writes the PDFs of the held-out evaluation corpora from the text in ./sources.
 *
 *   cd ingest && npx tsx corpus/evalsets/generate-evalset.ts [--check]
 *
 * The sample corpus generator (../generate-binaries.ts) draws every paragraph full width on plain pages, which is
 * exactly what a parser tuned on it learns to expect. These documents imitate long PDFs exported from a word
 * processor instead: running headers and footers on every page, a contents page, numbered headings in larger bold
 * type, two-column pages, bullets drawn with "•" (some run together on one line), tables drawn as aligned text
 * columns without cell borders, words hyphenated across line breaks, definition lists and role descriptions.
 * Output is byte-for-byte deterministic (fixed metadata dates) so re-running on unchanged sources gives no diff;
 * `--check` regenerates in memory and exits 1 if a committed file differs.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import type { PDFFont, PDFPage } from "pdf-lib";
import { evalCorpora } from "./sources/index";
import type { EvalCorpus, EvalDocument } from "./sources/types";

const HERE = dirname(fileURLToPath(import.meta.url));
const GENERATOR_NAME = "Groundwork evaluation corpus generator";
const FIXED_MODIFICATION = new Date(Date.UTC(2026, 10, 20, 9, 0, 0));

// A4, because the invented companies are British.
const PAGE_WIDTH = 595;
const PAGE_HEIGHT = 842;
const MARGIN_X = 66;
const CONTENT_TOP = PAGE_HEIGHT - 82;
const CONTENT_BOTTOM = 72;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const COLUMN_GAP = 22;
const BODY_SIZE = 10.5;
const BODY_LEADING = 14.6;
const TABLE_SIZE = 9.5;
const TABLE_LEADING = 12.8;
const HEADING_SIZES = { 1: 15, 2: 12, 3: 10.5 } as const;
const INK = rgb(0.1, 0.1, 0.12);
const GREY = rgb(0.42, 0.42, 0.46);

type Block =
  | { kind: "heading"; level: 1 | 2 | 3; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "bullet"; text: string }
  | { kind: "inline-bullets"; items: string[] }
  | { kind: "step"; number: string; text: string }
  | { kind: "definition"; term: string; text: string }
  | { kind: "role"; title: string }
  | { kind: "note"; text: string }
  | { kind: "table"; header: string[]; rows: string[][] }
  | { kind: "columns-start" }
  | { kind: "columns-end" }
  | { kind: "page-break" }
  | { kind: "contents" };

function parseBody({ body }: { body: string }): Block[] {
  const blocks: Block[] = [];
  // Continuation lines are appended to the last open paragraph-like block, so long bullets can be wrapped in source.
  // Held in an object because it is reassigned inside push(), which control-flow narrowing does not follow.
  const state: { open: { text: string } | null } = { open: null };
  let table: string[][] = [];
  const flushTable = () => {
    const [header, ...rows] = table;
    if (header) blocks.push({ kind: "table", header, rows });
    table = [];
  };
  const push = (block: Block) => {
    blocks.push(block);
    state.open = "text" in block && block.kind !== "heading" ? block : null;
  };
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("|")) {
      state.open = null;
      const cells = line
        .replace(/^\|/, "")
        .replace(/\|$/, "")
        .split("|")
        .map((c) => c.trim());
      if (!cells.every((c) => /^:?-{3,}:?$/.test(c))) table.push(cells);
      continue;
    }
    flushTable();
    let m: RegExpExecArray | null;
    if (line === "") state.open = null;
    else if (line === "[[columns]]") push({ kind: "columns-start" });
    else if (line === "[[/columns]]") push({ kind: "columns-end" });
    else if (line === "[[pagebreak]]") push({ kind: "page-break" });
    else if (line === "[[contents]]") push({ kind: "contents" });
    else if ((m = /^(#{1,3}) (.+)$/.exec(line)) && m[1] && m[2])
      push({ kind: "heading", level: m[1].length as 1 | 2 | 3, text: m[2] });
    else if (line.startsWith("•• "))
      push({
        kind: "inline-bullets",
        items: line
          .slice(3)
          .split(" • ")
          .map((s) => s.trim()),
      });
    else if (line.startsWith("- ")) push({ kind: "bullet", text: line.slice(2) });
    else if ((m = /^(\d{1,2}\.) (.+)$/.exec(line)) && m[1] && m[2]) push({ kind: "step", number: m[1], text: m[2] });
    else if ((m = /^=([^=]+)= (.+)$/.exec(line)) && m[1] && m[2]) push({ kind: "definition", term: m[1], text: m[2] });
    else if (line.startsWith("@ ")) push({ kind: "role", title: line.slice(2) });
    else if (line.startsWith("> ")) push({ kind: "note", text: line.slice(2) });
    else if (state.open) state.open.text += ` ${line}`;
    else push({ kind: "paragraph", text: line });
  }
  flushTable();
  return blocks;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

interface Word {
  text: string;
  font: PDFFont;
}

const clean = (s: string) => s.replaceAll("~", "");

function tokens({ text, font }: { text: string; font: PDFFont }): Word[] {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => ({ text: w, font }));
}

/**
 * Greedy word wrap over words that may carry different fonts. A word that does not fit is split at its last "~"
 * hyphenation point that still fits (printed with a hyphen), the way a word processor with hyphenation on does.
 */
function wrapWords({ words, size, width }: { words: Word[]; size: number; width: number }): Word[][] {
  const lines: Word[][] = [];
  let line: Word[] = [];
  let used = 0;
  const space = (font: PDFFont) => font.widthOfTextAtSize(" ", size);
  const queue = [...words];
  while (queue.length > 0) {
    const word = queue.shift() as Word;
    const w = word.font.widthOfTextAtSize(clean(word.text), size);
    const extra = line.length > 0 ? space(word.font) : 0;
    if (used + extra + w <= width || line.length === 0) {
      if (line.length === 0 && w > width && word.text.includes("~")) {
        // Too long even alone: fall through to hyphenation below with an empty line.
      } else {
        line.push({ text: clean(word.text), font: word.font });
        used += extra + w;
        continue;
      }
    }
    const parts = word.text.split("~");
    let placed = false;
    for (let cut = parts.length - 1; cut >= 1; cut--) {
      const head = `${parts.slice(0, cut).join("")}-`;
      const hw = word.font.widthOfTextAtSize(head, size);
      if (used + extra + hw <= width) {
        line.push({ text: head, font: word.font });
        queue.unshift({ text: parts.slice(cut).join("~"), font: word.font });
        placed = true;
        break;
      }
    }
    lines.push(line);
    line = [];
    used = 0;
    if (!placed) queue.unshift(word);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

interface Heading {
  level: number;
  text: string;
  pageIndex: number;
}

/** Flowing layout over one document: a frame is the full text width, or one of two columns. */
class Layout {
  readonly pages: PDFPage[] = [];
  readonly headings: Heading[] = [];
  contentsPage: PDFPage | null = null;
  private page!: PDFPage;
  y = CONTENT_TOP;
  private columns = false;
  private column = 0;
  private columnTop = CONTENT_TOP;
  private leftColumnBottom = CONTENT_TOP;

  constructor(
    private readonly pdf: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = CONTENT_TOP;
    this.column = 0;
    this.columnTop = CONTENT_TOP;
    this.leftColumnBottom = CONTENT_TOP;
  }

  get x(): number {
    return this.columns && this.column === 1 ? MARGIN_X + (CONTENT_WIDTH + COLUMN_GAP) / 2 : MARGIN_X;
  }

  get width(): number {
    return this.columns ? (CONTENT_WIDTH - COLUMN_GAP) / 2 : CONTENT_WIDTH;
  }

  get currentPage(): PDFPage {
    return this.page;
  }

  get pageIndex(): number {
    return this.pages.length - 1;
  }

  /** Moves to the next column or page when fewer than `needed` points are left in the current frame. */
  ensure(needed: number): void {
    if (this.y - needed >= CONTENT_BOTTOM) return;
    if (this.columns && this.column === 0) {
      this.leftColumnBottom = this.y;
      this.column = 1;
      this.y = this.columnTop;
      return;
    }
    const wasColumns = this.columns;
    this.newPage();
    this.columns = wasColumns;
  }

  startColumns(): void {
    this.ensure(BODY_LEADING * 6);
    this.columns = true;
    this.column = 0;
    this.columnTop = this.y;
    this.leftColumnBottom = this.y;
  }

  endColumns(): void {
    if (this.column === 1) this.y = Math.min(this.y, this.leftColumnBottom);
    this.columns = false;
    this.column = 0;
    this.y -= 6;
  }

  breakPage(): void {
    const wasColumns = this.columns;
    this.newPage();
    this.columns = wasColumns;
  }

  drawWords({
    line,
    size,
    x,
    color = INK,
  }: {
    line: Word[];
    size: number;
    x: number;
    color?: ReturnType<typeof rgb>;
  }): void {
    // Consecutive words in one font become one text run, as a word processor would emit them.
    let cursor = x;
    let run: Word[] = [];
    const flush = () => {
      const first = run[0];
      if (!first) return;
      const text = run.map((w) => w.text).join(" ");
      this.page.drawText(text, { x: cursor, y: this.y, size, font: first.font, color });
      cursor += first.font.widthOfTextAtSize(`${text} `, size);
      run = [];
    };
    for (const word of line) {
      if (run[0] && run[0].font !== word.font) flush();
      run.push(word);
    }
    flush();
  }

  /** Wrapped text at an indent; `marker` (a bullet or step number) is drawn in the hanging space of line one. */
  text({
    words,
    size = BODY_SIZE,
    leading = BODY_LEADING,
    indent = 0,
    rightIndent = 0,
    marker,
    gapAfter = 5,
  }: {
    words: Word[];
    size?: number;
    leading?: number;
    indent?: number;
    rightIndent?: number;
    marker?: string;
    gapAfter?: number;
  }): void {
    const lines = wrapWords({ words, size, width: this.width - indent - rightIndent });
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= leading;
      if (i === 0 && marker) {
        this.page.drawText(marker, {
          x: this.x + Math.max(0, indent - 14),
          y: this.y,
          size,
          font: this.fonts.regular,
          color: INK,
        });
      }
      this.drawWords({ line, size, x: this.x + indent });
    });
    this.y -= gapAfter;
  }

  heading({ level, text }: { level: 1 | 2 | 3; text: string }): void {
    const size = HEADING_SIZES[level];
    const lines = wrapWords({ words: tokens({ text, font: this.fonts.bold }), size, width: this.width });
    // Keep a heading with at least four lines of what follows it.
    this.ensure(lines.length * size * 1.3 + (level === 1 ? 14 : 8) + BODY_LEADING * 4);
    const atTop = this.y === CONTENT_TOP || (this.columns && this.y === this.columnTop);
    if (!atTop) this.y -= level === 1 ? 14 : 8;
    this.headings.push({ level, text: clean(text), pageIndex: this.pageIndex });
    for (const line of lines) {
      this.y -= size * 1.3;
      this.drawWords({ line, size, x: this.x, color: level === 1 ? rgb(0.05, 0.2, 0.38) : INK });
    }
    if (level === 1) {
      this.page.drawLine({
        start: { x: this.x, y: this.y - 4 },
        end: { x: this.x + this.width, y: this.y - 4 },
        thickness: 0.6,
        color: rgb(0.05, 0.2, 0.38),
      });
      this.y -= 8;
    }
    this.y -= 4;
  }

  table({ header, rows }: { header: string[]; rows: string[][] }): void {
    const { regular, bold } = this.fonts;
    const count = header.length;
    const pad = 8;
    // Column widths follow the widest cell (capped), so short columns stay narrow and text columns get the room.
    const natural = header.map((h, c) =>
      Math.min(
        230,
        Math.max(
          bold.widthOfTextAtSize(clean(h), TABLE_SIZE),
          ...rows.map((r) => regular.widthOfTextAtSize(clean(r[c] ?? ""), TABLE_SIZE)),
        ) + pad,
      ),
    );
    const total = natural.reduce((a, b) => a + b, 0);
    const widths =
      total <= this.width
        ? natural.map((w, c) => (c === count - 1 ? w + this.width - total : w))
        : natural.map((w) => (w / total) * this.width);
    const drawRow = (cells: string[], font: PDFFont, isHeader: boolean) => {
      const wrapped = header.map((_, c) =>
        wrapWords({ words: tokens({ text: cells[c] ?? "", font }), size: TABLE_SIZE, width: (widths[c] ?? 0) - pad }),
      );
      const height = Math.max(1, ...wrapped.map((l) => l.length)) * TABLE_LEADING + 4;
      if (this.y - height < CONTENT_BOTTOM) {
        this.ensure(height + TABLE_LEADING * 2);
        // A table that continues in a new frame repeats its header row.
        if (!isHeader) drawRow(header, bold, true);
      }
      const top = this.y;
      let x = this.x;
      wrapped.forEach((lines, c) => {
        lines.forEach((line, i) => {
          this.y = top - (i + 1) * TABLE_LEADING;
          this.drawWords({ line, size: TABLE_SIZE, x });
        });
        x += widths[c] ?? 0;
      });
      this.y = top - height;
      if (isHeader) {
        this.page.drawLine({
          start: { x: this.x, y: this.y + 2 },
          end: { x: this.x + this.width, y: this.y + 2 },
          thickness: 0.5,
          color: GREY,
        });
      }
    };
    this.ensure(TABLE_LEADING * 4);
    this.y -= 2;
    this.page.drawLine({
      start: { x: this.x, y: this.y },
      end: { x: this.x + this.width, y: this.y },
      thickness: 0.8,
      color: INK,
    });
    drawRow(header, bold, true);
    for (const row of rows) drawRow(row, regular, false);
    this.page.drawLine({
      start: { x: this.x, y: this.y },
      end: { x: this.x + this.width, y: this.y },
      thickness: 0.8,
      color: INK,
    });
    this.y -= 10;
  }
}

function renderBlocks({ layout, blocks }: { layout: Layout; blocks: Block[] }): void {
  const { regular, bold, italic } = layout.fonts;
  for (const block of blocks) {
    switch (block.kind) {
      case "heading":
        layout.heading(block);
        break;
      case "paragraph":
        layout.text({ words: tokens({ text: block.text, font: regular }) });
        break;
      case "bullet":
        layout.text({ words: tokens({ text: block.text, font: regular }), indent: 18, marker: "•", gapAfter: 2 });
        break;
      case "inline-bullets":
        layout.text({ words: tokens({ text: block.items.map((i) => `• ${i}`).join("   "), font: regular }) });
        break;
      case "step":
        layout.text({
          words: tokens({ text: block.text, font: regular }),
          indent: 22,
          marker: block.number,
          gapAfter: 3,
        });
        break;
      case "definition":
        layout.text({
          words: [...tokens({ text: block.term, font: bold }), ...tokens({ text: block.text, font: regular })],
          gapAfter: 4,
        });
        break;
      case "role":
        layout.ensure(BODY_LEADING * 5);
        layout.y -= 4;
        layout.text({ words: tokens({ text: block.title, font: bold }), gapAfter: 1 });
        break;
      case "note":
        layout.text({ words: tokens({ text: block.text, font: italic }), indent: 14, rightIndent: 14, gapAfter: 6 });
        break;
      case "table":
        layout.table(block);
        break;
      case "columns-start":
        layout.startColumns();
        break;
      case "columns-end":
        layout.endColumns();
        break;
      case "page-break":
        layout.breakPage();
        break;
      case "contents":
        // The contents page is drawn once every heading has found its page.
        layout.breakPage();
        layout.contentsPage = layout.currentPage;
        layout.breakPage();
        break;
    }
  }
}

const longDate = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

async function renderPdf({ corpus, doc }: { corpus: EvalCorpus; doc: EvalDocument }): Promise<Uint8Array> {
  // updateMetadata: false stops pdf-lib stamping its own producer and the current time.
  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
  };
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setAuthor(doc.owner);
  pdf.setSubject(doc.subject);
  pdf.setKeywords(doc.keywords);
  pdf.setCreator(GENERATOR_NAME);
  pdf.setProducer(GENERATOR_NAME);
  pdf.setLanguage("en-GB");
  pdf.setCreationDate(new Date(`${doc.effectiveDate}T09:00:00Z`));
  pdf.setModificationDate(FIXED_MODIFICATION);

  const layout = new Layout(pdf, fonts);
  // Title block on page one.
  layout.text({
    words: tokens({ text: corpus.company.toUpperCase(), font: fonts.bold }),
    size: 9,
    leading: 12,
    gapAfter: 6,
  });
  layout.text({ words: tokens({ text: doc.title, font: fonts.bold }), size: 21, leading: 26, gapAfter: 6 });
  layout.text({
    words: tokens({
      text: `${doc.version} | Effective ${longDate(doc.effectiveDate)} | Owner: ${doc.owner}`,
      font: fonts.regular,
    }),
    size: 8.5,
    leading: 11,
    gapAfter: 14,
  });
  renderBlocks({ layout, blocks: parseBody({ body: doc.body }) });

  const { contentsPage } = layout;
  if (contentsPage) {
    const size = 10;
    let y = CONTENT_TOP - 20;
    contentsPage.drawText("Contents", { x: MARGIN_X, y, size: HEADING_SIZES[1], font: fonts.bold, color: INK });
    y -= 26;
    const entries = layout.headings.filter((h) => h.level <= 2);
    const leading = Math.min(16, (y - CONTENT_BOTTOM) / Math.max(1, entries.length));
    for (const h of entries) {
      const font = h.level === 1 ? fonts.bold : fonts.regular;
      const x = MARGIN_X + (h.level === 1 ? 0 : 18);
      contentsPage.drawText(h.text, { x, y, size, font, color: INK });
      const num = String(h.pageIndex + 1);
      contentsPage.drawText(num, {
        x: MARGIN_X + CONTENT_WIDTH - fonts.regular.widthOfTextAtSize(num, size),
        y,
        size,
        font: fonts.regular,
        color: INK,
      });
      y -= leading;
    }
  }

  const total = layout.pages.length;
  layout.pages.forEach((page, i) => {
    page.drawText(doc.title, { x: MARGIN_X, y: PAGE_HEIGHT - 46, size: 8, font: fonts.regular, color: GREY });
    const right = corpus.company;
    page.drawText(right, {
      x: MARGIN_X + CONTENT_WIDTH - fonts.regular.widthOfTextAtSize(right, 8),
      y: PAGE_HEIGHT - 46,
      size: 8,
      font: fonts.regular,
      color: GREY,
    });
    page.drawLine({
      start: { x: MARGIN_X, y: PAGE_HEIGHT - 52 },
      end: { x: MARGIN_X + CONTENT_WIDTH, y: PAGE_HEIGHT - 52 },
      thickness: 0.4,
      color: GREY,
    });
    page.drawLine({
      start: { x: MARGIN_X, y: 52 },
      end: { x: MARGIN_X + CONTENT_WIDTH, y: 52 },
      thickness: 0.4,
      color: GREY,
    });
    page.drawText(`${doc.version} | ${longDate(doc.effectiveDate)} | Uncontrolled when printed`, {
      x: MARGIN_X,
      y: 40,
      size: 7.5,
      font: fonts.regular,
      color: GREY,
    });
    const pageLabel = `Page ${i + 1} of ${total}`;
    page.drawText(pageLabel, {
      x: MARGIN_X + CONTENT_WIDTH - fonts.regular.widthOfTextAtSize(pageLabel, 7.5),
      y: 40,
      size: 7.5,
      font: fonts.regular,
      color: GREY,
    });
  });
  return pdf.save({ useObjectStreams: false });
}

async function main(): Promise<void> {
  const check = process.argv.includes("--check");
  let differs = false;
  for (const corpus of evalCorpora) {
    for (const doc of corpus.documents) {
      const bytes = await renderPdf({ corpus, doc });
      const target = join(HERE, corpus.name, doc.file);
      if (check) {
        const existing = await readFile(target).catch(() => null);
        if (!existing || Buffer.compare(existing, Buffer.from(bytes)) !== 0) {
          console.error(`differs: ${corpus.name}/${doc.file}`);
          differs = true;
        }
        continue;
      }
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, bytes);
      const pages = (await PDFDocument.load(bytes)).getPageCount();
      console.log(`${corpus.name}/${doc.file}: ${pages} pages`);
    }
  }
  if (differs) process.exit(1);
}

await main();
