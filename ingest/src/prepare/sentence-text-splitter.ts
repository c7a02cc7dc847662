import { TextSplitter, type TextSplitterParams } from "@langchain/textsplitters";
import type { Span } from "./split-sentences";
import { splitLongSpan, splitSentences } from "./split-sentences";

/**
 * LangChain's TextSplitter with sentences as its splits. Its own splitters cut at separator
 * strings and, with `keepSeparator` (RecursiveCharacterTextSplitter's default), hand the separator
 * to the start of the next piece (`text.split(/(?=\. )/)`), which made two chunks in three start
 * with ". "; a sentence separator that is not a plain string cannot be expressed to them at all.
 * So the sentence splitter decides where a split may end, and LangChain's `mergeSplits` decides how
 * splits are packed into pieces of `chunkSize` and how many trailing splits (up to `chunkOverlap`)
 * the next piece repeats. Each split is a sentence with the whitespace after it, joined with an
 * empty separator, so a merged piece is exactly a slice of the input (the library trims its ends)
 * and always starts at a sentence. Lengths are characters: an over-long sentence is cut at a clause
 * or word to fit `chunkSize`, so keep the default `lengthFunction`.
 */
export class SentenceTextSplitter extends TextSplitter {
  static override lc_name() {
    return "SentenceTextSplitter";
  }

  constructor(fields?: Partial<Omit<TextSplitterParams, "keepSeparator" | "lengthFunction">>) {
    super(fields);
  }

  override async splitText(text: string): Promise<string[]> {
    return (await this.splitSpans(text)).map((s) => text.slice(s.start, s.end));
  }

  /** Pieces as spans of `text`, so a caller can keep exact offsets (LangChain itself only offers strings). */
  async splitSpans(text: string): Promise<Span[]> {
    const units = this.sentenceUnits(text);
    if (units.length === 0) return [];
    const splits = units.map((u, i) => text.slice(u.start, units[i + 1]?.start ?? u.end));
    const pieces = await this.mergeSplits(splits, "");
    return alignPieces({ text, units, pieces });
  }

  /** Sentences, with any sentence too long for a piece cut so that each piece plus the space after it fits. */
  private sentenceUnits(text: string): Span[] {
    const sentences = splitSentences(text);
    return sentences.flatMap((s, i) => {
      // The whitespace after a unit is part of its split, so it counts towards chunkSize. Inside a
      // cut sentence one space is assumed (parsers squash runs of spaces); a wider run there only
      // makes the library log an oversized split, the piece itself still fits once trimmed.
      const gap = Math.max(1, (sentences[i + 1]?.start ?? s.end) - s.end);
      const limit = Math.max(1, this.chunkSize - gap);
      return s.end - s.start > limit ? splitLongSpan(text, s, limit) : [s];
    });
  }
}

/**
 * Which run of units each merged piece is. `mergeSplits` returns strings only, and finding them with
 * `indexOf` (as LangChain's createDocuments does, and as this chunker once did) lands on the wrong
 * copy of a repeated passage. The library's order gives the constraints instead: the first piece
 * starts at the first unit, each later one starts after the previous piece's start and no later than
 * just after its end (no unit is skipped), and the last ends at the last unit. A repeated sentence
 * can make a piece fit more than one run, so this is a search (memoised, normally straight through).
 */
function alignPieces({ text, units, pieces }: { text: string; units: Span[]; pieces: string[] }): Span[] {
  const n = units.length;
  const unitEndingAt = new Map(units.map((u, i) => [u.end, i]));
  // (piece, first unit) pairs known not to lead to a full alignment.
  const dead = new Set<number>();
  const runs: { first: number; last: number }[] = [];
  const nextTry: number[] = [0];
  let k = 0;
  // Iterative depth-first search: a block may yield thousands of pieces, too deep to recurse.
  while (k >= 0 && k < pieces.length) {
    const prev = k === 0 ? { first: -1, last: -1 } : runs[k - 1]!;
    const to = k === 0 ? 0 : Math.min(prev.last + 1, n - 1);
    let placed = false;
    while (!placed && nextTry[k]! <= to) {
      const first = nextTry[k]!++;
      if (dead.has(k * n + first)) continue;
      const start = units[first]!.start;
      const last = unitEndingAt.get(start + pieces[k]!.length);
      if (last !== undefined && last > prev.last && text.startsWith(pieces[k]!, start)) {
        runs[k] = { first, last };
        placed = true;
      } else dead.add(k * n + first);
    }
    if (placed && (k + 1 < pieces.length || runs[k]!.last === n - 1)) {
      k++;
      nextTry[k] = runs[k - 1]!.first + 1;
      continue;
    }
    if (placed) dead.add(k * n + runs[k]!.first);
    else if (k > 0) {
      k--;
      dead.add(k * n + runs[k]!.first);
    } else k = -1;
  }
  // Unreachable unless the library's merge contract changes; fail loudly rather than misplace text.
  if (k < 0) throw new Error("SentenceTextSplitter: merged pieces do not align with the text's sentences");
  return runs.map(({ first, last }) => ({ start: units[first]!.start, end: units[last]!.end }));
}
