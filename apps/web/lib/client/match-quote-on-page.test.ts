import { describe, expect, it } from "vitest";
import { matchQuoteOnPage, type ItemRange } from "./match-quote-on-page";

/** The marked text, item by item, as the text layer would show it. */
const marked = (items: string[], ranges: ItemRange[]) => ranges.map((r) => items[r.item]!.slice(r.start, r.end));

describe("matchQuoteOnPage", () => {
  it("finds a sentence inside one item and marks only it", () => {
    const items = ["Refunds are issued within 14 days. Contact support first."];
    // Up to its last letter: the full stop is not compared.
    const { ranges, complete } = matchQuoteOnPage({ items, quote: "Contact support first." });
    expect(complete).toBe(true);
    expect(ranges).toEqual([{ item: 0, start: 35, end: 56 }]);
  });

  it("follows a sentence across items, lines and a word split without a space", () => {
    const items = ["Intro line.", "", "Passwords must be ", "14 charac", "ters long", " and rotated yearly.", "Next."];
    const { ranges, complete } = matchQuoteOnPage({
      items,
      quote: "Passwords must be 14 characters long and rotated yearly.",
    });
    expect(complete).toBe(true);
    expect(marked(items, ranges)).toEqual(["Passwords must be", "14 charac", "ters long", "and rotated yearly"]);
    expect(ranges[0]!.item).toBe(2);
  });

  it("leaves items without letters (bullet glyphs) and the spaces at item ends unmarked", () => {
    const items = ["Rules:", "-", "Never share passwords. ", "•", " Lock your screen."];
    const { ranges } = matchQuoteOnPage({ items, quote: "Never share passwords. Lock your screen." });
    expect(ranges).toEqual([
      { item: 2, start: 0, end: 21 },
      { item: 4, start: 1, end: 17 },
    ]);
  });

  it("ignores case, punctuation, curly quotes, line-end hyphens and ligatures", () => {
    const items = ["The “oﬃce” is closed on pub-", "lic holidays."];
    const { ranges, complete } = matchQuoteOnPage({ items, quote: 'the "office" is closed on public holidays' });
    expect(complete).toBe(true);
    expect(marked(items, ranges)).toEqual(["The “oﬃce” is closed on pub", "lic holidays"]);
  });

  it("marks the start of a sentence that runs over onto the next page", () => {
    const items = ["Header", "Incidents must be reported to the security team within"];
    const { ranges, complete } = matchQuoteOnPage({
      items,
      quote: "Incidents must be reported to the security team within 24 hours of discovery.",
    });
    expect(complete).toBe(false);
    expect(marked(items, ranges)).toEqual(["Incidents must be reported to the security team within"]);
  });

  it("marks the end of a sentence that began on the page before", () => {
    const items = ["24 hours of discovery by email or phone.", "Footer 3"];
    const { ranges } = matchQuoteOnPage({
      items,
      quote: "Incidents must be reported to the security team within 24 hours of discovery by email or phone.",
    });
    expect(marked(items, ranges)).toEqual(["24 hours of discovery by email or phone"]);
  });

  it("marks nothing when the quote is not on the page or only a few letters of it are", () => {
    const items = ["Annual leave is 25 days.", "Parental leave is 20 weeks."];
    expect(matchQuoteOnPage({ items, quote: "Expenses need a receipt over 50 euros." }).ranges).toEqual([]);
    expect(matchQuoteOnPage({ items, quote: "Annual bonus is paid in March." }).ranges).toEqual([]);
    expect(matchQuoteOnPage({ items, quote: "  ...  " }).ranges).toEqual([]);
    expect(matchQuoteOnPage({ items: [], quote: "Annual leave" }).ranges).toEqual([]);
  });
});
