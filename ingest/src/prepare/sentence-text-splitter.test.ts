import { Document } from "@langchain/core/documents";
import fc from "fast-check";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SentenceTextSplitter } from "./sentence-text-splitter";

const sentence = (i: number) => `Claim ${i} needs a receipt, e.g. from the hotel.`;
const paragraph = (n: number) => Array.from({ length: n }, (_, i) => sentence(i)).join(" ");

afterEach(() => vi.restoreAllMocks());

describe("SentenceTextSplitter", () => {
  it("packs whole sentences up to chunkSize and repeats trailing sentences up to chunkOverlap", async () => {
    const text = paragraph(40);
    const splitter = new SentenceTextSplitter({ chunkSize: 300, chunkOverlap: 110 });
    const spans = await splitter.splitSpans(text);
    const pieces = await splitter.splitText(text);
    expect(pieces).toEqual(spans.map((s) => text.slice(s.start, s.end)));
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(300);
      // Whole sentences only: the abbreviation "e.g." inside a sentence is no cut.
      expect(piece).toMatch(/^Claim \d+ needs/);
      expect(piece).toMatch(/hotel\.$/);
    }
    for (let k = 1; k < spans.length; k++) {
      const repeated = text.slice(spans[k]!.start, spans[k - 1]!.end);
      expect(spans[k]!.start).toBeLessThan(spans[k - 1]!.end);
      expect(repeated.length).toBeLessThanOrEqual(110);
    }
    expect(spans[0]!.start).toBe(0);
    expect(spans[spans.length - 1]!.end).toBe(text.length);
  });

  it("leaves overlap and packing to the library's settings", async () => {
    const text = paragraph(40);
    const noOverlap = await new SentenceTextSplitter({ chunkSize: 300, chunkOverlap: 0 }).splitSpans(text);
    for (let k = 1; k < noOverlap.length; k++) expect(noOverlap[k]!.start).toBeGreaterThan(noOverlap[k - 1]!.end);
    const wider = await new SentenceTextSplitter({ chunkSize: 600, chunkOverlap: 0 }).splitSpans(text);
    expect(wider.length).toBeLessThan(noOverlap.length);
  });

  it("never starts a piece with the separator, where the recursive splitter it replaces did", async () => {
    const text = paragraph(40);
    const recursive = await new RecursiveCharacterTextSplitter({
      chunkSize: 300,
      chunkOverlap: 110,
      separators: ["\n\n", "\n", ". ", " ", ""],
    }).splitText(text);
    // The behaviour this class exists to avoid, pinned so a library upgrade that fixes it is noticed.
    expect(recursive.slice(1).some((p) => p.startsWith(". "))).toBe(true);
    const pieces = await new SentenceTextSplitter({ chunkSize: 300, chunkOverlap: 110 }).splitText(text);
    for (const piece of pieces) expect(piece).not.toMatch(/^[\p{P}\s]/u);
  });

  it("places repeated sentences at their own offsets and covers the whole text", async () => {
    // Identical sentences make indexOf-style lookup land on the first copy; the alignment must not.
    const text = `${"Not applicable. ".repeat(30)}See the annex.`;
    const spans = await new SentenceTextSplitter({ chunkSize: 100, chunkOverlap: 40 }).splitSpans(text);
    expect(spans.length).toBeGreaterThan(4);
    for (let k = 1; k < spans.length; k++) {
      expect(spans[k]!.start).toBeGreaterThan(spans[k - 1]!.start);
      expect(spans[k]!.start).toBeLessThanOrEqual(spans[k - 1]!.end + 1);
    }
    expect(spans[0]!.start).toBe(0);
    expect(text.slice(spans[spans.length - 1]!.start, spans[spans.length - 1]!.end)).toMatch(/See the annex\.$/);
  });

  it("cuts only a sentence longer than a piece, at a clause", async () => {
    const warn = vi.spyOn(console, "warn");
    const long = `Travel ${Array.from({ length: 60 }, (_, i) => `leg ${i} of the trip, `).join("")}ends here.`;
    const text = `Short first. ${long} Short last.`;
    const splitter = new SentenceTextSplitter({ chunkSize: 200, chunkOverlap: 0 });
    const pieces = await splitter.splitText(text);
    expect(pieces[0]).toMatch(/^Short first\./);
    expect(pieces[pieces.length - 1]).toMatch(/Short last\.$/);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    // Inside the long sentence, cuts fall after a comma.
    for (const piece of pieces.slice(0, -1)) expect(piece).toMatch(/(,|\.)$/);
    expect(pieces.join(" ").replace(/\s+/g, " ")).toContain("leg 59 of the trip, ends here.");
    expect(warn).not.toHaveBeenCalled();
  });

  it("leaves room for the space after a cut piece, so no split exceeds chunkSize", async () => {
    const warn = vi.spyOn(console, "warn");
    // A space exactly at offset 200: cutting there would give a 200-character piece plus its space.
    const text = `Xyzwv${" word".repeat(80)}. Next one.`;
    const spans = await new SentenceTextSplitter({ chunkSize: 200, chunkOverlap: 0 }).splitSpans(text);
    for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(200);
    expect(warn).not.toHaveBeenCalled();
  });

  it("works as a LangChain document transformer, keeping each document's metadata", async () => {
    const splitter = new SentenceTextSplitter({ chunkSize: 300, chunkOverlap: 0 });
    const docs = await splitter.splitDocuments([new Document({ pageContent: paragraph(20), metadata: { page: 4 } })]);
    expect(docs.length).toBeGreaterThan(1);
    for (const d of docs) {
      expect(d.metadata).toMatchObject({ page: 4 });
      expect(d.pageContent).toMatch(/^Claim \d+ needs.*hotel\.$/);
    }
  });

  it("aligns every merge of heavily repeated sentences: exact, in order, nothing skipped", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("No.", "Not applicable.", "See above.", "Yes!"), { minLength: 1, maxLength: 80 }),
        fc.constantFrom(" ", "\n", "  "),
        fc.integer({ min: 20, max: 120 }),
        fc.integer({ min: 0, max: 19 }),
        async (sentences, gap, chunkSize, chunkOverlap) => {
          const text = sentences.join(gap);
          const splitter = new SentenceTextSplitter({ chunkSize, chunkOverlap });
          const spans = await splitter.splitSpans(text);
          expect(spans[0]!.start).toBe(0);
          expect(spans[spans.length - 1]!.end).toBe(text.length);
          for (let k = 1; k < spans.length; k++) {
            expect(spans[k]!.start).toBeGreaterThan(spans[k - 1]!.start);
            expect(text.slice(spans[k - 1]!.end, spans[k]!.start)).toMatch(/^\s*$/);
          }
          for (const s of spans) expect(s.end - s.start).toBeLessThanOrEqual(chunkSize);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("returns nothing for blank text", async () => {
    expect(await new SentenceTextSplitter({ chunkSize: 100, chunkOverlap: 0 }).splitSpans("  \n ")).toEqual([]);
  });
});
