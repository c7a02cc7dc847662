import { sql, type SQL } from "drizzle-orm";
import type { ReaderScope, ReaderTx } from "@groundwork/access/reader-scope";
import { principalChunkSum, visibleChunkCount, visibleDf } from "./sql-fragments";

/**
 * BM25's idf of a lexeme held by `df` of `n` chunks (the Lucene form, never negative). df and n
 * count each visible chunk once (visibleDf, visibleChunkCount), so df ≤ n; the clamp keeps a
 * word that every chunk holds at near-zero weight should a caller ever pass a larger df.
 */
export function bm25Idf({ n, df }: { n: number; df: number }): number {
  const d = Math.min(df, n);
  return Math.log(1 + (n - d + 0.5) / (d + 0.5));
}

export type Term = {
  lexeme: string;
  qtf: number;
  df: number;
  idf: number;
  positions: number[];
  /** Corpus-wide bounds kept by the stats triggers: max occurrences, max title occurrences, shortest chunk. */
  maxTf: number;
  maxTitleTf: number;
  minLength: number;
};
/** Every query lexeme with its corpus statistics (df 0: not in the corpus), plus the corpus size. */
export type QueryTerms = {
  terms: Term[];
  chunkCount: number;
  avgdl: number;
  /**
   * The lexical leg's choice of postings table: the caller's principals' chunk counts summed
   * (unclamped, unlike chunkCount) and the corpus size. Per caller, never per word.
   */
  postingsShare?: { principalChunks: number | null; corpusChunks: number };
};

/**
 * The query's lexemes with document frequencies and the corpus size/length, in one round trip.
 * df and N count only the chunks `scope` may read, each once (chunk_acl_counts; term_principal_stats
 * or, for a caller some of whose chunks name two of their principals, chunk_postings): a lexeme
 * that occurs only in hidden documents comes back exactly like one that occurs nowhere (df 0),
 * so nothing downstream — pruning, ranking, rarity, answerability, and the time all of that
 * takes — can tell them apart. Lexemes with df 0 cannot match, so the lexical leg leaves them
 * out, but callers (the assistant's answerability check) want to know about them. The per-term
 * pruning bounds (max_tf, min_length) stay corpus-wide: they only widen what is scored. `extra`
 * (a json expression) rides along in the same round trip — the vector leg's probe uses it.
 */
export async function lookupQueryTerms({
  tx,
  scope,
  queryText,
  extra,
}: {
  tx: ReaderTx;
  scope: ReaderScope;
  queryText: string;
  extra?: SQL;
}): Promise<QueryTerms & { extra: Record<string, unknown> }> {
  const r = await tx.execute<{
    lexeme: string | null;
    qtf: number;
    df: number | null;
    n: number;
    principal_n: number | null;
    corpus_n: number;
    total: number;
    positions: number[] | null;
    max_tf: number;
    max_title_tf: number;
    min_length: number;
    extra: unknown;
  }>(sql`
    select u.lexeme, coalesce(cardinality(u.positions), 1) as qtf, u.positions::int[] as positions,
           ${visibleDf(scope, sql`u.lexeme`)}::int as df, ${visibleChunkCount(scope)}::float8 as n, ${principalChunkSum(scope)} as principal_n, s.chunk_count::float8 as corpus_n, s.token_total::float8 as total,
           coalesce(t.max_tf, 0) as max_tf, coalesce(t.max_title_tf, 0) as max_title_tf, coalesce(t.min_length, 0) as min_length,
           ${extra ?? sql`null::json`} as extra
    from corpus_stats s
    left join lateral unnest(to_tsvector('english', ${queryText})) as u on true
    left join term_stats t on t.lexeme = u.lexeme
    where s.id = 1`);
  const chunkCount = Number(r.rows[0]?.n ?? 0);
  const n = Math.max(chunkCount, 1);
  // Average length is corpus-wide: the same for every query, so it reveals no word.
  const avgdl = Math.max(Number(r.rows[0]?.total ?? 0) / Math.max(Number(r.rows[0]?.corpus_n ?? 0), 1), 1);
  const terms = r.rows
    .filter((row): row is typeof row & { lexeme: string } => row.lexeme !== null)
    .map((row) => {
      const df = Math.max(Number(row.df ?? 0), 0);
      return {
        lexeme: row.lexeme,
        qtf: Number(row.qtf),
        df,
        idf: bm25Idf({ n, df }),
        positions: (row.positions ?? []).map(Number),
        maxTf: Number(row.max_tf),
        maxTitleTf: Number(row.max_title_tf),
        minLength: Number(row.min_length),
      };
    })
    .sort((a, b) => b.idf - a.idf || (a.lexeme < b.lexeme ? -1 : 1));
  const extraRow = r.rows[0]?.extra;
  const principalN = r.rows[0]?.principal_n;
  return {
    terms,
    chunkCount,
    avgdl,
    postingsShare: {
      principalChunks: principalN === null || principalN === undefined ? null : Number(principalN),
      corpusChunks: Number(r.rows[0]?.corpus_n ?? 0),
    },
    extra: extraRow && typeof extraRow === "object" ? (extraRow as Record<string, unknown>) : {},
  };
}
