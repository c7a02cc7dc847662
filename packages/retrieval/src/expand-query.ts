import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { isFrameWord } from "./language/frame-words";
import { isEnglishWord, relatedWords } from "./language/wordnet";
import { readWordStats, wordStatsSql } from "./sql-fragments";

export type QueryExpansion = { from: string; to: string[] };

/** Weight of an expansion term relative to a typed one: it may mean what the user meant, or not. */
export const EXPANSION_WEIGHT = 0.4;
const PER_WORD = 3;

/** The query's words as letters only, lower-cased, three letters or more: what expansion looks at. */
export function expandableWords(queryText: string): string[] {
  return [
    ...new Set(
      (
        queryText
          .normalize("NFKC")
          .toLowerCase()
          .match(/\p{L}+/gu) ?? []
      ).filter((w) => w.length >= 3),
    ),
  ];
}

/**
 * Paraphrase reach without a model: an English content word that no chunk the caller may read
 * holds ("wages", "holiday") is joined by WordNet synonyms of its two commonest senses ("pay",
 * "salary"; "vacation") that the caller's
 * documents do hold (visible df > 0, so nothing hidden is ever suggested), up to three per
 * word. Words the corpus already uses are never expanded: their own matches are evidence
 * enough, and expanding them is what made query expansion hurt ranking elsewhere (SciFact).
 * Hypernyms and derivational forms are left out: broader words ("leisure", "table", "woman")
 * let out-of-scope questions match (measured on the tune halves: marrowby out-of-scope declined
 * .667 with them, .75 without; pellow-hart .444 vs .556; README).
 */
export async function expandQuery({
  tx,
  scope,
  words,
  wordDf,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  words: string[];
  wordDf: Map<string, number | null>;
}): Promise<QueryExpansion[]> {
  const absent = words.filter((w) => wordDf.get(w) === 0 && !isFrameWord(w) && isEnglishWord(w));
  if (absent.length === 0) return [];
  const candidates = new Map<string, string[]>();
  for (const w of absent) {
    const related = relatedWords(w, { senses: 2 }).filter((r) => /^\p{L}{3,}$/u.test(r) && !isFrameWord(r));
    if (related.length > 0) candidates.set(w, related.slice(0, 16));
  }
  const all = [...new Set([...candidates.values()].flat())];
  if (all.length === 0) return [];
  const r = await tx.execute<{ words: unknown }>(sql`select ${wordStatsSql(scope, all)} as words`);
  const df = readWordStats(r.rows[0]?.words);
  const out: QueryExpansion[] = [];
  for (const [from, related] of candidates) {
    const to = related.filter((x) => (df.get(x) ?? 0) > 0).slice(0, PER_WORD);
    if (to.length > 0) out.push({ from, to });
  }
  return out;
}
