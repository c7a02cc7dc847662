import { describe, expect, it } from "vitest";
import { chunkDocument } from "../prepare/chunk-document";
import type { Block } from "../document-model";
import { createPdfWriter, type PdfLineOptions } from "../testing/pdf-writer";
import { parsePdf } from "./parse-pdf";

/**
 * A handbook laid out like a real company PDF: running header and footer with page numbers, sized
 * and bold numbered headings, bullets one per line and inline, a hyphenated line break, a table,
 * and a two-column page under a full-width heading.
 */
async function makeHandbook(): Promise<Uint8Array> {
  const w = await createPdfWriter();
  const { bold } = w;
  const line = (text: string, options: Omit<PdfLineOptions, "text"> = {}) => w.line({ text, ...options });
  w.newPage();
  line("Employee Handbook", { font: bold, size: 20, after: 30 });
  line("1. Leave", { font: bold, size: 14, after: 20 });
  line("Requests for leave are checked by the com-");
  line("prehensive review team within five working days.", { after: 22 });
  line("• Annual leave is 25 days per calendar year.");
  line("• Sick leave beyond three days needs a doctor's note.", { after: 22 });
  line("Other options: • Remote work • Flexible hours • Compressed weeks", { after: 22 });
  line("1.1 Carry-over", { font: bold, after: 16 });
  line("Up to five unused days carry over to the next year.", { after: 26 });
  line("2. Allowances", { font: bold, size: 14, after: 20 });
  const table = [
    ["Item", "Limit", "Approver"],
    ["Meals", "50 EUR per day", "Line manager"],
    ["Hotel", "180 EUR per night", "Director"],
    ["Taxi", "40 EUR per ride", "Line manager"],
  ];
  for (const [r, cells] of table.entries()) {
    cells.forEach((text, k) => w.draw({ text, x: 50 + k * 170, y: w.y, ...(r === 0 ? { font: bold } : {}) }));
    w.y -= 16;
  }
  w.newPage();
  line("3. Remote work", { font: bold, size: 14, after: 22 });
  const top = w.y;
  // Drawn row by row across both columns, so the content stream order is not the reading order.
  for (let i = 1; i <= 14; i++) {
    w.draw({ text: `Left column sentence ${i} of the remote policy.`, x: 50, y: top - (i - 1) * 14 });
    w.draw({ text: `Right column sentence ${i} on home office kit.`, x: 320, y: top - (i - 1) * 14 });
  }
  w.newPage();
  line("4. Contacts", { font: bold, size: 14, after: 20 });
  line("Questions about this handbook go to the People Team.");
  w.runningLines({ header: "Acme Corp - Employee Handbook - Confidential" });
  return w.save();
}

const texts = (blocks: Block[]) =>
  blocks.map((b) => (b.kind === "table" ? [b.header ?? [], ...b.rows].map((r) => r.join(" | ")).join("\n") : b.text));

