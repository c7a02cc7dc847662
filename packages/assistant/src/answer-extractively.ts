import { markdownTable, tableBlocks, tableCells, type TableLine } from "./text/tables";
import { answerTypeOf, statesType, statesTypeNear } from "./text/answer-type";
import { isPointerSentence } from "./text/pointers";
import { asksForFigure, contentTerms, sameStem, splitSentences } from "./text/terms";
import type { NumberedSource } from "./types";

export type ExtractedSentence = {
  n: number;
  text: string;
  start: number;
  end: number;
  coverage: number;
  /** For a table row: the header row it is quoted with, so the cells say what they are. */
  header?: TableLine;
  /** An item of the list a quoted lead-in introduces: rendered as a list item. */
  list?: boolean;
};

/**
 * The section path of the passage the answer leads with ("Depot safety roles › Site Safety
 * Coordinator"), when its last heading is not already quoted: a role's duties or a plan's
 * figures say whose they are only through their heading.
 */
function leadHeading(sources: NumberedSource[], sentences: ExtractedSentence[]): { n: number; text: string } | null {
  const first = sentences[0];
  const src = first ? sources.find((x) => x.n === first.n) : undefined;
  if (!first || !src) return null;
  const path = [src.title, ...src.headings]
    .map((h) => h.trim())
    .filter((h, i, all) => h && all.findIndex((x) => x.toLowerCase() === h.toLowerCase()) === i);
  const last = path[path.length - 1];
  if (
    !last ||
    path.length < 2 ||
    sentences.some((x) => x.n === first.n && x.text.toLowerCase().includes(last.toLowerCase()))
  )
    return null;
  return { n: first.n, text: path.join(" › ") };
}

export type ExtractiveAnswer = { text: string; sentences: ExtractedSentence[] };

/** `terms` scores the candidate (a row with its header's words); `own` detects near-duplicates. */
type Candidate = ExtractedSentence & {
  terms: Set<string>;
  own: Set<string>;
  order: number;
  context: Set<string>;
  /** A numbered or bulleted line: a step of a procedure, whatever verb it opens with. */
  step: boolean;
  /** The passage's innermost heading: a role's duties state whose they are only there. */
  heading: string;
  /** Says where an answer is ("See also: Travel policy", "see section 4.2"), not what it is. */
  pointer: boolean;
  /** Words of a heading of its section made of question words only: the section is titled by what is asked. */
  titled: Set<string>;
};

/** Whether the text before `at` on its line is only a list marker ("3. ", "• "). */
function opensListItem(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return /^\s*(?:\d+[.)]|[-*+•▪]|\(?[a-z]\))\s+$/i.test(text.slice(lineStart, at));
}

/**
 * A table-of-contents line ("4.4 Buying extra leave | 6"): a numbered title and a page number.
 * It points at where an answer is and states nothing itself.
 */
export function isContentsRow(row: string): boolean {
  const cells = tableCells(row).filter(Boolean);
  return (
    cells.length >= 2 &&
    /^\d{1,4}$/.test(cells[cells.length - 1]!) &&
    cells.slice(0, -1).every((c) => /^(?:\d+(?:\.\d+)*\.?\s+[A-Z]|[A-Z]\.\d+\s+[A-Z]|Appendix\b)/.test(c))
  );
}

/** Longer than this, a quoted span is cut down to the stretch around the question's words. */
const MAX_QUOTE = 700;
const TRIM_TO = 360;

/**
 * The stretch of a long sentence or clause that holds most of the question's words, cut at
 * clause or word boundaries, with its offsets: a 900-character run of inline bullets is quoted
 * where it answers instead of being dropped. Verbatim, so verification still finds it.
 */
