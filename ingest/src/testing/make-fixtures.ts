import fs from "node:fs";
import path from "node:path";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";

/** Real files of each format, generated so tests never depend on checked-in binaries. */

export async function makePdf({ pages, title }: { pages: string[][]; title?: string }): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (title) doc.setTitle(title);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    let y = 740;
    for (const line of lines) {
      if (line) page.drawText(line, { x: 50, y, font, size: 11 });
      // An empty line leaves a gap: pdf.js reports it as a paragraph break.
      y -= line ? 16 : 32;
    }
  }
  return doc.save();
}

/**
 * A PDF with a Standard Security Handler dictionary whose user password is not empty: pdf.js
 * must refuse it (PasswordException). Hand-built because pdf-lib cannot encrypt.
 */
export function makeEncryptedPdf(): Uint8Array {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
    "<< /Length 0 >>\nstream\n\nendstream",
    `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <${"a1".repeat(32)}> /U <${"b2".repeat(32)}> >>`,
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 5 0 R /ID [<${"c3".repeat(16)}> <${"c3".repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export async function makeDocx({
  title,
  sections,
}: {
  title: string;
  /** `bullets` and `numbered` follow the paragraphs as Word list paragraphs (numbering definitions, as Word writes them). */
  sections: { heading: string; paragraphs: string[]; bullets?: string[]; numbered?: string[]; table?: string[][] }[];
}): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 })];
  for (const s of sections) {
    children.push(new Paragraph({ text: s.heading, heading: HeadingLevel.HEADING_2 }));
    for (const p of s.paragraphs) children.push(new Paragraph({ children: [new TextRun(p)] }));
    for (const b of s.bullets ?? []) children.push(new Paragraph({ text: b, bullet: { level: 0 } }));
    for (const n of s.numbered ?? [])
      children.push(new Paragraph({ text: n, numbering: { reference: "numbered", level: 0 } }));
    if (s.table) {
      children.push(
        new Table({
          rows: s.table.map(
            (r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) }),
          ),
        }),
      );
    }
  }
  const numbering = {
    config: [
      {
        reference: "numbered",
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }],
      },
    ],
  };
  const doc = new Document({ numbering, sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Writes `{ "a/b.md": "text" | bytes }` under root, creating folders. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}
