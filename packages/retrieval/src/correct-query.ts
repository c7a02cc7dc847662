import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { isEnglishWord } from "./language/wordnet";
import { textArray, visibleDf } from "./sql-fragments";

export type QueryCorrection = { from: string; to: string };

/** Words shorter than this are left alone: one edit turns a short word into too many others. */
const MIN_LENGTH = 5;

/** Word forms of a lexeme to compare a misspelling with: Snowball stems drop these endings. */
const ENDINGS = [
  "",
  "s",
  "e",
  "es",
  "ed",
  "ing",
  "ion",
  "ions",
  "y",
  "ies",
  "al",
  "er",
  "ers",
  "ment",
  "ments",
  "ly",
  "ity",
  "ation",
  "ations",
  "ance",
  "ence",
  "ive",
];

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > cap) return cap + 1;
  }
  return d[a.length]![b.length]!;
}

/** Edits a word of this length may need to count as a misspelling: 1 up to 7 letters, then 2. */
export function allowedEdits(word: string): number {
  return word.length >= 8 ? 2 : 1;
}

/**
 * The closest spelling of `word` among candidate lexemes: each lexeme is tried with the endings
 * its stemmer may have cut, and the nearest form within the allowed edits wins; at equal
 * distance an English word (WordNet) beats a made-up form, then the more frequent lexeme wins.
 * A lexeme taken as it is ("quillfeather") need not be English: names stem to themselves.
 * Returns the form, which stems back to its lexeme, or null.
 */
export function closestForm({
  word,
  candidates,
}: {
  word: string;
  candidates: Array<{ lexeme: string; df: number }>;
}): string | null {
  const limit = allowedEdits(word);
  let best: { form: string; distance: number; english: boolean; df: number } | null = null;
  for (const c of candidates) {
    if (c.df <= 0 || !/^\p{L}+$/u.test(c.lexeme)) continue;
    for (const ending of ENDINGS) {
      const form = c.lexeme + ending;
      const distance = editDistance(word, form, limit);
      if (distance === 0 || distance > limit) continue;
      const english = isEnglishWord(form);
      if (!english && ending !== "") continue;
      const better =
        !best ||
        distance < best.distance ||
        (distance === best.distance && (english > best.english || (english === best.english && c.df > best.df)));
      if (better) best = { form, distance, english, df: c.df };
    }
  }
  return best?.form ?? null;
}

/**
 * Typo correction against the vocabulary the caller may read. A query word is a candidate when
 * no visible chunk holds it, it is long enough, and WordNet does not know it (a real word the
 * corpus lacks — "dogs" — is a sign the question is out of scope, not a typo). Its replacements
 * come from lexemes spelled alike (pg_trgm over the lexicon), kept only when the caller's own
 * df is above zero: a correction can never name a word that occurs only in hidden documents.
 */
export async function correctQuery({
  tx,
  scope,
  queryText,
  wordDf,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  queryText: string;
  wordDf: Map<string, number | null>;
}): Promise<{ text: string; corrections: QueryCorrection[] }> {
  const unknown = [...wordDf]
    .filter(([w, df]) => df === 0 && w.length >= MIN_LENGTH && /^\p{L}+$/u.test(w) && !isEnglishWord(w))
    .map(([w]) => w);
  if (unknown.length === 0) return { text: queryText, corrections: [] };
  // A misspelling shares fewer trigrams with a stem than with the word: a lower bar than 0.3
  // (transaction-local, and set first: `%` reads it when the index scan starts).
  await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', '0.25', true)`);
  const r = await tx.execute<{ word: string; lexeme: string; df: number }>(sql`
    select w.word, c.lexeme, c.df from unnest(${textArray(unknown)}) as w(word)
    cross join lateral (
      select t.lexeme, ${visibleDf(scope, sql`t.lexeme`)}::int as df
      from term_stats t
      where t.lexeme % w.word and t.df > 0
      order by similarity(t.lexeme, w.word) desc, t.lexeme
      limit 24
    ) as c`);
  const byWord = new Map<string, Array<{ lexeme: string; df: number }>>();
  for (const row of r.rows)
    byWord.set(row.word, [...(byWord.get(row.word) ?? []), { lexeme: row.lexeme, df: Number(row.df) }]);
  const corrections: QueryCorrection[] = [];
  let text = queryText;
  for (const word of unknown) {
    const to = closestForm({ word, candidates: byWord.get(word) ?? [] });
    if (!to) continue;
    corrections.push({ from: word, to });
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "giu"), to);
  }
  return { text, corrections };
}