describe("parsePdf layout", async () => {
  const doc = await parsePdf({ bytes: await makeHandbook(), maxPages: 10 });
  const blocks = doc.blocks;

  it("finds headings by size, weight and numbering, with levels", () => {
    expect(
      blocks.filter((b) => b.kind === "heading").map((b) => b.kind === "heading" && [b.text, b.level, b.page]),
    ).toEqual([
      ["Employee Handbook", 1, 1],
      ["1. Leave", 2, 1],
      ["1.1 Carry-over", 3, 1],
      ["2. Allowances", 2, 1],
      ["3. Remote work", 2, 2],
      ["4. Contacts", 2, 3],
    ]);
  });

  it("drops the running header and footer, page numbers included", () => {
    const all = texts(blocks).join("\n");
    expect(all).not.toMatch(/Acme Corp|Page \d of 3/);
    expect(doc.pageCount).toBe(3);
  });

  it("repairs the hyphenated line break and joins the paragraph's lines", () => {
    expect(texts(blocks)).toContain(
      "Requests for leave are checked by the comprehensive review team within five working days.",
    );
  });

  it("makes list items of bullets, one per line and inline", () => {
    const items = blocks
      .filter((b) => b.kind === "paragraph" && b.list === "bullet")
      .map((b) => b.kind === "paragraph" && b.text);
    expect(items).toEqual([
      "Annual leave is 25 days per calendar year.",
      "Sick leave beyond three days needs a doctor's note.",
      "Remote work",
      "Flexible hours",
      "Compressed weeks",
    ]);
    expect(texts(blocks)).toContain("Other options:");
  });

  it("keeps the table as rows of cells", () => {
    const table = blocks.find((b) => b.kind === "table");
    expect(table).toEqual({
      kind: "table",
      header: ["Item", "Limit", "Approver"],
      rows: [
        ["Meals", "50 EUR per day", "Line manager"],
        ["Hotel", "180 EUR per night", "Director"],
        ["Taxi", "40 EUR per ride", "Line manager"],
      ],
      page: 1,
    });
  });

  it("reads the left column fully before the right one, under the full-width heading", () => {
    const page2 = texts(blocks.filter((b) => b.page === 2)).join(" ");
    expect(page2.startsWith("3. Remote work")).toBe(true);
    const lastLeft = page2.indexOf("Left column sentence 14");
    const firstRight = page2.indexOf("Right column sentence 1 ");
    expect(lastLeft).toBeGreaterThan(0);
    expect(firstRight).toBeGreaterThan(lastLeft);
    expect(page2).not.toMatch(/policy\. Right column sentence 1 on home office kit\. Left/);
  });

  it("feeds headings into chunk breadcrumbs and keeps pages on chunks", async () => {
    const { chunks } = await chunkDocument(doc);
    const tableChunk = chunks.find((c) => c.text.includes("Hotel | 180 EUR per night | Director"));
    expect(tableChunk).toMatchObject({ headings: ["Employee Handbook", "2. Allowances"], pageFrom: 1, pageTo: 1 });
    const remote = chunks.find((c) => c.text.includes("Right column sentence 3"));
    expect(remote).toMatchObject({ headings: ["Employee Handbook", "3. Remote work"], pageFrom: 2, pageTo: 2 });
    const carry = chunks.find((c) => c.text.includes("Up to five unused days"));
    expect(carry?.headings).toEqual(["Employee Handbook", "1. Leave", "1.1 Carry-over"]);
  });
});

/**
 * Layouts that garbled our own evaluation PDFs, each drawn row by row across the page so content
 * order is no help: a two-column section under full-width text and a narrow table, with a short
 * second column whose baselines sit a few points off the first column's; inline bullet lists with a
 * doubled marker and one broken by a paragraph gap; a sentence broken by a loose line gap.
 */
async function makeLayouts(): Promise<Uint8Array> {
  const w = await createPdfWriter();
  const { bold } = w;
  w.newPage();
  const draw = (text: string, x: number, y: number, { font = w.regular, size = 10.5 } = {}) =>
    w.draw({ text, x, y, font, size });
  draw("8. Cards and events", 66, 740, { font: bold, size: 15 });
  const intro = [
    "Every employee who spends money for the company follows this procedure, whether they buy",
    "goods for a depot, travel to a customer or pay for a team event. Finance checks every claim",
    "against the limits below before it is paid.",
  ];
  intro.forEach((t, k) => draw(t, 66, 714 - k * 14.6));
  const table = [
    ["You pay", "We add", "Total"],
    ["4%", "5%", "9%"],
    ["5%", "6%", "11%"],
    ["6%", "7%", "13%"],
  ];
  table.forEach((cells, r) =>
    cells.forEach((c, k) => draw(c, 66 + k * 75, 660 - r * 16.8, { font: r === 0 ? bold : w.regular, size: 9.5 })),
  );
  const top = 560;
  draw("8.1 Company credit cards", 66, top + 18.6, { font: bold, size: 12 });
  draw("8.4 Team events", 309, top + 18.6, { font: bold, size: 12 });
  const left = [
    "Company credit cards are issued to",
    "employees who travel often or who buy",
    "regularly for their team. The standard",
    "limit is 3,000 per month.",
    "Use the card for business purchases",
    "only. Personal use, even if you pay it",
    "back, is a disciplinary matter for the",
    "line manager to take up at once.",
  ];
  // The left column's paragraph gap shifts its later lines; the right column's keep their own step.
  left.forEach((t, k) => draw(t, 66, top - k * 14.6 - (k >= 4 ? 6 : 0)));
  const right = [
    "Each department has a team event",
    "budget of 40 per person per year,",
    "approved by the department head.",
    "Alcohol bought within this budget is",
    "allowed at events, up to a third of it.",
  ];
  right.forEach((t, k) => draw(t, 309, top - 4 - k * 14.6));
  w.y = 400;
  const line = (text: string, after = 14.6) => w.line({ text, x: 66, size: 10.5, after });
  line("Things you must not do on shift: •• Use a personal phone in an operational area • Wear jewellery", 14.6);
  line("in the warehouse • Smoke outside the marked shelters", 25);
  line("Other items depend on the task: • Gloves when handling pallets • Hard hat in the aisles •", 20);
  line("Hearing protection near the baler • Safety glasses when charging batteries", 25);
  line("Charge forklift batteries only in the charging area, which must be", 20);
  line("kept clear of stored goods and checked by the shift supervisor.", 25);
  line("No smoking or naked flames within five metres of the chargers.");
  return w.save();
}

