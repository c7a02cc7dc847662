import { tokenize } from "@groundwork/models/embeddings";

/**
 * Word-level helpers shared by condensing, extractive answering and verification. Terms are
 * the hashing embedder's light stems, so "policies"/"policy" and "days"/"day" meet.
 */

// Question scaffolding and function words: they say nothing about which passage answers.
const STOPWORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do doe does doing don down during each few for from further get got had has have having he her here hers him his how " +
    "i if in into is it its itself just know let like may me might more most much must my need no nor not now of off on once only or other " +
    "our ours out over own please same say she should so some such tell than that the their theirs them then there these they this " +
    "those through to too under until up us very want was we were what when where which while who whom why will with would you your yours"
  ).split(" "),
);

// Questions whose answer is a figure, a duration or a date.
const NUMERIC_QUESTION =
  /\b(how (many|much|long|often|soon|far|quickly|old|big|large)|when|within|what (date|day|time|year)|(time|limit|rate|price|fee|cost|amount|budget|cap|deadline|percentage|allowance|stipend|salary|midpoint|minimum|maximum)\b)/i;

/** The question asks for a figure, a duration or a date, or states one the answer must relate to. */
export function asksForFigure(question: string): boolean {
  return NUMERIC_QUESTION.test(question) || /\d/.test(question);
}

export function isStopword(term: string): boolean {
  return STOPWORDS.has(term);
}

/** Every stop word as written, for matching misspellings of them ("meny", "becuase"). */
export function stopwordList(): Iterable<string> {
  return STOPWORDS;
}

/**
 * Whether two words are one typing slip apart: one letter added, dropped or changed, or two
 * neighbours swapped (optimal string alignment distance ≤ 1).
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** Stemmed content words, in order, citation markers excluded. */
export function contentTerms(text: string): string[] {
  return tokenize(text.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, " ")).filter((t) => !STOPWORDS.has(t) && !/^\d+$/.test(t));
}

/** Numbers as written, normalised: "1,000" → "1000", "2.5%" → "2.5"; years and amounts alike. */
export function numbersIn(text: string): string[] {
  const cleaned = text.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, " ");
  return [...cleaned.matchAll(/\d[\d,]*(?:\.\d+)?/g)].map((m) =>
    m[0].replace(/,(?=\d{3}\b)/g, "").replace(/[.,]$/, ""),
  );
}

/**
 * Postgres' English stems and ours differ ("polici" vs "policy"); two stems count as the same
 * word when one is nearly a prefix of the other.
 */
export function sameStem(a: string, b: string): boolean {
  if (a === b) return true;
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p += 1;
  return p >= 4 && p >= Math.min(a.length, b.length) - 1;
}

export type Sentence = { text: string; start: number; end: number };

const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|mr|mrs|ms|dr|no|inc|ltd|co|approx|art|sec|para|fig|st)\.$/i;

/**
 * Sentences with offsets into `text`. Lines are boundaries too (list items, table rows),
 * and a leading list marker is left out of the sentence, never rewritten.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const lineRe = /[^\n]+/g;
  for (const line of text.matchAll(lineRe)) {
    const lineStart = line.index ?? 0;
    const raw = line[0];
    const lead = raw.match(/^\s*(?:[-*+•]\s+|\d+[.)]\s+|#{1,6}\s+|>\s*)?/)?.[0].length ?? 0;
    let segStart = lead;
    // Citations after the full stop ("… per year. [1] Next") stay with their sentence.
    const boundary = /[.!?]["”’)]*(?:\s*\[\d+(?:\s*,\s*\d+)*\])*\s+(?=["“(]?[A-Z0-9]|\[(?!\d))/g;
    for (const m of raw.matchAll(boundary)) {
      const endIdx = (m.index ?? 0) + m[0].trimEnd().length;
      const candidate = raw.slice(segStart, endIdx);
      if (ABBREVIATIONS.test(candidate.replace(/(?:\s*\[[\d,\s]+\])+$/, ""))) continue;
      push(candidate, lineStart + segStart);
      segStart = (m.index ?? 0) + m[0].length;
    }
    push(raw.slice(segStart), lineStart + segStart);
  }
  function push(s: string, at: number) {
    const leading = s.length - s.trimStart().length;
    const trimmed = s.trim();
    if (trimmed) out.push({ text: trimmed, start: at + leading, end: at + leading + trimmed.length });
  }
  return out;
}

export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length && i < b.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}
