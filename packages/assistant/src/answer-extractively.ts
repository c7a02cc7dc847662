import { contentTerms, sameStem, splitSentences } from "./text/terms";
import type { NumberedSource } from "./types";

export type ExtractedSentence = { n: number; text: string; start: number; end: number; coverage: number };

export type ExtractiveAnswer = { text: string; sentences: ExtractedSentence[] };

// Questions whose answer is a figure, a duration or a date: sentences stating one come first.
const NUMERIC_QUESTION =
  /\b(how (many|much|long|often|soon|far|quickly|old|big|large)|when|within|what (date|day|time|year)|(time|limit|rate|price|fee|cost|amount|budget|cap|deadline|percentage|allowance|stipend|salary|midpoint|minimum|maximum)\b)/i;

type Candidate = ExtractedSentence & { terms: Set<string>; order: number };

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
}: {
  question: string;
  sources: NumberedSource[];
  maxSentences?: number;
  maxSources?: number;
}): ExtractiveAnswer {
  const qTerms = [...new Set(contentTerms(question))];
  const wantsNumber = NUMERIC_QUESTION.test(question);
  if (qTerms.length === 0 || sources.length === 0) return { text: "", sentences: [] };

  const candidates: Candidate[] = [];
  let order = 0;
  for (const source of sources.slice(0, maxSources)) {
    const headings = new Set([source.title, ...source.headings].map((h) => h.trim().toLowerCase()));
    for (const s of splitSentences(source.text)) {
      const words = s.text.split(/\s+/).length;
      if (words < 4 || s.text.length > 700 || headings.has(s.text.toLowerCase())) continue;
      // Table separators and bare headings carry no statement.
      if (/^[|:\-\s]+$/.test(s.text)) continue;
      // A table header row names columns; it never holds the figure being asked for.
      if (wantsNumber && s.text.includes(" | ") && !/\d/.test(s.text)) continue;
      const terms = new Set(contentTerms(s.text));
      candidates.push({ n: source.n, text: s.text, start: s.start, end: s.end, coverage: 0, terms, order: order++ });
    }
  }
  if (candidates.length === 0) return { text: "", sentences: [] };

  // Local IDF over the candidate sentences: a word every sentence shares ("policy") decides little.
  const weight = new Map<string, number>();
  for (const q of qTerms) {
    const df = candidates.filter((c) => [...c.terms].some((t) => sameStem(t, q))).length;
    weight.set(q, 1 + Math.log(1 + candidates.length / (1 + df)));
  }
  const total = [...weight.values()].reduce((a, b) => a + b, 0);
  const hits = (c: Candidate) => qTerms.filter((q) => [...c.terms].some((t) => sameStem(t, q)));
  for (const c of candidates) c.coverage = hits(c).reduce((s, q) => s + weight.get(q)!, 0) / total;

  const selected: Candidate[] = [];
  const covered = new Set<string>();
  const best = Math.max(...candidates.map((c) => c.coverage));
  if (best <= 0) return { text: "", sentences: [] };
  while (selected.length < maxSentences) {
    let pick: Candidate | null = null;
    let pickScore = 0;
    for (const c of candidates) {
      if (selected.includes(c)) continue;
      if (selected.some((s) => jaccard(s.terms, c.terms) > 0.5)) continue;
      const gain = hits(c)
        .filter((q) => !covered.has(q))
        .reduce((s, q) => s + weight.get(q)!, 0) / total;
      // After the first pick, a sentence must add an uncovered question word or be nearly as good as the best.
      if (selected.length > 0 && gain <= 0 && c.coverage < 0.8 * best) continue;
      if (c.coverage <= 0) continue;
      // Earlier sources (better retrieval rank) and earlier sentences win ties.
      const numeric = wantsNumber && /\d/.test(c.text) ? 0.25 : 0;
      const score = gain + 0.5 * c.coverage + numeric + 0.02 / c.n - 0.0001 * c.order;
      if (score > pickScore) {
        pick = c;
        pickScore = score;
      }
    }
    if (!pick) break;
    selected.push(pick);
    for (const q of hits(pick)) covered.add(q);
  }
  selected.sort((a, b) => a.n - b.n || a.start - b.start);
  const sentences = selected.map(({ n, text, start, end, coverage }) => ({ n, text, start, end, coverage }));
  return { text: sentences.map((s) => `${s.text} [${s.n}]`).join(" "), sentences };
}
