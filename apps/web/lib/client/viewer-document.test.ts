import { describe, expect, it } from "vitest";
import type { OutlineBlock } from "@groundwork/ingest/outline";
import { buildViewerDocument, clampRange, inferOutline, markedPage, runsOf, type ViewBlock } from "./viewer-document";

// "Leave" heading, a list of two, a table, a paragraph on page 2 — laid out as ingest lays blocks out.
const text = [
  "Leave",
  "Ask first.",
  "Then wait.",
  "Country | Days\nFrance | 25\nSpain | 22",
  "Carry-over is allowed. Up to five days. Ask HR.",
].join("\n\n");
const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
const outline: OutlineBlock[] = [
  { kind: "heading", level: 1, ...at("Leave"), page: 1 },
  { kind: "paragraph", list: "bullet", ...at("Ask first."), page: 1 },
  { kind: "paragraph", list: "bullet", ...at("Then wait."), page: 1 },
  {
    kind: "table",
    header: true,
    lines: [
      [7, 4],
      [6, 2],
      [5, 2],
    ],
    ...at("Country | Days\nFrance | 25\nSpain | 22"),
    page: 1,
  },
  { kind: "paragraph", ...at("Carry-over is allowed. Up to five days. Ask HR."), page: 2 },
];
const plain = (b: ViewBlock) =>
  b.kind === "table"
    ? [b.header, ...b.rows].map((l) => l?.map((c) => c.map((r) => r.text).join("")))
    : b.kind === "list"
      ? b.items.map((i) => i.map((r) => r.text).join(""))
      : b.runs.map((r) => r.text).join("");

describe("viewer document", () => {
  it("renders the outline as pages of headings, lists and tables", () => {
    const pages = buildViewerDocument({ text, outline, passage: null, cited: null });
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages[0]!.blocks.map((b) => b.kind)).toEqual(["heading", "list", "table"]);
    expect(pages[0]!.blocks.map(plain)).toEqual([
      "Leave",
      ["Ask first.", "Then wait."],
      [
        ["Country", "Days"],
        ["France", "25"],
        ["Spain", "22"],
      ],
    ]);
    expect(markedPage(pages)).toBeNull();
  });

  it("marks the cited sentence inside its softly shown passage", () => {
    const passage = at("Carry-over is allowed. Up to five days. Ask HR.");
    const pages = buildViewerDocument({ text, outline, passage, cited: at("Up to five days.") });
    const p = pages[1]!.blocks[0]!;
    if (p.kind !== "paragraph") throw new Error("expected a paragraph");
    expect(p.runs).toEqual([
      { text: "Carry-over is allowed. ", emphasis: 1 },
      { text: "Up to five days.", emphasis: 2 },
      { text: " Ask HR.", emphasis: 1 },
    ]);
    expect(markedPage(pages)).toBe(2);
    // Without a narrower range the whole passage is the cited text.
    const whole = buildViewerDocument({ text, outline, passage, cited: null })[1]!.blocks[0]!;
    expect(whole.kind === "paragraph" && whole.runs).toEqual([
      { text: passage && text.slice(passage.start, passage.end), emphasis: 2 },
    ]);
  });

  it("marks a cited table cell only", () => {
    const pages = buildViewerDocument({ text, outline, passage: null, cited: at("Spain | 22") });
    const table = pages[0]!.blocks[2]!;
    if (table.kind !== "table") throw new Error("expected a table");
    expect(table.rows[1]!.map((c) => c.map((r) => r.emphasis))).toEqual([[2], [2]]);
    expect(table.rows[0]!.map((c) => c.map((r) => r.emphasis))).toEqual([[0], [0]]);
    expect(markedPage(pages)).toBe(1);
  });

  it("reads headings, tables and pages back from the text of a document stored without an outline", () => {
    const spans = [
      { charStart: 0, charEnd: at("Then wait.").end, pageFrom: 1, headings: ["Leave"] },
      { charStart: at("Country").start, charEnd: text.length, pageFrom: 2, headings: ["Leave"] },
    ];
    const inferred = inferOutline({ text, spans });
    expect(inferred.map((b) => [b.kind, b.page])).toEqual([
      ["heading", 1],
      ["paragraph", 1],
      ["paragraph", 1],
      ["table", 2],
      ["paragraph", 2],
    ]);
    const pages = buildViewerDocument({ text, outline: inferred, passage: null, cited: null });
    expect(plain(pages[1]!.blocks[0]!)).toEqual([
      ["Country", "Days"],
      ["France", "25"],
      ["Spain", "22"],
    ]);
  });

  it("keeps a list item the page break cut in the list on both pages, counting on in an ordered list", () => {
    const t = "First step.\n\nSecond step starts here and goes on\n\nover the page.\n\nThird step.\n\nAfter.";
    const span = (s: string) => ({ start: t.indexOf(s), end: t.indexOf(s) + s.length });
    const cut: OutlineBlock[] = [
      { kind: "paragraph", list: "ordered", ...span("First step."), page: 1 },
      { kind: "paragraph", list: "ordered", ...span("Second step starts here and goes on"), page: 1 },
      { kind: "paragraph", list: "ordered", continues: true, ...span("over the page."), page: 2 },
      { kind: "paragraph", list: "ordered", ...span("Third step."), page: 2 },
      { kind: "paragraph", ...span("After."), page: 2 },
    ];
    const pages = buildViewerDocument({ text: t, outline: cut, passage: null, cited: span("over the page.") });
    expect(pages.map((p) => p.blocks.map((b) => b.kind))).toEqual([["list"], ["list", "paragraph"]]);
    expect(pages[1]!.blocks[0]).toMatchObject({ continues: { number: 2 } });
    expect(pages[0]!.blocks[0]).not.toHaveProperty("continues");
    expect(plain(pages[1]!.blocks[0]!)).toEqual(["over the page.", "Third step."]);
    // The citation's page is the continuation's own.
    expect(markedPage(pages)).toBe(2);
  });

  it("cuts runs only where the ranges fall inside the block", () => {
    expect(
      runsOf({ text: "abcdef", start: 2, end: 4, passage: { start: 0, end: 6 }, cited: { start: 3, end: 9 } }),
    ).toEqual([
      { text: "c", emphasis: 1 },
      { text: "d", emphasis: 2 },
    ]);
  });

  it("clamps and rejects bad ranges", () => {
    expect(clampRange({ start: -5, end: 10, textLength: 8 })).toEqual({ start: 0, end: 8 });
    expect(clampRange({ start: 5, end: 5, textLength: 8 })).toBeNull();
    expect(clampRange({ start: Number.NaN, end: 3, textLength: 8 })).toBeNull();
    expect(clampRange({ start: null, end: 3, textLength: 8 })).toBeNull();
  });
});