export function trimAround({
  text,
  start,
  terms,
  max = TRIM_TO,
}: {
  text: string;
  start: number;
  terms: string[];
  max?: number;
}): { text: string; start: number; end: number } {
  if (text.length <= max) return { text, start, end: start + text.length };
  const words = [...text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].map((m) => ({
    at: m.index ?? 0,
    hit: contentTerms(m[0]).some((t) => terms.some((q) => sameStem(t, q))) || /\d/.test(m[0]),
  }));
  // The window (by its first word) holding the most hits; numbers count, they are what is asked most.
  let best = 0;
  let bestHits = -1;
  for (let i = 0; i < words.length; i++) {
    // Windows open on a hit: the stretch starts where the answer does.
    if (!words[i]!.hit && i > 0) continue;
    let hits = 0;
    for (let j = i; j < words.length && words[j]!.at - words[i]!.at < max; j++) if (words[j]!.hit) hits += 1;
    if (hits > bestHits) {
      bestHits = hits;
      best = i;
    }
  }
  let from = words[best]?.at ?? 0;
  // Back to the start of the clause the window opens in, if that is near.
  const clauseStart = Math.max(
    text.lastIndexOf("; ", from),
    text.lastIndexOf("• ", from),
    text.lastIndexOf(", ", from),
  );
  if (clauseStart >= 0 && from - clauseStart < 80) from = clauseStart + 2;
  let to = Math.min(text.length, from + max);
  if (to < text.length) {
    const cut = Math.max(text.lastIndexOf(";", to), text.lastIndexOf(",", to), text.lastIndexOf(" ", to));
    if (cut > from + max / 2) to = cut;
  }
  const piece = text.slice(from, to);
  const lead = piece.length - piece.trimStart().length;
  const out = piece.trim().replace(/[;,]$/, "");
  return { text: out, start: start + from + lead, end: start + from + lead + out.length };
}

/** Longer than this, a sentence is a run of clauses or inline bullets: it is quoted clause by clause. */
const LONG_SENTENCE = 400;

/** Clauses of a long sentence (split at ";", "•" and " – "), with offsets into the source text. */
function clauses(s: { text: string; start: number }): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  const re = /[^;•]+/g;
  for (const m of s.text.matchAll(re)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text.length < 12) continue;
    const start = s.start + (m.index ?? 0) + lead;
    out.push({ text, start, end: start + text.length });
  }
  return out;
}

/**
 * The list a lead-in sentence introduces ("If the truck fails any item:"), or the steps after
 * the sentence a procedure question picked: the item lines that follow it in the passage.
 */
function listAfter(text: string, end: number, max = 8): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  // The list starts on the line after the one the sentence ends on.
  const lineEnd = text.indexOf("\n", end);
  if (lineEnd < 0) return out;
  const re = /[^\n]+/g;
  re.lastIndex = lineEnd + 1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && out.length < max) {
    const raw = m[0];
    if (raw.trim() === "") continue;
    if (!/^\s*(?:[-*+•▪–]\s+|\d+[.)]\s+|\(?[a-z]\)\s+|\(?[ivx]+\)\s+)/i.test(raw)) break;
    const lead = raw.match(/^\s*(?:[-*+•▪–]\s+)?/)?.[0].length ?? 0;
    out.push({ text: raw.slice(lead).trim(), start: m.index + lead, end: m.index + raw.trimEnd().length });
  }
  return out;
}

/**
 * The whole numbered or bulleted list a step belongs to (blank lines between items allowed):
 * a procedure is quoted from its first step, not from the step that happened to match.
 */
function listAround(text: string, at: number, max = 10): Array<{ text: string; start: number; end: number }> {
  const lines: Array<{ raw: string; start: number }> = [];
  for (const m of text.matchAll(/[^\n]+/g)) lines.push({ raw: m[0], start: m.index ?? 0 });
  const item = /^\s*(?:[-*+•▪–]\s+|\d+[.)]\s+|\(?[a-z]\)\s+)/i;
  const i = lines.findIndex((l) => at >= l.start && at <= l.start + l.raw.length);
  if (i < 0 || !item.test(lines[i]!.raw)) return [];
  let first = i;
  while (first > 0 && item.test(lines[first - 1]!.raw)) first -= 1;
  const out: Array<{ text: string; start: number; end: number }> = [];
  for (let j = first; j < lines.length && out.length < max && item.test(lines[j]!.raw); j++) {
    const { raw, start } = lines[j]!;
    const lead = raw.match(/^\s*(?:[-*+•▪–]\s+)?/)?.[0].length ?? 0;
    out.push({ text: raw.slice(lead).trim(), start: start + lead, end: start + raw.trimEnd().length });
  }
  return out;
}

