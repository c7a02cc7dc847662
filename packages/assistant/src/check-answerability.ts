import {
  bm25Idf,
  canBeNoun,
  isEnglishWord,
  isInflectedVerb,
  isFrameWord,
  type SearchResult,
} from "@groundwork/retrieval";
import { figureFits, questionFigures } from "./answer-extractively";
import { passageUnits } from "./text/answer-units";
import { asksForFigure, contentTerms, oneEditApart, sameStem, stopwordList } from "./text/terms";

/** Question scaffolding that says nothing about which passage answers ("how long", "tell me"). */
const FILLER = new Set(
  contentTerms(
    "tell know get please want need like would could much many say explain give find anyone something us may wonder look long often soon",
  ),
);

/** One content term of the question (our stem) and the words it was written as. */
export type QuestionTerm = { term: string; words: string[] };

/** Rarity per written word among the chunks the caller may read (Postgres' `english` lexemes; null: a stop word). */
export type TermRarity = { chunkCount: number; df: Map<string, number | null> };

export type TermWeight = {
  term: string;
  weight: number;
  chunkIds: string[];
  /** Stems of the words retrieval joined to an absent word (WordNet relatives the caller's documents hold). */
  alternates?: string[];
  /** A content word no visible document uses, with no alternate: what the question asks about may be missing. */
  unknown?: boolean;
  /** The passage word an absent question word is one typing slip from ("jurry" → "jury"). */
  correctedTo?: string;
};

/** Function and filler words as written: an absent word one slip from one of them is a misspelt one ("meny"). */
const FUNCTION_WORDS = [
  ...stopwordList(),
  ..."tell know get please want need like would could much many say explain give find anyone something may wonder look long often soon".split(
    " ",
  ),
];

/**
 * For a question word no visible document uses: the word of the retrieved passages (text the
 * caller reads) it is one typing slip from, "" when it is a misspelt function word, else null.
 * Only words WordNet does not know are read as slips; short words are left alone (at three
 * letters one slip reaches too many words), and the first
 * letter must agree: slips rarely hit it, while "bread" → "read" is another word, not a typo.
 */
function slipOf(word: string, passageWords: Set<string>): string | null {
  // A word English has ("dogs", "bread") was meant as written, however near another it is.
  if (word.length < 4 || /\d/.test(word) || isEnglishWord(word)) return null;
  const slip = (a: string, b: string) => a[0] === b[0] && oneEditApart(a, b);
  if (FUNCTION_WORDS.some((f) => f.length >= 3 && slip(word, f))) return "";
  let found: string | null = null;
  for (const p of passageWords) {
    if (p.length < 4 || !slip(word, p)) continue;
    // Two passage words one slip away: which was meant is a guess.
    if (found !== null && contentTerms(found)[0] !== contentTerms(p)[0]) return null;
    found = p;
  }
  return found;
}

/**
 * What a passage earns for a question word it holds only through an alternate ("partner" for
 * "wife"): half. An alternate may mean what the user meant, or something near it, so it can
 * carry an answer only together with the question's other words.
 */
export const ALTERNATE_CREDIT = 0.5;

export type Answerability = {
  /** IDF-weighted share of the question's terms found in the best single passage, 0..1. */
  coverage: number;
  /**
   * The same share within the best sentence pair (or table row with its header) of any passage:
   * a passage that holds the words only scattered over unrelated lines or rows is a near miss.
   * When the question asks for a figure, only units stating one count.
   */
  focus: number;
  /** Coverage and focus counted over the words the caller's documents use (df > 0, or through an alternate) only. */
  knownCoverage: number;
  knownFocus: number;
  /** Share of the question's weight on content words no visible document uses (and no alternate stands in for). */
  unknown: number;
  bestChunkId: string | null;
  /** Per chunk id, the passage-level coverage. */
  byChunk: Map<string, number>;
  terms: TermWeight[];
  /**
   * The question's meaning groups (runs of adjacent content words: "study leave", "laser eye
   * surgery") that name a thing the caller's documents never mention (a noun no visible chunk
   * uses) while the best passage holds the phrase's other words: it is about the known half of
   * the phrase ("annual leave" for "study leave"), which is another thing.
   */
  brokenGroups: string[][];
};

