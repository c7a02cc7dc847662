import { describe, expect, it } from "vitest";
import type { Block } from "../document-model";
import { chunkDocument } from "./chunk-document";
import { readOutline, tableCells } from "./document-outline";

const blocks: Block[] = [
  { kind: "heading", level: 1, text: "Leave policy", page: 1 },
  { kind: "paragraph", text: "Ask your manager.", list: "ordered", page: 1 },
  { kind: "table", header: ["Country", "Days"], rows: [["A | B", "20"], [], ["C", "25"]], page: 2 },
  { kind: "paragraph", text: "Plain text.", page: 2 },
];

describe("document outline", () => {
  it("maps every block and table cell onto the normalized text", async () => {
    const { normalizedText, outline } = await chunkDocument({ blocks });
    expect(outline.map((b) => [b.kind, normalizedText.slice(b.start, b.end).split("\n")[0], b.page])).toEqual([
      ["heading", "Leave policy", 1],
      ["paragraph", "Ask your manager.", 1],
      ["table", "Country | Days", 2],
      ["paragraph", "Plain text.", 2],
    ]);
    expect(outline[0]).toMatchObject({ level: 1 });
    expect(outline[1]).toMatchObject({ list: "ordered" });
    const table = outline[2]!;
    if (table.kind !== "table") throw new Error("expected a table");
    expect(table.header).toBe(true);
    // A cell containing the separator stays one cell; an empty row stays a line.
    expect(tableCells(table).map((line) => line.map((c) => normalizedText.slice(c.start, c.end)))).toEqual([
      ["Country", "Days"],
      ["A | B", "20"],
      [""],
      ["C", "25"],
    ]);
    expect(readOutline({ metadata: { outline }, textLength: normalizedText.length })).toEqual(outline);
  });

  it("refuses an outline that does not fit the text", async () => {
    const { normalizedText, outline } = await chunkDocument({ blocks });
    const textLength = normalizedText.length;
    expect(readOutline({ metadata: {}, textLength })).toBeNull();
    expect(readOutline({ metadata: { outline }, textLength: textLength - 1 })).toBeNull();
    const reordered = [outline[1], outline[0], ...outline.slice(2)];
    expect(readOutline({ metadata: { outline: reordered }, textLength })).toBeNull();
    const badTable = outline.map((b) => (b.kind === "table" ? { ...b, lines: [[1, 2]] } : b));
    expect(readOutline({ metadata: { outline: badTable }, textLength })).toBeNull();
    const badKind = outline.map((b, i) => (i === 3 ? { ...b, kind: "image" } : b));
    expect(readOutline({ metadata: { outline: badKind }, textLength })).toBeNull();
  });
});

describe("document outline over page breaks", () => {
  it("marks a list item's later parts as continuing it, and refuses a stray mark", async () => {
    const cut: Block[] = [
      {
        kind: "paragraph",
        text: "Return the laptop and the badge.",
        list: "bullet",
        page: 1,
        pageBreaks: [{ at: 18, page: 2 }],
      },
      { kind: "paragraph", text: "Plain text.", page: 2 },
    ];
    const { normalizedText, outline } = await chunkDocument({ blocks: cut });
    expect(
      outline.map((b) => [normalizedText.slice(b.start, b.end), b.page, b.kind === "paragraph" && b.continues]),
    ).toEqual([
      ["Return the laptop ", 1, undefined],
      ["and the badge.", 2, true],
      ["Plain text.", 2, undefined],
    ]);
    expect(outline[1]).toMatchObject({ list: "bullet" });
    const textLength = normalizedText.length;
    expect(readOutline({ metadata: { outline }, textLength })).toEqual(outline);
    const stray = outline.map((b, i) => (i === 2 ? { ...b, continues: true } : b));
    expect(readOutline({ metadata: { outline: stray }, textLength })).toBeNull();
  });
});
