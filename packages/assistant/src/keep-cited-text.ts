import { citedNumbers } from "./verify-answer";

/** One run of citation markers, in the grammar citedNumbers reads ("[1]", "[1][3]", "[1, 2]"). */
const MARKERS = String.raw`(?:\s*\[\d+(?:\s*,\s*\d+)*\])+`;
const STRETCH = new RegExp(String.raw`[\s\S]*?${MARKERS}`, "g");

/**
 * The part of an answer that quotes only passages the reader may still read. Answer text is
 * written from its sources, each stretch ending in the markers of the passages it came from
 * ("… 25 days a year. [1]"). When some cited documents are out of the reader's reach now, a
 * stretch citing any of them (alone or beside a readable one) may repeat their text, and a
 * stretch citing nothing cannot be tied to a readable source either, so both go; what is left
 * is every stretch whose markers all name readable passages, in its original order.
 */
export function keepCitedText({ content, keep }: { content: string; keep: ReadonlySet<number> }): string {
  const stretches = content.match(STRETCH) ?? [];
  const kept = stretches.filter((stretch) => {
    const markers = citedNumbers(stretch);
    // A "[3]" inside the quoted text itself is read as a marker too: the stretch is dropped
    // unless 3 is readable, which errs on the side of showing less.
    return markers.length > 0 && markers.every((n) => keep.has(n));
  });
  return kept.join("").trim();
}