/**
 * Runs of adjacent content words of the question, as indices into the question's terms (a
 * function word, filler, inflected verb or punctuation ends a run): its noun phrases, roughly.
 */
function meaningGroups({ query, wordsOf }: { query: string; wordsOf: string[][] }): number[][] {
  const groups: number[][] = [];
  let run: number[] = [];
  let hyphen = false;
  const pieces = query
    .normalize("NFKC")
    .toLowerCase()
    .split(/([\p{L}\p{N}]+)/u);
  for (const [k, piece] of pieces.entries()) {
    if (piece === "") continue;
    if (!/^[\p{L}\p{N}]+$/u.test(piece)) {
      // Spaces and hyphens join words of one phrase; other punctuation ends it.
      hyphen = piece === "-";
      if (/^[\s-]+$/.test(piece)) continue;
      if (run.length > 1) groups.push(run);
      run = [];
      continue;
    }
    const at = wordsOf.findIndex((ws) => ws.includes(piece));
    // A part of a hyphenated word ("sub" of "sub-processor") belongs to the word, term or not.
    if (at < 0 && (hyphen || pieces[k + 1] === "-")) continue;
    // An inflected verb ("dies", "covered") makes a clause, not a name: "my wife covered" is no phrase.
    if (at < 0 || isInflectedVerb(piece)) {
      if (run.length > 1) groups.push(run);
      run = [];
    } else if (!run.includes(at)) run.push(at);
  }
  if (run.length > 1) groups.push(run);
  return groups;
}

export function questionTerms(query: string): QuestionTerm[] {
  const byTerm = new Map<string, Set<string>>();
  for (const word of query
    .normalize("NFKC")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    const [term] = contentTerms(word);
    // One-letter leftovers of contractions ("don't" → "t") carry nothing.
    if (!term || term.length < 2 || FILLER.has(term)) continue;
    byTerm.set(term, (byTerm.get(term) ?? new Set()).add(word));
  }
  return [...byTerm].map(([term, words]) => ({ term, words: [...words] }));
}

type Passage = Pick<SearchResult, "chunkId" | "title" | "headings" | "text">;

function holds(vocab: Set<string>, term: string): boolean {
  if (vocab.has(term)) return true;
  for (const t of vocab) if (sameStem(t, term)) return true;
  return false;
}

type Unit = { terms: Set<string>; figure: boolean; text: string };
type Analysed = { context: Set<string>; vocab: Set<string>; units: Unit[] };

/** Sentence pairs and table rows (with their header) of a passage, as term sets. */
function focusUnits(r: Passage): Unit[] {
  return passageUnits(r).map(({ header, lines }) => ({
    terms: new Set([...(header === null ? [] : contentTerms(header)), ...lines.flatMap((l) => contentTerms(l))]),
    figure: lines.some((l) => /\d/.test(l)),
    text: lines.join(" "),
  }));
}

// Chunk text never changes under its id (a new version gets new chunks), so the word analysis
// of the passages questions keep landing on is done once per process.
const analysed = new Map<string, Analysed>();

function analyse(r: Passage): Analysed {
  const key = `${r.chunkId}:${r.text.length}:${r.title}`;
  let a = analysed.get(key);
  if (!a) {
    const context = new Set(contentTerms(`${r.title}\n${r.headings.join("\n")}`));
    a = { context, vocab: new Set([...context, ...contentTerms(r.text)]), units: focusUnits(r) };
    if (analysed.size >= 5_000) analysed.clear();
    analysed.set(key, a);
  }
  return a;
}

/** The credit a set of words earns for a term: 1 for the term itself, ALTERNATE_CREDIT for an alternate, else 0. */
function credit(vocab: Set<string>, t: TermWeight): number {
  if (holds(vocab, t.term)) return 1;
  return t.alternates?.some((a) => holds(vocab, a)) ? ALTERNATE_CREDIT : 0;
}

