/** A span [start, end) of a text, never starting or ending with whitespace. */
export type Span = { start: number; end: number };

// Words whose trailing period is not a sentence end ("e.g. Finance", "Dr. Okafor", "No. 4").
const ABBREVIATIONS = new Set(
  "e.g i.e eg ie mr mrs ms dr prof st no nos nr vs approx cf fig figs sec art para pp vol ca resp incl esp viz al jr sr dept est".split(
    " ",
  ),
);
const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s)|\n/g;
// What may begin a sentence after a boundary: a capital, a digit, an opening quote or bracket, a bullet.
const SENTENCE_START = /^[\p{Lu}\p{Lt}\d"'“‘([•¿¡]/u;

/**
 * Sentences of a text as spans (whitespace between them belongs to none). A period after a known
 * abbreviation or a single capital ("J. Smith") does not end a sentence; a line break always does.
 */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = skipSpace(text, 0);
  for (const m of text.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    if (end <= start) continue;
    if (m[0] !== "\n") {
      const next = skipSpace(text, end);
      if (next >= text.length || !SENTENCE_START.test(text.slice(next, next + 1))) continue;
      const word = /(?:^|[\s(])([\p{L}.]+)\.$/u.exec(text.slice(Math.max(start, end - 12), end))?.[1];
      if (m[0] === "." && word && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) continue;
    }
    const trimmedEnd = trimEnd(text, m[0] === "\n" ? m.index : end);
    if (trimmedEnd > start) spans.push({ start, end: trimmedEnd });
    start = skipSpace(text, end);
  }
  const last = trimEnd(text, text.length);
  if (last > start) spans.push({ start, end: last });
  return spans;
}

/**
 * Pieces of one over-long sentence, each at most `limit` long: cut after a clause mark ("; ", ", "),
 * else between words, and only inside a word that is itself longer than the limit.
 */
export function splitLongSpan(text: string, span: Span, limit: number): Span[] {
  const out: Span[] = [];
  let start = span.start;
  while (span.end - start > limit) {
    const window = text.slice(start, start + limit + 1);
    let cut = -1;
    for (const mark of [/[;:]\s/g, /,\s/g, /\s/g]) {
      for (const m of window.matchAll(mark)) if (m.index > 0) cut = m.index + m[0].trimEnd().length;
      if (cut > limit / 3) break;
      cut = -1;
    }
    if (cut <= 0) cut = limit;
    const end = trimEnd(text, start + cut);
    out.push({ start, end });
    start = skipSpace(text, start + cut);
  }
  if (span.end > start) out.push({ start, end: span.end });
  return out;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return at;
}

function trimEnd(text: string, at: number): number {
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}
