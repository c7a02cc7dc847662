import { describe, expect, it } from "vitest";
import {
  isOfflineMode,
  offlineLayout,
  pageWords,
  searchedFor,
  sectionPath,
  validCorrections,
} from "./answer-presentation";

const cite = (
  n: number,
  extra: Partial<{
    title: string;
    headings: string[];
    pageFrom: number | null;
    pageTo: number | null;
    href: string;
  }> = {},
) => ({
  n,
  title: `Doc ${n}`,
  headings: [],
  pageFrom: null,
  pageTo: null,
  href: `/documents/d${n}?chunk=c${n}`,
  ...extra,
});

describe("sectionPath", () => {
  it("joins the title and the headings, dropping a first heading that repeats the title", () => {
    expect(sectionPath({ title: "Leave policy", headings: ["Leave policy", "Carry-over"] })).toEqual([
      "Leave policy",
      "Carry-over",
    ]);
    expect(sectionPath({ title: "Leave policy", headings: ["Annual leave", "Carry-over"] })).toEqual([
      "Leave policy",
      "Annual leave",
      "Carry-over",
    ]);
  });

  it("copes with stored citations from before headings existed", () => {
    expect(sectionPath({ title: "Leave policy", headings: undefined })).toEqual(["Leave policy"]);
    expect(sectionPath({ title: "Leave policy", headings: ["", "  "] })).toEqual(["Leave policy"]);
  });
});

describe("pageWords", () => {
  it("says page or pages, nothing without a page", () => {
    expect(pageWords(4, 4)).toBe("page 4");
    expect(pageWords(4, null)).toBe("page 4");
    expect(pageWords(4, 5)).toBe("pages 4–5");
    expect(pageWords(null, null)).toBeNull();
  });
});

describe("offlineLayout", () => {
  it("leads with the passage the answer quotes first, then at most two others", () => {
    const layout = offlineLayout({
      content: "Carry over up to 5 days. [3] Ask your manager. [1]",
      citations: [cite(1), cite(2), cite(3), cite(4)],
    });
    expect(layout?.lead.n).toBe(3);
    expect(layout?.supporting.map((c) => c.n)).toEqual([1, 2]);
  });

  it("skips citations that cannot be opened and returns null when none can", () => {
    expect(offlineLayout({ content: "x [1]", citations: [cite(1, { href: "" }), cite(2)] })?.lead.n).toBe(2);
    expect(offlineLayout({ content: "x [1]", citations: [cite(1, { href: "" })] })).toBeNull();
    expect(offlineLayout({ content: "", citations: [] })).toBeNull();
  });

  it("applies to extractive and fallback answers only", () => {
    expect(isOfflineMode("extractive")).toBe(true);
    expect(isOfflineMode("fallback")).toBe(true);
    expect(isOfflineMode("llm")).toBe(false);
    expect(isOfflineMode("abstain")).toBe(false);
    expect(isOfflineMode(null)).toBe(false);
  });
});

describe("searchedFor", () => {
  const corrections = [
    { from: "hearnig", to: "hearing" },
    { from: "servcies", to: "services" },
  ];

  it("shows the query with the corrected words swapped in and marked", () => {
    const s = searchedFor({ text: "hearnig care servcies", corrections });
    expect(s?.parts).toEqual([
      { text: "hearing", corrected: true },
      { text: " care ", corrected: false },
      { text: "services", corrected: true },
    ]);
    expect(s?.typed).toEqual(["hearnig", "servcies"]);
  });

  it("matches whole words case-insensitively and keeps a leading capital", () => {
    const s = searchedFor({ text: "Hearnig aids? (servcies)", corrections });
    expect(s?.parts.map((p) => p.text).join("")).toBe("Hearing aids? (services)");
    expect(searchedFor({ text: "unhearnig", corrections: [corrections[0]!] })?.parts).toEqual([
      { text: "hearing", corrected: true },
    ]);
  });

  it("lists corrections the text does not contain (a condensed follow-up)", () => {
    const s = searchedFor({ text: "and servcies?", corrections });
    expect(s?.parts.map((p) => p.text).join("")).toBe("and services?, hearing");
    expect(
      searchedFor({ text: "what about it?", corrections })
        ?.parts.map((p) => p.text)
        .join(""),
    ).toBe("hearing, services");
  });

  it("is null for no corrections, so nothing is shown", () => {
    expect(searchedFor({ text: "hearing care", corrections: [] })).toBeNull();
    expect(searchedFor({ text: "hearing care", corrections: validCorrections("nope") })).toBeNull();
    expect(validCorrections([{ from: "a", to: "a" }, { from: 1, to: "b" }, null, { from: "x", to: "y" }])).toEqual([
      { from: "x", to: "y" },
    ]);
  });
});