/**
 * How well the retrieved passages answer the question as a whole, from the passages retrieval
 * already returned and the question words' document frequencies among the chunks the caller
 * may read (so nothing here depends on a word only hidden documents hold):
 * - each content word weighs its idf: a passage that holds the rare words of a question is about
 *   it; one that holds only its common words ("policy", "work") is a near miss;
 * - a word the caller's documents never use weighs as the rarest word would — the question asks
 *   about something the documents do not name ("dogs") — unless it is a general-English frame
 *   word ("going", "someone"), which says nothing about the subject, or retrieval found WordNet
 *   relatives of it in the documents, which then earn it part of its weight;
 * - a figure the question states ("a purchase of £25,000") is one more term, held by text whose
 *   figure or band fits it;
 * - `coverage` is the share held by the best passage, `focus` the share held by its best sentence
 *   pair or table row (with its header): words scattered over unrelated lines do not answer.
 */
export function checkAnswerability({
  query,
  results,
  rarity,
  expansions = [],
}: {
  query: string;
  results: Passage[];
  rarity: TermRarity;
  expansions?: Array<{ from: string; to: string[] }>;
}): Answerability {
  const qTerms = questionTerms(query);
  const byChunk = new Map<string, number>();
  for (const r of results) byChunk.set(r.chunkId, 0);
  const empty: Answerability = {
    coverage: 0,
    focus: 0,
    knownCoverage: 0,
    knownFocus: 0,
    unknown: 1,
    bestChunkId: null,
    byChunk,
    terms: [],
    brokenGroups: [],
  };
  if (results.length === 0) return empty;

  const n = Math.max(rarity.chunkCount, results.length, 1);
  const idf = (df: number) => bm25Idf({ n, df });
  const alternatesOf = new Map(expansions.map((e) => [e.from, e.to.flatMap((w) => contentTerms(w))]));
  const terms: TermWeight[] = [];
  let passageWords: Set<string> | null = null;
  const slips: Array<{ at: number; to: string }> = [];
  const wordsOf: string[][] = [];
  for (const q of qTerms) {
    const dfs = q.words.map((w) => rarity.df.get(w)).filter((d) => d !== undefined);
    // Every spelling a stop word to Postgres: scaffolding, not content.
    if (dfs.length > 0 && dfs.every((d) => d === null)) continue;
    const df = Math.min(Math.max(0, ...dfs.map((d) => d ?? 0)), n);
    if (df === 0 && q.words.every((w) => isFrameWord(w))) continue;
    const alternates = df === 0 ? q.words.flatMap((w) => alternatesOf.get(w) ?? []) : [];
    const wordsOfPassages = () =>
      (passageWords ??= new Set(
        results.flatMap(
          (r) =>
            `${r.title}\n${r.headings.join("\n")}\n${r.text}`
              .normalize("NFKC")
              .toLowerCase()
              .match(/\p{L}+/gu) ?? [],
        ),
      ));
    // A misspelling Postgres' stemmer happens to map onto a real word's lexeme ("bereavment" and
    // "bereavement" both stem to "bereav") has a df, so retrieval found its passages, yet our
    // stems differ and no passage would hold it: read it as the passage word it is a slip of.
    if (df > 0 && q.words.every((w) => !isEnglishWord(w)) && !results.some((r) => holds(analyse(r).vocab, q.term))) {
      const slip = q.words.map((w) => slipOf(w, wordsOfPassages())).find((x) => x);
      if (slip) {
        wordsOf.push(q.words);
        terms.push({ term: contentTerms(slip)[0] ?? slip, weight: idf(df), chunkIds: [], correctedTo: slip });
        continue;
      }
    }
    if (df === 0 && alternates.length === 0) {
      const slip = q.words.map((w) => slipOf(w, wordsOfPassages())).find((x) => x !== null);
      if (slip === "") continue;
      if (slip) {
        // Weighed once the other words' weights are known (its own df was never looked up).
        slips.push({ at: terms.length, to: slip });
        wordsOf.push(q.words);
        terms.push({ term: contentTerms(slip)[0] ?? slip, weight: 0, chunkIds: [], correctedTo: slip });
        continue;
      }
    }
    wordsOf.push(q.words);
    terms.push({
      term: q.term,
      weight: idf(df),
      chunkIds: [],
      ...(alternates.length ? { alternates } : {}),
      ...(df === 0 && alternates.length === 0 ? { unknown: true } : {}),
    });
  }
  // A corrected word weighs what the question's other known words weigh on average.
  const known = terms.filter((t) => !t.unknown && !t.correctedTo);
  const meanKnown = known.length ? known.reduce((sum, t) => sum + t.weight, 0) / known.length : idf(1);
  for (const { at } of slips) terms[at]!.weight = meanKnown;
  const figures = questionFigures(query);
  const figureWeight = terms.length ? terms.reduce((sum, t) => sum + t.weight, 0) / terms.length : 1;
  const total = terms.reduce((sum, t) => sum + t.weight, 0) + (figures.length ? figureWeight : 0);
  if (terms.length === 0 || total <= 0) return empty;
  const unknownWeight = terms.filter((t) => t.unknown).reduce((sum, t) => sum + t.weight, 0);
  const knownTotal = Math.max(total - unknownWeight, 1e-9);

  const wantsFigure = asksForFigure(query);
  let focus = 0;
  let knownFocus = 0;
  let knownCoverage = 0;
  for (const r of results) {
    const { context, vocab, units } = analyse(r);
    let covered = 0;
    for (const t of terms) {
      const c = credit(vocab, t);
      if (c <= 0) continue;
      t.chunkIds.push(r.chunkId);
      covered += (c * t.weight) / total;
    }
    if (figures.length && figureFits(figures, r.text)) covered += figureWeight / total;
    byChunk.set(r.chunkId, covered);
    knownCoverage = Math.max(knownCoverage, (covered * total) / knownTotal);
    // Only passages that cover the question at all can hold its best-focused unit.
    if (covered <= focus) continue;
    for (const unit of units) {
      // A question asking for a figure is answered by a sentence or row that states one.
      if (wantsFigure && !unit.figure) continue;
      let share = terms.reduce(
        (sum, t) => sum + (Math.max(credit(unit.terms, t), credit(context, t)) * t.weight) / total,
        0,
      );
      if (figures.length && figureFits(figures, unit.text)) share += figureWeight / total;
      focus = Math.max(focus, share);
      knownFocus = Math.max(knownFocus, (share * total) / knownTotal);
    }
  }
  let bestChunkId: string | null = null;
  let coverage = 0;
  for (const r of results) {
    const c = byChunk.get(r.chunkId) ?? 0;
    if (c > coverage) {
      coverage = c;
      bestChunkId = r.chunkId;
    }
  }
  // A phrase of the question naming a thing none of the caller's documents mention (a noun no
  // visible chunk uses) whose other words the best passage holds ("study leave" against a
  // passage on annual leave, "Christmas bonus" against the Christmas rota, "laser eye surgery"
  // against eye tests): that passage is about the known half of the phrase, another thing,
  // however well it matches the rest. A lone absent word is left to the weights (it may be
  // chat: "grandmother"); a verb ("my parent died") or a typo ("compacter") names nothing; a
  // word with an alternate is not absent.
  const brokenGroups: string[][] = [];
  const best = results.find((r) => r.chunkId === bestChunkId);
  if (best && terms.some((t) => t.unknown)) {
    const { vocab } = analyse(best);
    for (const g of meaningGroups({ query, wordsOf }))
      if (
        g.some((i) => terms[i]!.unknown && wordsOf[i]!.some((w) => canBeNoun(w))) &&
        g.some((i) => credit(vocab, terms[i]!) > 0)
      )
        brokenGroups.push(g.map((i) => terms[i]!.term));
  }
  return {
    coverage,
    focus,
    knownCoverage: Math.min(knownCoverage, 1),
    knownFocus: Math.min(knownFocus, 1),
    unknown: unknownWeight / total,
    bestChunkId,
    byChunk,
    terms,
    brokenGroups,
  };
}