describe("parsePdf layouts seen in company PDFs", async () => {
  const blocks = (await parsePdf({ bytes: await makeLayouts(), maxPages: 10 })).blocks;
  const all = texts(blocks);

  it("finds the gutter under full-width text and a narrow table, beside a short second column", () => {
    expect(all).toContain(
      "Company credit cards are issued to employees who travel often or who buy regularly for their team. The standard limit is 3,000 per month.",
    );
    const headings = blocks.filter((b) => b.kind === "heading").map((b) => b.kind === "heading" && b.text);
    expect(headings).toEqual(["8. Cards and events", "8.1 Company credit cards", "8.4 Team events"]);
    expect(blocks.find((b) => b.kind === "table")).toMatchObject({
      header: ["You pay", "We add", "Total"],
      rows: [
        ["4%", "5%", "9%"],
        ["5%", "6%", "11%"],
        ["6%", "7%", "13%"],
      ],
    });
    // The left column is read to its end before the right one starts.
    const joined = all.join(" ");
    expect(joined.indexOf("line manager to take up at once.")).toBeLessThan(joined.indexOf("8.4 Team events"));
  });

  it("keeps each column's own baselines, so an offset second column stays one paragraph", () => {
    expect(all).toContain(
      "Each department has a team event budget of 40 per person per year, approved by the department head. Alcohol bought within this budget is allowed at events, up to a third of it.",
    );
  });

  it("splits inline bullets with a doubled marker or broken by a paragraph gap", () => {
    const items = blocks
      .filter((b) => b.kind === "paragraph" && b.list === "bullet")
      .map((b) => b.kind === "paragraph" && b.text);
    expect(items).toEqual([
      "Use a personal phone in an operational area",
      "Wear jewellery in the warehouse",
      "Smoke outside the marked shelters",
      "Gloves when handling pallets",
      "Hard hat in the aisles",
      "Hearing protection near the baler",
      "Safety glasses when charging batteries",
    ]);
    expect(all).toContain("Things you must not do on shift:");
  });

  it("joins a sentence across a loose line gap but not a paragraph that starts afresh", () => {
    expect(all).toContain(
      "Charge forklift batteries only in the charging area, which must be kept clear of stored goods and checked by the shift supervisor.",
    );
    expect(all).toContain("No smoking or naked flames within five metres of the chargers.");
  });
});

/** Words → lines of at most `width` characters, as a typesetter wraps a paragraph. */
const wrap = (text: string, width: number) =>
  text.split(" ").reduce<string[]>((out, w) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.length + 1 + w.length <= width) out[out.length - 1] = `${last} ${w}`;
    else out.push(w);
    return out;
  }, []);

