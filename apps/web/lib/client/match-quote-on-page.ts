/** A piece of one text item (pdf.js `getTextContent` string) to mark: `[start, end)` in that item's string. */
export type ItemRange = { item: number; start: number; end: number };

type Key = { item: number; start: number; end: number };

/**
 * The letters and digits of the strings, NFKC-folded and lowercased, each with the source
 * characters it came from. Spaces, punctuation and hyphens are left out: the stored text and a
 * PDF's text items disagree on exactly those (words split across items without a space, quotes
 * normalized, a word hyphenated at a line end), never on the letters themselves.
 */
function keysOf(strings: readonly string[]): { keys: string; from: Key[] } {
  let keys = "";
  const from: Key[] = [];
  strings.forEach((s, item) => {
    let offset = 0;
    for (const ch of s) {
      const start = offset;
      offset += ch.length;
      // A ligature (ﬁ) folds to several letters; each points at the one source character.
      for (const k of ch.normalize("NFKC").toLowerCase()) {
        if (!/[\p{L}\p{N}]/u.test(k)) continue;
        keys += k;
        from.push({ item, start, end: offset });
      }
    }
  });
  return { keys, from };
}

/** The longest n (at least `min`) for which `found(n)` holds, given found is monotone; 0 when none. */
function longest({ max, min, found }: { max: number; min: number; found: (n: number) => boolean }): number {
  if (max < min || !found(min)) return 0;
  let [lo, hi] = [min, max];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (found(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Shortest partial match worth marking: shorter prefixes of a sentence turn up by chance. */
const MIN_PARTIAL_KEYS = 16;

/**
 * Where the cited quote sits among a page's text items, as the pieces of items to mark; empty
 * when it is not on the page. The whole quote first (its first occurrence); else the longest
 * start or end of it found on the page, because a cited sentence may run over onto the next
 * page (or begin on the one before).
 */
export function matchQuoteOnPage({ items, quote }: { items: readonly string[]; quote: string }): {
  ranges: ItemRange[];
  complete: boolean;
} {
  const q = keysOf([quote]).keys;
  const page = keysOf(items);
  if (!q || !page.keys) return { ranges: [], complete: false };
  let at = page.keys.indexOf(q);
  let length = q.length;
  const complete = at >= 0;
  if (!complete) {
    const min = Math.min(MIN_PARTIAL_KEYS, q.length);
    const prefix = longest({ max: q.length - 1, min, found: (n) => page.keys.includes(q.slice(0, n)) });
    const suffix = longest({ max: q.length - 1, min, found: (n) => page.keys.includes(q.slice(q.length - n)) });
    if (!prefix && !suffix) return { ranges: [], complete: false };
    if (prefix >= suffix) [at, length] = [page.keys.indexOf(q.slice(0, prefix)), prefix];
    else [at, length] = [page.keys.indexOf(q.slice(q.length - suffix)), suffix];
  }
  // Each item's piece runs from its first matched letter to its last: items with none (a bullet
  // glyph, a lone space) and the spaces at an item's ends stay unmarked.
  const ranges: ItemRange[] = [];
  for (const key of page.from.slice(at, at + length)) {
    const last = ranges.at(-1);
    if (last?.item === key.item) last.end = key.end;
    else ranges.push({ item: key.item, start: key.start, end: key.end });
  }
  return { ranges, complete };
}