/** A heading that names a procedure, its section number aside. */
const PROCEDURE_HEADING =
  /^(?:[\dA-Z]+(?:\.\d+)*\.?\s+)?(?:what to do|how to|steps?\b|procedures?\b|process\b|if you|when you|in an? )/i;
const PROCEDURE_HEADING_BONUS = 0.15;

/** The bonus for stating the asked type away from the question's words (0.35 beside them). */
const TYPE_FAR = 0.2;

/** What a sentence or row whose figure or band holds the question's figure earns (half of it at the loosest fit). */
const FIGURE_FIT = 0.3;

/** What a sentence or row earns for a question word only its section's title or headings hold. */
const CONTEXT_CREDIT = 0.5;

const toNumber = (s: string) => Number(s.replace(/,/g, ""));

/**
 * Whether a figure the question states falls in what the text states: the same number, or a
 * band such as "$1,000.01 to $5,000", "99.0% to below 99.5%", "up to $1,000", "above $5,000".
 * Bands are how approval limits, credits and fees are tabled.
 */
export type QuestionFigure = { value: number; op: "below" | "above" | null; unit?: string | null };

/** Measures a figure can be in: two figures in different ones ("12 hours", "up to £35") never fit. */
const MEASURE_UNITS = new Set([
  "minute",
  "hour",
  "day",
  "night",
  "week",
  "month",
  "year",
  "mile",
  "km",
  "kilometre",
  "percent",
  "money",
]);

/**
 * The measure of the number at `[from, to)` in `text`: "money" after a currency sign, "percent",
 * or the time or distance unit the next word names ("10 working days" → day); null when none.
 */
function unitAt(text: string, from: number, to: number): string | null {
  if (/[$€£¥]\s?$/.test(text.slice(Math.max(0, from - 2), from))) return "money";
  const after = /^\s*(%|[\p{L}]+)(?:\s+([\p{L}]+))?/u.exec(text.slice(to, to + 40));
  if (!after) return null;
  if (after[1] === "%" || /^per(?:cent)?$/i.test(after[1]!))
    return after[1] === "%" || /^percent$/i.test(after[1]!) ? "percent" : null;
  if (/^(?:dollars?|euros?|pounds?|usd|eur|gbp|p)$/i.test(after[1]!)) return "money";
  // "10 working days", "5 business days": the unit is the word after the qualifier.
  const word = (/^(?:working|business|calendar|consecutive|full|clear)$/i.test(after[1]!) ? after[2] : after[1]) ?? "";
  const unit = word
    .toLowerCase()
    .replace(/^(mins?|hrs?)$/, (m) => (m.startsWith("m") ? "minute" : "hour"))
    .replace(/s$/, "");
  return MEASURE_UNITS.has(unit) ? unit : null;
}

/** Figures a question states, with "below"/"above" when it states a bound rather than a value, and their measure. */
export function questionFigures(question: string): QuestionFigure[] {
  const q = question.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, " ");
  return [
    ...q.matchAll(/\b(?:(below|under|less than)|(above|over|more than|exceeding))?\s*[$€£]?(\d[\d,]*(?:\.\d+)?)/gi),
  ].map((m) => {
    const at = (m.index ?? 0) + m[0].length - m[3]!.length;
    return {
      value: toNumber(m[3]!.replace(/[.,]$/, "")),
      op: m[1] ? "below" : m[2] ? "above" : null,
      unit: unitAt(q, at, at + m[3]!.length),
    };
  });
}

export function figureFits(figures: QuestionFigure[] | number[], text: string): boolean {
  return figureSlack({ figures, text, byUnit: false }) !== null;
}

