import type { SearchResult } from "@groundwork/retrieval";
import { tableBlocks } from "./text/tables";
import { asksForFigure, contentTerms, sameStem, splitSentences } from "./text/terms";

/** Question scaffolding that says nothing about which passage answers ("how long", "tell me"). */
const FILLER = new Set(
  contentTerms("tell know get please want need like would could much many say explain give find anyone something us may wonder look long often soon"),
);

/** One content term of the question (our stem) and the words it was written as. */
export type QuestionTerm = { term: string; words: string[] };

/** Rarity per written word among the chunks the caller may read (Postgres' `english` lexemes; null: a stop word). */
export type TermRarity = { chunkCount: number; df: Map<string, number | null> };

export type TermWeight = { term: string; weight: number; chunkIds: string[] };

export type Answerability = {
  /** IDF-weighted share of the question's terms found in the best single passage, 0..1. */
  coverage: number;
  /**
   * The same share within the best sentence pair (or table row with its header) of any passage:
   * a passage that holds the words only scattered over unrelated lines or rows is a near miss.
   * When the question asks for a figure, only units stating one count.
   */
  focus: number;
  bestChunkId: string | null;
  /** Per chunk id, the passage-level coverage. */
  byChunk: Map<string, number>;
  terms: TermWeight[];
};

export function questionTerms(query: string): QuestionTerm[] {
  const byTerm = new Map<string, Set<string>>();
  for (const word of query.normalize("NFKC").toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
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

type Unit = { terms: Set<string>; figure: boolean };
type Analysed = { context: Set<string>; vocab: Set<string>; units: Unit[] };

/** Sentence pairs and table rows (with their header) of a passage, as term sets. */
function focusUnits(text: string): Unit[] {
  const units: Unit[] = [];
  const tableLines: Array<{ start: number; end: number }> = [];
  for (const block of tableBlocks(text)) {
    const header = contentTerms(block.header.text);
    for (const row of block.rows) units.push({ terms: new Set([...header, ...contentTerms(row.text)]), figure: /\d/.test(row.text) });
    tableLines.push(...block.rows, block.header);
  }
  const inTable = (at: number) => tableLines.some((l) => at >= l.start && at < l.end);
  const prose = splitSentences(text)
    .filter((s) => !inTable(s.start) && !/^[|:\-\s]+$/.test(s.text))
    .map((s) => ({ terms: contentTerms(s.text), figure: /\d/.test(s.text) }));
  prose.forEach((s, i) => {
    const next = prose[i + 1];
    units.push({ terms: new Set(next ? [...s.terms, ...next.terms] : s.terms), figure: s.figure || !!next?.figure });
  });
  return units;
}

// Chunk text never changes under its id (a new version gets new chunks), so the word analysis
// of the passages questions keep landing on is done once per process.
const analysed = new Map<string, Analysed>();

function analyse(r: Passage): Analysed {
  const key = `${r.chunkId}:${r.text.length}:${r.title}`;
  let a = analysed.get(key);
  if (!a) {
    const context = new Set(contentTerms(`${r.title}\n${r.headings.join("\n")}`));
    a = { context, vocab: new Set([...context, ...contentTerms(r.text)]), units: focusUnits(r.text) };
    if (analysed.size >= 5_000) analysed.clear();
    analysed.set(key, a);
  }
  return a;
}

/**
 * How well the retrieved passages cover the question, from the passages retrieval already
 * returned plus corpus rarity (rarer words weigh more: a question about "pets in the office" is
 * not answered by an office policy that never says "pet"). Only passages retrieval returned for
 * this principal are inspected.
 */
export function checkAnswerability({ query, results, rarity }: { query: string; results: Passage[]; rarity: TermRarity }): Answerability {
  const qTerms = questionTerms(query);
  const byChunk = new Map<string, number>();
  for (const r of results) byChunk.set(r.chunkId, 0);
  const empty: Answerability = { coverage: 0, focus: 0, bestChunkId: null, byChunk, terms: [] };
  if (results.length === 0) return empty;

  const n = Math.max(rarity.chunkCount, results.length, 1);
  const weighted = qTerms
    .map((q) => {
      const dfs = q.words.map((w) => rarity.df.get(w)).filter((d) => d !== undefined);
      // Every spelling a stop word to Postgres: scaffolding, not content.
      if (dfs.length > 0 && dfs.every((d) => d === null)) return null;
      const df = Math.min(Math.max(0, ...dfs.map((d) => d ?? 0)), n);
      return { term: q.term, weight: Math.log(1 + (n - df + 0.5) / (df + 0.5)) };
    })
    .filter((t): t is { term: string; weight: number } => t !== null);
  const total = weighted.reduce((s, t) => s + t.weight, 0);
  if (weighted.length === 0 || total <= 0) return empty;

  const terms: TermWeight[] = weighted.map((t) => ({ ...t, chunkIds: [] }));
  const wantsFigure = asksForFigure(query);
  let focus = 0;
  for (const r of results) {
    const { context, vocab, units } = analyse(r);
    let covered = 0;
    for (const t of terms) {
      if (!holds(vocab, t.term)) continue;
      t.chunkIds.push(r.chunkId);
      covered += t.weight / total;
    }
    byChunk.set(r.chunkId, covered);
    // Only passages that cover the question at all can hold its best-focused unit.
    if (covered <= focus) continue;
    for (const unit of units) {
      // A question asking for a figure is answered by a sentence or row that states one.
      if (wantsFigure && !unit.figure) continue;
      const share = terms.reduce((s, t) => s + (holds(unit.terms, t.term) || holds(context, t.term) ? t.weight / total : 0), 0);
      focus = Math.max(focus, share);
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
  return { coverage, focus, bestChunkId, byChunk, terms };
}