/**
 * Paragraphs cut by page breaks, under a running header and footer: one continues on the next page
 * in lower case, a long one (several chunks) continues with a capitalised name after a full line,
 * and a page that ends on a finished sentence is followed by a fresh paragraph.
 */
async function makePageBreaks(): Promise<Uint8Array> {
  const w = await createPdfWriter();
  const { bold } = w;
  const line = (text: string, options: Omit<PdfLineOptions, "text" | "x"> = {}) => w.line({ text, ...options });
  const filler = (n: number, topic: string) =>
    Array.from(
      { length: n },
      (_, k) => `Rule ${k + 1} of the ${topic} section applies to every employee on every site.`,
    ).join(" ");
  w.newPage();
  line("Expenses Guide", { font: bold, size: 18, after: 28 });
  line("1. Approval", { font: bold, size: 13, after: 20 });
  // Fill page 1 so the claim paragraph ends at the foot of the page.
  for (const l of wrap(filler(24, "approval"), 95)) line(l);
  w.y -= 8;
  const claim = wrap(`${filler(2, "claims")} A claim of more than 500 EUR must be approved by the`, 95);
  for (const l of claim) line(l);
  w.newPage();
  line("finance director before it is paid, and a claim above 5,000 EUR also by the board.", { after: 22 });
  line("2. Travel", { font: bold, size: 13, after: 20 });
  for (const l of wrap(filler(16, "travel"), 95)) line(l);
  w.y -= 8;
  // A long paragraph: its last full line on page 2 ends mid-sentence, page 3 goes on with a name.
  const long = wrap(
    `${filler(13, "booking")} Flights, hotels and trains for business trips are booked only through the approved corporate travel agency`,
    95,
  );
  if (long[long.length - 1]!.length < 88) throw new Error("the line before the page break must be a full one");
  for (const l of long) line(l);
  w.newPage();
  const rest = wrap(
    `Northwind Travel, whose desk answers on weekdays from 8:00 to 18:00. ${filler(18, "agency")} The agency sends every invoice to accounts payable.`,
    95,
  );
  for (const l of rest) line(l);
  w.y -= 8;
  line("Refunds for cancelled trips are claimed within 30 days of the cancellation.", { after: 22 });
  w.runningLines({ header: "Acme Corp - Expenses Guide - Internal" });
  if (w.y < 60) throw new Error("the test layout overflows page 3");
  return w.save();
}

describe("parsePdf paragraphs over page breaks", async () => {
  const doc = await parsePdf({ bytes: await makePageBreaks(), maxPages: 10 });
  const blocks = doc.blocks;
  const all = texts(blocks);
  const { normalizedText, chunks, outline } = await chunkDocument(doc);

  it("joins a sentence the page break cut, continued in lower case", () => {
    const claim = blocks.find((b) => b.kind === "paragraph" && b.text.includes("A claim of more than 500 EUR"));
    expect(claim?.kind === "paragraph" && claim.text).toMatch(
      /must be approved by the finance director before it is paid, and a claim above 5,000 EUR also by the board\.$/,
    );
    expect(claim).toMatchObject({ page: 1 });
    expect(all.join("\n")).not.toMatch(/Acme Corp|Page \d of 3/);
  });

  it("joins a full last line to a capitalised continuation in the same font", () => {
    expect(all.join("\n")).toContain(
      "through the approved corporate travel agency Northwind Travel, whose desk answers",
    );
  });

  it("keeps a paragraph that starts afresh on the next page apart", () => {
    expect(all).toContain("Refunds for cancelled trips are claimed within 30 days of the cancellation.");
    expect(all.some((t) => t.startsWith("2. Travel"))).toBe(true);
  });

  it("gives each chunk and outline part the pages of its own text", () => {
    const chunkOf = (s: string) => chunks.find((c) => c.text.includes(s));
    // The cut sentence is one chunk over both pages.
    expect(chunkOf("approved by the finance director")).toMatchObject({ pageFrom: 1, pageTo: 2 });
    // The long paragraph is split into chunks: each piece cites only the pages it covers.
    const first = chunkOf("Rule 1 of the booking section");
    const last = chunkOf("The agency sends every invoice");
    expect(first).toMatchObject({ pageFrom: 2, pageTo: 2 });
    expect(last).toMatchObject({ pageFrom: 3, pageTo: 3 });
    expect(chunkOf("travel agency Northwind Travel")).toMatchObject({ pageFrom: 2, pageTo: 3 });
    // The viewer's outline shows the continuation on its own page.
    const partWith = (s: string) => {
      const at = normalizedText.indexOf(s);
      return outline.find((o) => o.start <= at && at < o.end);
    };
    expect(partWith("finance director before it is paid")?.page).toBe(2);
    expect(partWith("A claim of more than 500 EUR")?.page).toBe(1);
    expect(partWith("Northwind Travel, whose desk")?.page).toBe(3);
    expect(partWith("approved corporate travel agency")?.page).toBe(2);
  });
});

