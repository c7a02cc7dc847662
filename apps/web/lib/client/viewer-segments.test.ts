import { describe, expect, it } from "vitest";
import { buildViewerPages, clampRange, pageStartsFrom } from "./viewer-segments";

describe("viewer segments", () => {
  const text = "Page one text. Page two has the cited passage here. Page three.";

  it("highlights exactly the cited range inside its page", () => {
    const start = text.indexOf("the cited passage");
    const end = start + "the cited passage".length;
    const pages = buildViewerPages({
      text,
      highlight: { start, end },
      pageStarts: [
        { page: 1, offset: 0 },
        { page: 2, offset: 15 },
        { page: 3, offset: 52 },
      ],
    });
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages[1]!.parts).toEqual([
      { text: "Page two has ", highlighted: false },
      { text: "the cited passage", highlighted: true },
      { text: " here. ", highlighted: false },
    ]);
    expect(pages.flatMap((p) => p.parts.map((x) => x.text)).join("")).toBe(text);
  });

  it("splits a highlight that crosses a page break and keeps unpaged text whole", () => {
    const pages = buildViewerPages({
      text,
      highlight: { start: 10, end: 20 },
      pageStarts: [
        { page: 1, offset: 0 },
        { page: 2, offset: 15 },
      ],
    });
    expect(pages[0]!.parts.at(-1)).toEqual({ text: "ext. ", highlighted: true });
    expect(pages[1]!.parts[0]).toEqual({ text: "Page ", highlighted: true });
    expect(buildViewerPages({ text, highlight: null, pageStarts: [] })).toEqual([
      { page: null, start: 0, parts: [{ text, highlighted: false }] },
    ]);
  });

  it("derives page starts from chunk spans when the parser gave no offsets", () => {
    const spans = [
      { charStart: 40, pageFrom: 2 },
      { charStart: 0, pageFrom: 1 },
      { charStart: 20, pageFrom: 1 },
      { charStart: 70, pageFrom: 3 },
    ];
    expect(pageStartsFrom({ metadata: {}, spans, textLength: 60 })).toEqual([
      { page: 1, offset: 0 },
      { page: 2, offset: 40 },
      { page: 3, offset: 60 },
    ]);
    expect(pageStartsFrom({ metadata: { pageOffsets: [0, 30] }, spans, textLength: 60 })).toEqual([
      { page: 1, offset: 0 },
      { page: 2, offset: 30 },
    ]);
  });

  it("clamps and rejects bad ranges", () => {
    expect(clampRange({ start: -5, end: 10, textLength: 8 })).toEqual({ start: 0, end: 8 });
    expect(clampRange({ start: 5, end: 5, textLength: 8 })).toBeNull();
    expect(clampRange({ start: Number.NaN, end: 3, textLength: 8 })).toBeNull();
    expect(clampRange({ start: null, end: 3, textLength: 8 })).toBeNull();
  });
});
