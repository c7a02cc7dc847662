import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { isFrameWord } from "./language/frame-words";
import { isEnglishWord } from "./language/wordnet";
import { textArray, visibleDf } from "./sql-fragments";

export type QueryCorrection = { from: string; to: string };

/** Words shorter than this are left alone: one edit turns a short word into too many others. */
const MIN_LENGTH = 5;

/** Shortest word joined to a hyphenated spelling of the same letters ("wifi" → "wi-fi"). */
const MIN_JOINED = 4;

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

/** Endings Snowball's English stemmer always strips, so a word form built with one stems back to its lexeme. */
const INFLECTIONS = new Set(["", "s", "es", "ed", "ing", "y*"]);

/**
 * The word forms a lexeme may stand for, with the ending added: Snowball also turns a final y
 * into i ("policy" → "polici", "physiotherapy" → "physiotherapi"), so such a lexeme is tried
 * with its y back ("y*" marks that form; the stemmer maps it back to the lexeme).
 */
function formsOf(lexeme: string): Array<{ form: string; ending: string }> {
  const forms = ENDINGS.map((ending) => ({ form: lexeme + ending, ending }));
  if (lexeme.endsWith("i") && lexeme.length > 3) forms.push({ form: `${lexeme.slice(0, -1)}y`, ending: "y*" });
  return forms;
}

/**
 * Whether the query writes the word as a name or code rather than a word: capitals after its
 * first letter ("OPMLs", "mTORC2", "aPKCz", "ComYMV") or a digit against it ("PTENP1"). Such a
 * token names something (a gene, a product, an acronym) the corpus may simply lack; one edit
 * from another code ("mTOR") is another thing, not a slip.
 */
export function writtenAsCode({ word, queryText }: { word: string; queryText: string }): boolean {
  // A query typed all in capitals says nothing by its capitals.
  const capitalsSay = /\p{Ll}/u.test(queryText);
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const m of queryText.matchAll(new RegExp(`(?<![\\p{L}])${escaped}(?![\\p{L}])`, "giu"))) {
    const at = m.index;
    const before = queryText[at - 1] ?? "";
    const after = queryText[at + m[0].length] ?? "";
    if ((capitalsSay && /\p{Lu}/u.test(m[0].slice(1))) || /\d/.test(before) || /\d/.test(after)) return true;
  }
  return false;
}

/** Shortest typed word read as a clipped form ("physio" for physiotherapy, "admin" for administration). */
const MIN_CLIPPED = 5;

/**
 * The closest spelling of `word` among candidate lexemes: each lexeme is tried with the endings
 * its stemmer may have cut, and the nearest form within the allowed edits wins; at equal
 * distance an English word (WordNet) beats a made-up form, then the more frequent lexeme wins.
 * A form WordNet lacks counts only with an ending the stemmer always strips ("phishing" from
 * "phish": WordNet has no "phishing", yet it is what "phising" meant), so it stems back to its
 * lexeme. A lexeme taken as it is ("quillfeather") need not be English: names stem to themselves.
 *
 * Before any edit: a word that is the start of longer visible lexemes is a clipped form
 * ("physio", "admin"), not a slip. Its completion (the most frequent such lexeme, as an English
 * form) wins over a one-edit neighbour: "physio" is one edit from "physic" (the stem of
 * "physical"), but people clip words far more often than they mistype a word into the exact
 * start of another. Returns the form, which stems back to its lexeme, or null.
 */
