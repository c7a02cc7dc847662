import { sql } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { correctQuery, type QueryCorrection } from "./correct-query";
import { EXPANSION_WEIGHT, expandableWords, expandQuery, type QueryExpansion } from "./expand-query";
import { lookupQueryTerms, type QueryTerms } from "./lookup-query-terms";
import { readVisibility, visibilitySql, type Visibility } from "./run-vector-leg";
import { readWordStats, wordStatsSql } from "./sql-fragments";

export type QueryPlan = {
  /** The ranked query's terms with visible df, plus `extra.words` (the asked words' visible df). */
  stats: QueryTerms & { extra: Record<string, unknown> };
  visibility: Visibility;
  /** The query as the lexical leg ranks it: corrections applied. */
  lexicalText: string;
  corrections: QueryCorrection[];
  expansions: QueryExpansion[];
  /** Expansion lexemes at a fraction of a typed word's weight. */
  termWeights: Map<string, number> | undefined;
};

/**
 * Term statistics and the visibility estimate in one round trip, then typo correction and
 * (opt-in) expansion of words no visible chunk holds — each a re-lookup of the changed query.
 */
export async function planQuery({
  tx,
  scope,
  queryText,
  preferredModel,
  wordStats,
  correct,
  expand,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  queryText: string;
  /** The query embedder's model, for the visibility estimate. */
  preferredModel: string;
  /** Words whose visible df the caller wants (options.wordStats). */
  wordStats: string[];
  correct: boolean;
  expand: boolean;
}): Promise<QueryPlan> {
  // The query's own words ride along too: a word no visible chunk holds may be a typo, or
  // a paraphrase of a word the documents use.
  const own = correct || expand ? expandableWords(queryText) : [];
  const extra = (words: string[]) =>
    sql`json_build_object('visibility', ${visibilitySql({ preferred: preferredModel, scope })}, 'words', ${words.length > 0 ? wordStatsSql(scope, words) : sql`null::json`})`;
  let stats = await lookupQueryTerms({ tx, scope, queryText, extra: extra([...wordStats, ...own]) });
  const visibility = readVisibility(stats.extra.visibility);
  const ownDf = readWordStats(stats.extra.words);
  let lexicalText = queryText;
  let corrections: QueryCorrection[] = [];
  let expansions: QueryExpansion[] = [];
  let termWeights: Map<string, number> | undefined;
  if (correct && own.length > 0) {
    const corrected = await correctQuery({ tx, scope, queryText, wordDf: ownDf });
    if (corrected.corrections.length > 0) {
      lexicalText = corrected.text;
      corrections = corrected.corrections;
      stats = await lookupQueryTerms({
        tx,
        scope,
        queryText: lexicalText,
        extra: extra([...wordStats, ...corrections.map((c) => c.to)]),
      });
    }
  }
  if (expand && own.length > 0) {
    const corrected = new Set(corrections.map((c) => c.from));
    expansions = await expandQuery({ tx, scope, words: own.filter((w) => !corrected.has(w)), wordDf: ownDf });
    if (expansions.length > 0) {
      const typed = new Set(stats.terms.map((t) => t.lexeme));
      const words = stats.extra.words;
      stats = await lookupQueryTerms({
        tx,
        scope,
        queryText: `${lexicalText} ${expansions.flatMap((e) => e.to).join(" ")}`,
        extra: extra([...wordStats, ...corrections.map((c) => c.to)]),
      });
      stats.extra.words = words;
      termWeights = new Map(stats.terms.filter((t) => !typed.has(t.lexeme)).map((t) => [t.lexeme, EXPANSION_WEIGHT]));
    }
  }
  return { stats, visibility, lexicalText, corrections, expansions, termWeights };
}
