import { contentTerms, numbersIn, sameStem, splitSentences } from "./terms";

const MARKERS = /\[\d+(?:\s*,\s*\d+)*\]/g;

/**
 * The part of a passage that the answer's sentences citing it rest on: for each such sentence the
 * passage sentence (or table row) sharing the most of its content words and figures, a figure
 * counting double because it is what a reader checks first; the span from the first to the last
 * of those. Null when no passage sentence shares enough (two words, or a figure, or every word of
 * a shorter sentence) or when the span is the whole passage — then the passage itself is cited.
 */
export function supportingRange({
  sentences,
  passage,
}: {
  sentences: string[];
  passage: string;
}): { start: number; end: number } | null {
  const candidates = splitSentences(passage).map((s) => ({
    ...s,
    terms: [...new Set(contentTerms(s.text))],
    numbers: new Set(numbersIn(s.text)),
  }));
  if (candidates.length < 2) return null;
  let start = Infinity;
  let end = -Infinity;
  for (const sentence of sentences) {
    const clean = sentence.replace(MARKERS, "");
    const terms = [...new Set(contentTerms(clean))];
    const numbers = [...new Set(numbersIn(clean))];
    let best: { score: number; enough: boolean; start: number; end: number } | null = null;
    for (const c of candidates) {
      const words = terms.filter((t) => c.terms.some((p) => sameStem(p, t))).length;
      const figures = numbers.filter((x) => c.numbers.has(x)).length;
      const score = words + 2 * figures;
      const enough = figures > 0 || words >= Math.min(2, terms.length);
      if (enough && words + figures > 0 && (!best || score > best.score))
        best = { score, enough, start: c.start, end: c.end };
    }
    if (!best) continue;
    start = Math.min(start, best.start);
    end = Math.max(end, best.end);
  }
  if (!Number.isFinite(start)) return null;
  const whole = passage.trim();
  const wholeStart = passage.indexOf(whole);
  if (start <= wholeStart && end >= wholeStart + whole.length) return null;
  return { start, end };
}