/**
 * How loosely the text's figure or band fits a figure the question states, as a share of that
 * figure: 0 for the same number or a band edge at it, more the further the band's nearest edge
 * lies from it; null when nothing fits. Tiered allowances and fees state cumulative bands
 * ("€15 if away for more than 5 hours; €35 if more than 10 hours"): for a 12-hour day both
 * hold, and the tier that applies is the one whose edge is nearest. With `byUnit`, figures in
 * different measures do not fit ("a 12 hour day" is not "up to €35").
 */
export function figureSlack({
  figures,
  text,
  byUnit = true,
}: {
  figures: QuestionFigure[] | number[];
  text: string;
  byUnit?: boolean;
}): number | null {
  const qs: QuestionFigure[] = figures.map((f) => (typeof f === "number" ? { value: f, op: null } : f));
  if (qs.length === 0) return null;
  // A bound in the question ("drops below 99.0%") matches a band lying wholly on that side of it.
  const inBand = (q: QuestionFigure, lo: number, hi: number, hiOpen: boolean) =>
    q.op === "below"
      ? hi <= q.value
      : q.op === "above"
        ? lo >= q.value
        : q.value >= lo && (hiOpen ? q.value < hi : q.value <= hi);
  // The distance from the question's figure to the band's nearest finite edge, relative to the figure.
  const slackOf = (q: QuestionFigure, lo: number, hi: number) => {
    const edges = [lo, hi].filter((x) => Number.isFinite(x));
    const d = edges.length ? Math.min(...edges.map((x) => Math.abs(q.value - x))) : 0;
    return d / Math.max(Math.abs(q.value), 1);
  };
  const t = text.replace(/\[\d+(?:\s*,\s*\d+)*\]/g, " ");
  const num = String.raw`[$€£]?(\d[\d,]*(?:\.\d+)?)`;
  type Band = (m: RegExpMatchArray) => [number, number, boolean] | null;
  const bands: Array<[RegExp, Band]> = [
    [
      new RegExp(String.raw`${num}\s*%?\s*(?:to|-|–)\s*(below|under|less than)?\s*${num}`, "gi"),
      (m) => [toNumber(m[1]!), toNumber(m[3]!), !!m[2]],
    ],
    [
      new RegExp(String.raw`\b(?:up to|at most|no more than)\s*${num}`, "gi"),
      (m) => [-Infinity, toNumber(m[1]!), false],
    ],
    [new RegExp(String.raw`\b(?:below|under|less than)\s*${num}`, "gi"), (m) => [-Infinity, toNumber(m[1]!), true]],
    [
      new RegExp(String.raw`\b(?:above|over|more than|exceeding)\s*${num}`, "gi"),
      (m) => [toNumber(m[1]!), Infinity, true],
    ],
    [
      new RegExp(String.raw`\b(?:at least|from)\s*${num}\s*(?:or more|and above|\+)?`, "gi"),
      (m) => [toNumber(m[1]!), Infinity, false],
    ],
  ];
  let best: number | null = null;
  const consider = (slack: number) => (best = best === null ? slack : Math.min(best, slack));
  // The measure of a band is that of its last number ("5 to 10 days"), or a currency sign on any.
  const bandUnit = (m: RegExpMatchArray) => {
    const from = m.index ?? 0;
    const end = from + m[0].trimEnd().length;
    return /[$€£¥]/.test(m[0]) ? "money" : unitAt(t, end, end);
  };
  const sameMeasure = (q: QuestionFigure, unit: string | null) => !byUnit || !q.unit || !unit || q.unit === unit;
  // Bands first, longest patterns first: "99.0% to below 99.5%" must not also read as "below 99.5%".
  let rest = t;
  for (const [re, band] of bands) {
    for (const m of rest.matchAll(re)) {
      const b = band(m);
      if (!b) continue;
      const unit = bandUnit(m);
      for (const q of qs) {
        if (!sameMeasure(q, unit)) continue;
        const [lo, hi, hiOpen] = b;
        // "more than X" holds any figure above X; a bound in the question must lie on its side.
        const fits =
          hi === Infinity && hiOpen
            ? q.op === "above"
              ? lo >= q.value
              : q.op === null && q.value > lo
            : inBand(q, lo, hi, hiOpen);
        if (fits) consider(slackOf(q, lo, hi));
      }
    }
    // Replaced by spaces of the same length, so later offsets still point into `t`.
    rest = rest.replace(re, (x) => " ".repeat(x.length));
  }
  // Figures outside any band must match exactly ("below 99.9%" does not hold 99.9).
  for (const m of rest.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const value = toNumber(m[0].replace(/,(?=\d{3}\b)/g, "").replace(/[.,]$/, ""));
    const from = m.index ?? 0;
    const unit = unitAt(t, from, from + m[0].length);
    if (qs.some((q) => q.op === null && q.value === value && sameMeasure(q, unit))) consider(0);
  }
  return best;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter += 1;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}