/**
 * A bulleted list whose second item is cut by the page break, its lines set with a hanging indent:
 * the item goes on at the top of the next page (in lower case, and after a full line with a
 * capitalised word), and a paragraph follows the list there.
 */
async function makeListOverPage(): Promise<Uint8Array> {
  const w = await createPdfWriter();
  const line = (text: string, options: Omit<PdfLineOptions, "text"> = {}) => w.line({ text, ...options });
  const item = (lines: string[]) =>
    lines.forEach((text, k) => line(k === 0 ? `• ${text}` : text, { x: k === 0 ? 50 : 58 }));
  w.newPage();
  line("Home working", { font: w.bold, size: 14, after: 20 });
  for (const l of wrap(
    Array.from({ length: 30 }, (_, k) => `Rule ${k + 1} of the home working section applies to every employee.`).join(
      " ",
    ),
    95,
  ))
    line(l);
  w.y -= 8;
  item(["Your manager approves the days you work from home each month, in writing."]);
  while (w.y > 90) line("Filler line that keeps the list low on the page for this layout test.");
  w.y -= 8;
  item(["Equipment bought for home working stays the property of the company and must be"]);
  w.newPage();
  line("returned when you leave, within ten working days of your last day at work.", { x: 58, after: 22 });
  item(["A second desk or chair is paid only once, up to the limit in the expenses guide."]);
  w.y -= 8;
  line("Questions about home working go to the People Team.");
  w.runningLines({ header: "Acme Corp - Home Working - Internal" });
  return w.save();
}

describe("parsePdf list items over page breaks", async () => {
  const doc = await parsePdf({ bytes: await makeListOverPage(), maxPages: 10 });
  const { normalizedText, outline } = await chunkDocument(doc);

  it("keeps the item the page break cut one list item, with the page of each part", () => {
    const items = doc.blocks.filter((b) => b.kind === "paragraph" && b.list === "bullet");
    const cut = items.find((b) => b.kind === "paragraph" && b.text.startsWith("Equipment bought"));
    expect(cut).toMatchObject({
      text: "Equipment bought for home working stays the property of the company and must be returned when you leave, within ten working days of your last day at work.",
      page: 1,
      pageBreaks: [
        { at: "Equipment bought for home working stays the property of the company and must be ".length, page: 2 },
      ],
    });
    expect(items).toHaveLength(3);
    expect(doc.blocks.at(-1)).toMatchObject({ text: "Questions about home working go to the People Team.", page: 2 });
    expect(doc.blocks.at(-1)).not.toHaveProperty("list");
  });

  it("gives the viewer's outline a list part on each page, the second continuing the item", () => {
    const partWith = (s: string) => {
      const at = normalizedText.indexOf(s);
      return outline.find((o) => o.start <= at && at < o.end);
    };
    expect(partWith("Equipment bought")).toMatchObject({ kind: "paragraph", list: "bullet", page: 1 });
    expect(partWith("returned when you leave")).toMatchObject({
      kind: "paragraph",
      list: "bullet",
      page: 2,
      continues: true,
    });
    expect(partWith("A second desk")).toMatchObject({ kind: "paragraph", list: "bullet", page: 2 });
    expect(partWith("A second desk")).not.toHaveProperty("continues");
  });
});
