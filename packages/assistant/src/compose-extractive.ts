import { answerExtractively } from "./answer-extractively";
import { ALTERNATE_CREDIT } from "./check-answerability";
import type { PreparedAnswer } from "./prepare-answer";
import { sanitizeAnswer, type SanitizeReport } from "./sanitize-answer";

/**
 * A passage is quoted from when it covers the question at least this share as well as the best
 * one: a sentence from a weaker passage is more often a near miss than a second answer. Picked
 * on the tuning halves (0.75 and 0.5 both lost answers 0.6 keeps).
 */
const QUOTABLE_SHARE = 0.6;

/** How a closest-passage answer opens (few content words: the verifier reads it as a connective). */
export const CLOSEST_LEAD = "Closest match:";

/**
 * The offline answer from the prepared passages: quoted sentences with their citations, made
 * safe like any answer, and the character range each citation highlights in its passage.
 */
export function composeExtractive({
  question,
  prepared,
  allowedHosts,
}: {
  question: string;
  prepared: Pick<PreparedAnswer, "sources" | "answerability" | "confidence"> & {
    condensed: { query: string };
    search: { searchedQuery: string; expansions?: Array<{ from: string; to: string[] }> };
  };
  allowedHosts: readonly string[];
}): { text: string; report: SanitizeReport; ranges: Map<number, { start: number; end: number }> } {
  // Quote only from passages that cover the question nearly as well as the best one (QUOTABLE_SHARE).
  const best = prepared.answerability.coverage;
  const strong = prepared.sources.filter(
    (s) => (prepared.answerability.byChunk.get(s.chunkId) ?? 0) >= QUOTABLE_SHARE * best,
  );
  const query = prepared.search.searchedQuery;
  // The passage words the answerability check read misspelt question words as ("jurry" →
  // "jury"): the sentences are chosen by what the user meant. They come from the passages the
  // caller was given, so they reveal nothing.
  const corrected = prepared.answerability.terms.flatMap((t) => (t.correctedTo ? [t.correctedTo] : []));
  // The synonyms retrieval joined to a word no visible chunk holds ("motorcycle" for "motorbike")
  // choose sentences too, at the share of that word's weight the check credits them
  // (ALTERNATE_CREDIT): only words of the caller's own documents are ever offered.
  const alternates = (prepared.search.expansions ?? []).flatMap((e) => e.to);
  const asked = [query === question ? question : `${question} ${query}`, ...corrected, ...alternates].join(" ");
  const rarity = new Map(prepared.answerability.terms.map((t) => [t.term, t.weight]));
  for (const t of prepared.answerability.terms)
    for (const a of t.alternates ?? []) if (!rarity.has(a)) rarity.set(a, ALTERNATE_CREDIT * t.weight);
  // Every such passage is a candidate, whatever its rank: the step list that answers "what do I
  // do after an accident" may rank below a passage that shares more of the question's words.
  const ex = answerExtractively({ question: asked, sources: strong, rarity, maxSources: strong.length });
  // A near miss says so before quoting: the passage is the nearest the documents come.
  const lead = ex.text && prepared.confidence === "closest" ? `${CLOSEST_LEAD}\n\n` : "";
  const { text, report } = sanitizeAnswer({ text: lead + ex.text, maxCitation: prepared.sources.length, allowedHosts });
  const ranges = new Map<number, { start: number; end: number }>();
  for (const s of ex.sentences) {
    const r = ranges.get(s.n);
    // A quoted table row opens with its header row highlighted too.
    const start = Math.min(s.start, s.header?.start ?? s.start);
    ranges.set(s.n, r ? { start: Math.min(r.start, start), end: Math.max(r.end, s.end) } : { start, end: s.end });
  }
  return { text, report, ranges };
}