/**
 * The offline answerer: picks whole sentences from the top passages that best cover the
 * question (rarer question words weigh more), skipping near-duplicates, orders them as they
 * appear in their sources and cites each. It copies text verbatim — it never writes a word of
 * its own — so it cannot state anything the documents do not.
 */
export function answerExtractively({
  question,
  sources,
  maxSentences = 3,
  maxSources = 4,
  rarity,
}: {
  question: string;
  sources: NumberedSource[];
  maxSentences?: number;
  maxSources?: number;
  /**
   * The question words' weights over the caller's whole visible corpus (the answerability
   * check's idf, by our stem): "accident" decides which sentence answers, the "work" of "at
   * work" hardly. Without it every word weighs by its rarity among the candidates alone.
   */
  rarity?: Map<string, number>;
}): ExtractiveAnswer {
  // The words that say what kind of answer is wanted ("how quickly", "how often") are not its
  // topic: "Quick questions" in a table does not answer "how quickly must I report".
  const qTerms = [...new Set(contentTerms(question.replace(/\bhow (?:quickly|soon|fast|often)\b/gi, "how")))];
  const wantsNumber = asksForFigure(question);
  const type = answerTypeOf(question);
  if (qTerms.length === 0 || sources.length === 0) return { text: "", sentences: [] };

  const questionNumbers = questionFigures(question);
  const slacks = new Map<Candidate, number | null>();
  const slackOf = (c: Candidate) => {
    if (!slacks.has(c)) slacks.set(c, figureSlack({ figures: questionNumbers, text: c.text, byUnit: true }));
    return slacks.get(c)!;
  };
  const candidates: Candidate[] = [];
  let order = 0;
  for (const source of sources.slice(0, maxSources)) {
    const headings = new Set([source.title, ...source.headings].map((h) => h.trim().toLowerCase()));
    const context = contentTerms([source.title, ...source.headings].join("\n"));
    // A heading made only of the question's words ("BIM Manager" for "what does the BIM manager
    // do?", "5. Enhanced plan" for a question on the enhanced plan) titles its section by what is
    // asked: every sentence under it is about that, as every row of a table is about its header.
    const titled = new Set(
      source.headings.flatMap((h) => {
        const words = contentTerms(h);
        return words.length > 0 && words.length <= 5 && words.every((w) => qTerms.some((q) => sameStem(w, q)))
          ? words
          : [];
      }),
    );
    // A table row is one candidate, scored with its header's words ("Approver", "Service credit")
    // since its cells alone rarely say what they are; the header itself states nothing.
    const tableSpans: Array<{ start: number; end: number }> = [];
    const rows: Array<{ row: TableLine; header: TableLine }> = [];
    for (const block of tableBlocks(source.text)) {
      tableSpans.push(block.header, ...block.rows);
      for (const row of block.rows) rows.push({ row, header: block.header });
    }
    const inTable = (at: number) => tableSpans.some((l) => at >= l.start && at < l.end);
    const items: Array<{ text: string; start: number; end: number; header?: TableLine }> = [
      ...splitSentences(source.text).filter((s) => !inTable(s.start)),
      ...rows.map(({ row, header }) => ({ ...row, header })),
    ].sort((a, b) => a.start - b.start);
    const expanded: Array<{ text: string; start: number; end: number; header?: TableLine }> = items.flatMap((s) =>
      !s.header && s.text.length > LONG_SENTENCE ? clauses(s) : [s],
    );
    for (const item of expanded) {
      const s = item.text.length > MAX_QUOTE && !item.header ? trimAround({ ...item, terms: qTerms }) : item;
      const words = s.text.split(/\s+/).length;
      if (s.text.length > MAX_QUOTE || headings.has(s.text.toLowerCase())) continue;
      if (item.header && isContentsRow(s.text)) continue;
      if (!item.header && words < 4) continue;
      // Table separators carry no statement.
      if (/^[|:\-\s]+$/.test(s.text)) continue;
      if (item.header && tableCells(s.text).filter(Boolean).length < 2) continue;
      const own = new Set(contentTerms(s.text));
      // A heading-like line ("Limitation of liability 11.1 General cap.") only repeats its context.
      if (!item.header && words < 8 && [...own].every((t) => context.includes(t))) continue;
      // A row is a fragment: its header and the passage's title and headings say what it is
      // about ("Expenses policy › Approval limits" for the approver row), in full. A prose
      // sentence states its own subject; its section's words earn it CONTEXT_CREDIT.
      const terms = item.header ? new Set([...own, ...contentTerms(item.header.text)]) : own;
      candidates.push({
        n: source.n,
        text: s.text,
        start: s.start,
        end: s.end,
        coverage: 0,
        terms,
        own,
        order: order++,
        context: new Set(context),
        titled,
        step: !item.header && opensListItem(source.text, s.start),
        heading: source.headings[source.headings.length - 1] ?? "",
        pointer: !item.header && isPointerSentence(s.text),
        ...(item.header ? { header: item.header } : {}),
      });
    }
  }
  if (candidates.length === 0) return { text: "", sentences: [] };

  // Rarer words decide more: a word every passage shares ("policy") decides little.
  const weight = new Map<string, number>();
  for (const q of qTerms) {
    const df = candidates.filter((c) => [...c.terms].some((t) => sameStem(t, q))).length;
    // The corpus weight when the caller gave one (measured on the tuning halves: it beat the
    // local weight and their product), else rarity among these candidates.
    const corpus = rarity ? [...rarity].find(([t]) => sameStem(t, q))?.[1] : undefined;
    weight.set(q, corpus ?? 1 + Math.log(1 + candidates.length / (1 + df)));
  }
  const total = [...weight.values()].reduce((a, b) => a + b, 0);
  // A prose sentence states its own words fully and its section's (title and headings) by half:
  // "The maximum room rate is £110 per night" answers a hotel question under "6.3 Hotels",
  // though only its heading says "hotel". Rows already carry their context among their terms.
  const creditOf = (c: Candidate, q: string) =>
    [...c.terms].some((t) => sameStem(t, q))
      ? 1
      : [...c.context].some((t) => sameStem(t, q))
        ? c.header || [...c.titled].some((t) => sameStem(t, q))
          ? 1
          : CONTEXT_CREDIT
        : 0;
  const credits = new Map<Candidate, Map<string, number>>();
  for (const c of candidates) {
    const m = new Map<string, number>();
    for (const q of qTerms) {
      const k = creditOf(c, q);
      if (k > 0) m.set(q, k);
    }
    credits.set(c, m);
    c.coverage = [...m].reduce((s, [q, k]) => s + k * weight.get(q)!, 0) / total;
  }
  // Own words only: whether a sentence says anything about the question beyond its heading.
  const ownHits = (c: Candidate) => [...credits.get(c)!].filter(([, k]) => k >= 1).length;

  const isQuestionWord = (word: string) => contentTerms(word).some((t) => qTerms.some((q) => sameStem(t, q)));

  const selected: Candidate[] = [];
  const covered = new Map<string, number>();
  const best = Math.max(...candidates.map((c) => c.coverage));
  if (best <= 0) return { text: "", sentences: [] };
  // A cross-reference or a line of links is quoted only when no sentence that states something
  // shares the question's words: it tells the reader where to look, which a content sentence beats.
  const stated = candidates.some((c) => !c.pointer && c.coverage > 0 && (!!c.header || ownHits(c) > 0));
  while (selected.length < maxSentences) {
    let pick: Candidate | null = null;
    let pickScore = 0;
    for (const c of candidates) {
      if (selected.includes(c)) continue;
      if (c.pointer && stated) continue;
      // Rows of one table are distinct records however many cells they share; elsewhere a
      // sentence much like one already quoted adds nothing.
      const sameTable = (s: Candidate) => !!s.header && !!c.header && s.n === c.n && s.header.start === c.header.start;
      if (selected.some((s) => !sameTable(s) && jaccard(s.own, c.own) > 0.5)) continue;
      // Once a row matching the figure asked about is quoted, its neighbours that do not match are noise.
      const fits = (x: Candidate) => slackOf(x) !== null;
      if (c.header && !fits(c) && selected.some((s) => sameTable(s) && fits(s))) continue;
      const gain =
        [...credits.get(c)!].reduce((s, [q, k]) => s + Math.max(0, k - (covered.get(q) ?? 0)) * weight.get(q)!, 0) /
        total;
      // After the first pick, a sentence must add an uncovered question word or be nearly as good as the best.
      if (selected.length > 0 && gain <= 0 && c.coverage < 0.8 * best) continue;
      if (c.coverage <= 0) continue;
      // A sentence sharing no word of its own with the question is picked only for the type it states.
      if (ownHits(c) === 0 && !c.header && !(type !== "other" && statesType(c.text, type))) continue;
      // A sentence stating what is asked (a duration for "how long", a role for "who") beats
      // one that only names the topic; one whose section the question names beats a sibling
      // section's (the "Plus" plan's figures, not the "Standard" plan's).
      // A value of the asked type next to the question's words is the answer; the same type
      // stated elsewhere in the sentence earns less (TYPE_FAR).
      const near = !!c.header || statesTypeNear({ text: c.text, type, near: isQuestionWord });
      const typed =
        type !== "other"
          ? statesType(c.text, type) ||
            (type === "procedure" && c.step) ||
            // "Issues permits to work." under the heading "Site Safety Coordinator" says who does.
            (type === "person" && !c.header && c.heading.split(/\s+/).length <= 6 && statesType(c.heading, "person"))
            ? type === "yesno"
              ? 0.1
              : near || !statesType(c.text, type)
                ? 0.35
                : TYPE_FAR
            : 0
          : wantsNumber && /\d/.test(c.text)
            ? 0.25
            : 0;
      // A step under a heading that names a procedure ("8.1 What to do after an accident", "How
      // to report") is what a "what do I do" question asks for: documents label their procedures.
      const procedural =
        type === "procedure" && c.step && PROCEDURE_HEADING.test(c.heading) ? PROCEDURE_HEADING_BONUS : 0;
      // A row or clause whose band holds the figure asked about earns FIGURE_FIT, the more the
      // nearer its edge lies to that figure (the tier that applies among cumulative ones).
      const slack = slackOf(c);
      const numeric = typed + procedural + (slack === null ? 0 : FIGURE_FIT * (1 - Math.min(slack, 1) / 2));
      const inContext = qTerms.filter((q) => [...c.context].some((t) => sameStem(t, q))).length / qTerms.length;
      // Earlier sources (better retrieval rank) and earlier sentences win ties.
      const score = gain + 0.5 * c.coverage + numeric + 0.15 * inContext + 0.02 / c.n - 0.0001 * c.order;
      if (score > pickScore) {
        pick = c;
        pickScore = score;
      }
    }
    if (!pick) break;
    selected.push(pick);
    for (const [q, k] of credits.get(pick)!) covered.set(q, Math.max(k, covered.get(q) ?? 0));
  }
  // The answer leads with the passage of its best pick, then the others in retrieval order.
  const leadN = selected[0]?.n;
  const rank = (n: number) => (n === leadN ? 0 : n);
  selected.sort((a, b) => rank(a.n) - rank(b.n) || a.start - b.start);
  const sentences: ExtractedSentence[] = [];
  const byN = new Map(sources.map((src) => [src.n, src]));
  for (const { n, text, start, end, coverage, header, step } of selected) {
    if (sentences.some((x) => x.n === n && start >= x.start && end <= x.end)) continue;
    const whole = type === "procedure" && step ? listAround(byN.get(n)?.text ?? "", start) : [];
    if (whole.length > 1) {
      for (const item of whole)
        if (!sentences.some((x) => x.n === n && x.start <= item.start && item.start < x.end))
          sentences.push({ n, text: item.text, start: item.start, end: item.end, coverage, list: true });
      continue;
    }
    sentences.push({ n, text, start, end, coverage, ...(header ? { header } : {}) });
    // A lead-in ("If the truck fails any item:") is quoted with the list it introduces, and a
    // procedure question gets the steps that follow the sentence it picked.
    const src = byN.get(n);
    if (!header && src && (/:\s*$/.test(text) || type === "procedure")) {
      for (const item of listAfter(src.text, end)) {
        if (
          sentences.some((x) => x.n === n && x.start === item.start) ||
          selected.some((x) => x.n === n && x.start === item.start)
        )
          continue;
        sentences.push({ n, text: item.text, start: item.start, end: item.end, coverage, list: true });
      }
    }
    // A procedure question asks what to do: the sentence matching the situation ("If a customer
    // disputes a card payment, do not refund as well.") is followed, in its paragraph, by the
    // actions ("Forward the notification to refunds@…"). The lead pick brings up to two of them.
    if (!header && src && type === "procedure" && n === leadN && sentences.length === 1) {
      const lineEnd = src.text.indexOf("\n", end);
      const para = src.text.slice(end, lineEnd < 0 ? src.text.length : lineEnd);
      for (const next of splitSentences(para).slice(0, 2)) {
        const at = end + next.start;
        if (next.text.length > LONG_SENTENCE || sentences.some((x) => x.n === n && x.start === at)) break;
        if (selected.some((x) => x.n === n && x.start === at) || isPointerSentence(next.text)) continue;
        sentences.push({ n, text: next.text, start: at, end: at + next.text.length, coverage });
      }
    }
  }
  sentences.sort((a, b) => rank(a.n) - rank(b.n) || a.start - b.start);
  return { text: renderExtract({ sentences, lead: leadHeading(sources, sentences) }), sentences };
}