export function closestForm({
  word,
  candidates,
}: {
  word: string;
  candidates: Array<{ lexeme: string; df: number }>;
}): string | null {
  const visible = candidates.filter((c) => c.df > 0 && /^\p{L}+$/u.test(c.lexeme));
  if (word.length >= MIN_CLIPPED) {
    let completion: { form: string; df: number } | null = null;
    for (const c of visible) {
      // The stem must run past the typed word by more than an ending ("hearin" is a slip of "hearing").
      if (!c.lexeme.startsWith(word) || c.lexeme.length < word.length + 3) continue;
      // The base form: the shortest English one ("physiotherapy", not "physiotherapies").
      const form = formsOf(c.lexeme)
        .map((f) => f.form)
        .filter((f) => isEnglishWord(f))
        .sort((a, b) => a.length - b.length)[0];
      if (form && (!completion || c.df > completion.df)) completion = { form, df: c.df };
    }
    if (completion) return completion.form;
  }
  const limit = allowedEdits(word);
  let best: { form: string; distance: number; english: boolean; df: number } | null = null;
  for (const c of visible) {
    // Slips rarely hit the first letter, while one edit there reaches other words ("whats" → "chats").
    if (c.lexeme[0] !== word[0]) continue;
    for (const { form, ending } of formsOf(c.lexeme)) {
      const distance = editDistance(word, form, limit);
      if (distance === 0 || distance > limit) continue;
      const english = isEnglishWord(form);
      if (!english && !INFLECTIONS.has(ending)) continue;
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
 * Typo correction against the vocabulary the caller may read. First, a word no visible chunk
 * holds that the documents write hyphenated ("wifi" → "wi-fi", "email" → "e-mail": the same
 * letters, with or without its stem's ending) takes their spelling, English or not. A query word is a candidate when
 * no visible chunk holds it, it is long enough, and WordNet does not know it (a real word the
 * corpus lacks — "dogs" — is a sign the question is out of scope, not a typo). Its replacements
 * come from lexemes spelled like the word or like its stem (pg_trgm over the lexicon: the stem
 * "enhnac" finds "enhanc" for "enhnaced", whose own trigrams share too little with it), kept
 * only when the caller's own df is above zero: a correction can never name a word that occurs only in hidden documents.
 * The visible df is tested before the candidate limit: lexemes of hidden documents must not fill
 * the candidate slots, or whether a word gets corrected would depend on text the caller cannot read.
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
  // A word the documents write hyphenated ("wifi" for "Wi-Fi", "email" for "e-mail") is the
  // same word whatever WordNet says of it; only a word of four letters or more is joined.
  const absent = [...wordDf]
    // A frame word ("whats", "gonna") is chat, not a misspelt subject; a code ("OPMLs") is a name.
    .filter(
      ([w, df]) =>
        df === 0 &&
        w.length >= MIN_JOINED &&
        /^\p{L}+$/u.test(w) &&
        !isFrameWord(w) &&
        !writtenAsCode({ word: w, queryText }),
    )
    .map(([w]) => w);
  const misspelt = new Set(absent.filter((w) => w.length >= MIN_LENGTH && !isEnglishWord(w)));
  if (absent.length === 0) return { text: queryText, corrections: [] };
  // A misspelling shares fewer trigrams with a stem than with the word: a lower bar than 0.3
  // (transaction-local, and set first: `%` reads it when the index scan starts).
  await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', '0.25', true)`);
  const r = await tx.execute<{ word: string; lexeme: string; df: number; joined: boolean }>(sql`
    select w.word, c.lexeme, c.df, c.joined from unnest(${textArray(absent)}) as w(word)
    cross join lateral (select coalesce((select x.lexeme from unnest(to_tsvector('english', w.word)) as x limit 1), w.word) as stem) as s
    cross join lateral (
      (select t.lexeme, v.df, false as joined
       from term_stats t cross join lateral (select ${visibleDf(scope, sql`t.lexeme`)}::int as df) as v
       where (t.lexeme % w.word or t.lexeme % s.stem) and t.df > 0 and v.df > 0
       order by greatest(similarity(t.lexeme, w.word), similarity(t.lexeme, s.stem)) desc, t.lexeme
       limit 24)
      union all
      (select t.lexeme, v.df, true as joined
       from term_stats t cross join lateral (select ${visibleDf(scope, sql`t.lexeme`)}::int as df) as v
       where t.lexeme % w.word and strpos(t.lexeme, '-') > 0 and replace(t.lexeme, '-', '') in (w.word, s.stem)
         and t.df > 0 and v.df > 0
       order by t.lexeme
       limit 4)
    ) as c`);
  const byWord = new Map<string, Array<{ lexeme: string; df: number }>>();
  const joinedOf = new Map<string, { lexeme: string; df: number }>();
  for (const row of r.rows) {
    const c = { lexeme: row.lexeme, df: Number(row.df) };
    if (!row.joined) byWord.set(row.word, [...(byWord.get(row.word) ?? []), c]);
    else if ((joinedOf.get(row.word)?.df ?? 0) < c.df) joinedOf.set(row.word, c);
  }
  const corrections: QueryCorrection[] = [];
  let text = queryText;
  for (const word of absent) {
    // The documents' own spelling of the same letters beats any one-edit neighbour.
    const to =
      joinedOf.get(word)?.lexeme ??
      (misspelt.has(word) ? closestForm({ word, candidates: byWord.get(word) ?? [] }) : null);
    if (!to) continue;
    corrections.push({ from: word, to });
    text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, "giu"), to);
  }
  return { text, corrections };
}