/**
 * Prose sentences run on as a paragraph; table rows become a markdown table under their own
 * header row (rows of one table together), cell text verbatim, the citation in the last cell.
 */
function renderExtract({
  sentences,
  lead,
}: {
  sentences: ExtractedSentence[];
  lead: { n: number; text: string } | null;
}): string {
  const blocks: string[] = lead ? [`**${lead.text.replace(/[*_`[\]]/g, "")}** [${lead.n}]`] : [];
  let prose: string[] = [];
  const flush = () => {
    if (prose.length) blocks.push(prose.join(" ").replaceAll(" \n", "\n"));
    prose = [];
  };
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i]!;
    if (s.list) {
      prose.push(`\n- ${s.text} [${s.n}]`);
      continue;
    }
    if (!s.header) {
      // A fragment starting in lower case (a list item's continuation) goes on its own line, so
      // it is not read as part of the sentence before it, whose citation differs.
      if (prose.length && !/^["“(]?[A-Z0-9]/.test(s.text)) prose.push(`\n${s.text} [${s.n}]`);
      else prose.push(`${s.text} [${s.n}]`);
      continue;
    }
    flush();
    const rows = [s.text];
    while (
      sentences[i + 1]?.header &&
      sentences[i + 1]!.n === s.n &&
      sentences[i + 1]!.header!.start === s.header.start
    )
      rows.push(sentences[++i]!.text);
    blocks.push(markdownTable({ header: s.header.text, rows, cite: `[${s.n}]` }));
  }
  flush();
  return blocks.join("\n\n");
}
